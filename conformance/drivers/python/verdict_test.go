package python_test

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/okmock/okmock/conformance"
)

// expectation is what a run must show: the specs matching caught fail,
// the others pass (or, with spared set instead, the specs matching spared
// pass and the others fail). Skips are allowed only when skipUnclaimed is
// set, and only for features the driver does not claim.
type expectation struct {
	caught, spared []string
	skipUnclaimed  bool
}

// mismatch is a spec whose outcome differs from the expectation.
type mismatch struct {
	name, state, message string
	wantFail             bool
}

// compare answers the specs of s that do not meet e, and the patterns of
// e that name no spec (a renamed spec must not make a pattern vacuous).
func (e expectation) compare(s *conformance.Summary) (bad []mismatch, unused []string) {
	patterns, matchFails := e.caught, true
	if e.spared != nil {
		patterns, matchFails = e.spared, false
	}
	used := map[string]bool{}
	for _, r := range s.Specs {
		matched := false
		for _, p := range patterns {
			if ok, _ := path.Match(p, r.Name); ok {
				matched, used[p] = true, true
			}
		}
		wantFail := matched == matchFails
		ok := r.State == conformance.StatePassed
		if wantFail {
			ok = r.State == conformance.StateFailed
		} else if e.skipUnclaimed && r.State == conformance.StateSkipped {
			ok = strings.Contains(r.Message, "does not claim") || strings.Contains(r.Message, "claims no")
		}
		if !ok {
			bad = append(bad, mismatch{r.Name, r.State, firstLine(r.Message), wantFail})
		}
	}
	for _, p := range patterns {
		if !used[p] {
			unused = append(unused, p)
		}
	}
	return bad, unused
}

// timingSpecs are the specs that judge waits and durations measured on
// this machine: on a busy one (two cores, -race, several suites at once)
// a correct driver can fail them for want of CPU.
var timingSpecs = []string{"recommended/retry/*/*", "recommended/timeout/*"}

func isTiming(name string) bool {
	for _, p := range timingSpecs {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// expect checks run's summary s against e. When the only mismatches are
// timing specs that should have passed but failed, those specs run once
// more on their own (--focus) and must pass then: a real regression fails
// both times, CPU contention rarely strikes twice. Nothing else is re-run,
// and a spec that should fail is never given a second chance.
func expect(t *testing.T, run childRun, s *conformance.Summary, e expectation) {
	t.Helper()
	bad, unused := e.compare(s)
	for _, p := range unused {
		t.Errorf("pattern %q names no spec of the catalogue", p)
	}
	if again := timingFlukes(bad); len(again) > 0 {
		t.Logf("re-running %v alone: they failed under load (%s)", again, bad[0].message)
		run.Focus = nil
		for _, n := range again {
			run.Focus = append(run.Focus, "^"+regexp.QuoteMeta(n)+"$")
		}
		bad = nil
		for _, r := range runSuite(t, run).Specs {
			if r.State == conformance.StateFailed {
				bad = append(bad, mismatch{r.Name, r.State, firstLine(r.Message), false})
			}
		}
	}
	for _, m := range bad {
		if m.wantFail {
			t.Errorf("%s must catch this driver, but it %s", m.name, m.state)
		} else {
			t.Errorf("%s must pass with this driver, but it %s: %s", m.name, m.state, m.message)
		}
	}
	t.Logf("%s: %v", run, s.Totals)
}

// timingFlukes answers the names in bad when every one is a timing spec
// that should have passed; nil otherwise.
func timingFlukes(bad []mismatch) []string {
	var names []string
	for _, m := range bad {
		if m.wantFail || m.state != conformance.StateFailed || !isTiming(m.name) {
			return nil
		}
		names = append(names, m.name)
	}
	return names
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
