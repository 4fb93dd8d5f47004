package conformance

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/onsi/ginkgo/v2/reporters"
	"github.com/onsi/ginkgo/v2/types"
)

// ReadKnownFailing reads a known-failing list: one spec name per line;
// blank lines and text after '#' are ignored.
func ReadKnownFailing(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

// ReadKnownFailingFile is ReadKnownFailing of a file.
func ReadKnownFailingFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadKnownFailing(f)
}

func knownSet(names []string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}

// Messages of the known-failing verdicts.
const (
	knownFailingNote   = "known failing: "
	unexpectedPassNote = "listed as known failing, but passed: take it off the list"
)

// applyKnownFailing rewrites a copy of report so that every report
// (Ginkgo's, JUnit, the summary) shows the verdict: a listed spec that
// failed is skipped with a note, a listed spec that passed has failed.
func applyKnownFailing(report types.Report, known map[string]bool) types.Report {
	specs := make(types.SpecReports, len(report.SpecReports))
	copy(specs, report.SpecReports)
	ok := true
	for i := range specs {
		s := &specs[i]
		if s.LeafNodeType != types.NodeTypeIt {
			if s.State.Is(types.SpecStateFailureStates) {
				ok = false
			}
			continue
		}
		name := s.FullText()
		switch {
		case known[name] && s.State.Is(types.SpecStateFailureStates):
			s.Failure.Message = knownFailingNote + s.Failure.Message
			s.State = types.SpecStateSkipped
		case known[name] && s.State == types.SpecStatePassed:
			s.State = types.SpecStateFailed
			s.Failure = types.Failure{Message: unexpectedPassNote, FailureNodeType: types.NodeTypeIt}
			ok = false
		case s.State.Is(types.SpecStateFailureStates):
			ok = false
		}
	}
	report.SpecReports = specs
	report.SuiteSucceeded = ok && len(report.SpecialSuiteFailureReasons) == 0
	return report
}

// writeGinkgoReports writes the JUnit and Ginkgo JSON reports asked for,
// from the report with known failures applied.
func writeGinkgoReports(report types.Report, rc types.ReporterConfig) error {
	if rc.JUnitReport != "" {
		if err := reporters.GenerateJUnitReport(report, rc.JUnitReport); err != nil {
			return fmt.Errorf("conformance: JUnit report: %w", err)
		}
	}
	if rc.JSONReport != "" {
		if err := reporters.GenerateJSONReport(report, rc.JSONReport); err != nil {
			return fmt.Errorf("conformance: Ginkgo JSON report: %w", err)
		}
	}
	return nil
}
