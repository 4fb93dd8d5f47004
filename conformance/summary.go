package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/okmock/okmock/conformance/protocol"
)

// Spec states in a summary.
const (
	StatePassed         = "passed"
	StateFailed         = "failed"
	StateSkipped        = "skipped"
	StateKnownFailing   = "known-failing"
	StateUnexpectedPass = "unexpected-pass"
	// StateInterrupted is the spec that was running when the run was
	// interrupted; the specs left are skipped.
	StateInterrupted = "interrupted"
)

// Summary is the outcome of a run, as --json-report writes it.
type Summary struct {
	// Protocol is the protocol version the suite spoke.
	Protocol int `json:"protocol"`
	// Driver is what the driver said to hello.
	Driver protocol.HelloResult `json:"driver"`
	// Target is the okmock the suite ran against.
	Target string `json:"target"`
	// Started is when the run began; DurationMS how long it took.
	Started    time.Time `json:"started"`
	DurationMS int64     `json:"duration_ms"`
	// Passed is the verdict: nothing failed outside the known-failing
	// list, and nothing on the list passed.
	Passed bool `json:"passed"`
	// Interrupted says the run was stopped (SIGINT, SIGTERM) before its
	// end: the summary holds the specs run so far.
	Interrupted bool `json:"interrupted,omitempty"`
	// Totals counts the specs by state.
	Totals map[string]int `json:"totals"`
	// Failed names the specs that make the run fail (failed, and passing
	// though listed as known failing), in suite order.
	Failed []string `json:"failed"`
	// UnknownKnownFailing are listed names that are not specs.
	UnknownKnownFailing []string `json:"unknown_known_failing,omitempty"`
	// Specs is every spec's outcome, in suite order.
	Specs []SpecResult `json:"specs"`
}

// SpecResult is one spec's outcome.
type SpecResult struct {
	Name       string `json:"name"`
	Tier       Tier   `json:"tier"`
	Fact       string `json:"fact"`
	State      string `json:"state"`
	Message    string `json:"message,omitempty"`
	DurationMS int64  `json:"duration_ms"`
}

// summarize turns the (known-failing applied) Ginkgo report into a
// summary, in catalogue order.
func summarize(report types.Report, hello protocol.HelloResult, target string, started time.Time, known map[string]bool) *Summary {
	s := &Summary{
		Protocol: protocol.Version, Driver: hello, Target: target, Started: started.UTC(),
		DurationMS: time.Since(started).Milliseconds(), Totals: map[string]int{}, Failed: []string{},
	}
	byName := map[string]types.SpecReport{}
	for _, r := range report.SpecReports {
		if r.LeafNodeType == types.NodeTypeIt {
			byName[r.FullText()] = r
		} else if r.State.Is(types.SpecStateFailureStates) {
			// A failure outside any spec (setup, reporting) fails the run.
			s.Failed = append(s.Failed, r.LeafNodeType.String()+": "+firstLine(r.Failure.Message))
		}
	}
	cat := Catalogue()
	for _, spec := range cat {
		r, ran := byName[spec.Name]
		res := SpecResult{Name: spec.Name, Tier: spec.Tier, Fact: spec.Fact, DurationMS: r.RunTime.Milliseconds()}
		res.State, res.Message = verdict(r, ran, known[spec.Name])
		s.Totals[res.State]++
		if res.State == StateFailed || res.State == StateUnexpectedPass {
			s.Failed = append(s.Failed, spec.Name)
		}
		s.Specs = append(s.Specs, res)
	}
	names := specNames(cat)
	for n := range known {
		if _, found := slices.BinarySearch(names, n); !found {
			s.UnknownKnownFailing = append(s.UnknownKnownFailing, n)
		}
	}
	slices.Sort(s.UnknownKnownFailing)
	s.Interrupted = s.Totals[StateInterrupted] > 0
	for _, why := range report.SpecialSuiteFailureReasons {
		// Ginkgo's own catch of SIGINT between two specs: none interrupted.
		s.Interrupted = s.Interrupted || strings.HasPrefix(why, "Interrupted")
	}
	s.Passed = len(s.Failed) == 0 && len(report.SpecialSuiteFailureReasons) == 0 && !s.Interrupted
	return s
}

func verdict(r types.SpecReport, ran, listed bool) (state, message string) {
	msg := r.Failure.Message
	switch {
	case !ran:
		return StateSkipped, "not run"
	case r.State == types.SpecStateInterrupted || r.State == types.SpecStateAborted:
		// The suite aborts only on an interrupt (stopIfInterrupted).
		return StateInterrupted, msg
	case r.State == types.SpecStatePassed:
		return StatePassed, ""
	case listed && r.State == types.SpecStateFailed && msg == unexpectedPassNote:
		return StateUnexpectedPass, msg
	case listed && r.State == types.SpecStateSkipped && strings.HasPrefix(msg, knownFailingNote):
		return StateKnownFailing, strings.TrimPrefix(msg, knownFailingNote)
	case r.State == types.SpecStateSkipped || r.State == types.SpecStatePending:
		if msg == "" {
			msg = "not selected"
		}
		return StateSkipped, msg
	}
	return StateFailed, msg
}

// WriteJSON writes the summary as indented JSON.
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// ReadSummary reads what WriteJSON wrote.
func ReadSummary(r io.Reader) (*Summary, error) {
	var s Summary
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return nil, fmt.Errorf("conformance: read summary: %w", err)
	}
	return &s, nil
}

// ReadSummaryFile reads a --json-report file.
func ReadSummaryFile(path string) (*Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSummary(f)
}

// Print writes a short readable account: the counts, then each spec that
// fails the run (and each known failure) with its fact and first line.
func (s *Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "\nokmock conformance (protocol %d): driver %s %s against %s\n", s.Protocol, s.Driver.Name, s.Driver.Version, s.Target)
	fmt.Fprintf(w, "  features: %s\n", featureList(s.Driver.Features))
	fmt.Fprintf(w, "  %d specs: %d passed, %d failed, %d skipped, %d known failing, %d unexpected passes (%.1fs)\n",
		len(s.Specs), s.Totals[StatePassed], s.Totals[StateFailed], s.Totals[StateSkipped],
		s.Totals[StateKnownFailing], s.Totals[StateUnexpectedPass], float64(s.DurationMS)/1000)
	for _, r := range s.Specs {
		switch r.State {
		case StateFailed, StateUnexpectedPass, StateKnownFailing, StateInterrupted:
			fmt.Fprintf(w, "  %-16s %s [%s]\n", strings.ToUpper(r.State), r.Name, r.Tier)
			fmt.Fprintf(w, "  %16s fact: %s\n", "", r.Fact)
			if m := firstLine(r.Message); m != "" {
				fmt.Fprintf(w, "  %16s %s\n", "", m)
			}
		}
	}
	for _, n := range s.UnknownKnownFailing {
		fmt.Fprintf(w, "  warning: the known-failing list names %q, which is not a spec\n", n)
	}
	verdict := "PASS"
	switch {
	case s.Interrupted:
		verdict = "INTERRUPTED (the specs left did not run)"
	case !s.Passed:
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "verdict: %s\n", verdict)
}

func featureList(fs []protocol.Feature) string {
	if len(fs) == 0 {
		return "(none)"
	}
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return strings.Join(out, " ")
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return clip(s, 300)
}
