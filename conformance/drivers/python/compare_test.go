package python_test

import (
	"slices"
	"testing"

	"github.com/okmock/okmock/conformance"
)

// TestExpectationCompare pins down how a run is judged: the broken-driver
// test is only as strict as this comparison.
func TestExpectationCompare(t *testing.T) {
	summary := func(states ...string) *conformance.Summary {
		names := []string{"required/signature/server/ascii", "required/signature/client/ascii", "recommended/retry/flood-8/recovers"}
		s := &conformance.Summary{}
		for i, st := range states {
			msg := ""
			if st == conformance.StateSkipped {
				msg = "the driver does not claim sign_client"
			}
			s.Specs = append(s.Specs, conformance.SpecResult{Name: names[i], State: st, Message: msg})
		}
		return s
	}
	const p, f, s = conformance.StatePassed, conformance.StateFailed, conformance.StateSkipped
	for _, tc := range []struct {
		name   string
		e      expectation
		run    *conformance.Summary
		bad    []string
		unused []string
		flukes []string
	}{
		{"all pass", expectation{}, summary(p, p, p), nil, nil, nil},
		{"caught exactly", expectation{caught: []string{"required/signature/*/ascii"}}, summary(f, f, p), nil, nil, nil},
		{"a tooth lost", expectation{caught: []string{"required/signature/*/ascii"}}, summary(f, p, p),
			[]string{"required/signature/client/ascii"}, nil, nil},
		{"an unrelated failure", expectation{caught: []string{"required/signature/server/*"}}, summary(f, f, p),
			[]string{"required/signature/client/ascii"}, nil, nil},
		{"spared", expectation{spared: []string{"recommended/*/*/*"}}, summary(f, f, p), nil, nil, nil},
		{"a vacuous pattern", expectation{caught: []string{"required/signature/server/ascii", "hostile/gone"}}, summary(f, p, p),
			nil, []string{"hostile/gone"}, nil},
		{"skip not allowed", expectation{}, summary(p, s, p), []string{"required/signature/client/ascii"}, nil, nil},
		{"skip of an unclaimed feature", expectation{skipUnclaimed: true}, summary(p, s, p), nil, nil, nil},
		{"a timing spec failing alone is re-run", expectation{}, summary(p, p, f),
			[]string{"recommended/retry/flood-8/recovers"}, nil, []string{"recommended/retry/flood-8/recovers"}},
		{"a timing spec failing with another is not", expectation{}, summary(f, p, f),
			[]string{"required/signature/server/ascii", "recommended/retry/flood-8/recovers"}, nil, nil},
		{"a timing spec that should fail is never re-run", expectation{caught: []string{"recommended/retry/*/*"}}, summary(p, p, p),
			[]string{"recommended/retry/flood-8/recovers"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad, unused := tc.e.compare(tc.run)
			var names []string
			for _, m := range bad {
				names = append(names, m.name)
			}
			if !slices.Equal(names, tc.bad) || !slices.Equal(unused, tc.unused) {
				t.Errorf("compare = %v, unused %v; want %v, unused %v", names, unused, tc.bad, tc.unused)
			}
			if got := timingFlukes(bad); !slices.Equal(got, tc.flukes) {
				t.Errorf("timingFlukes = %v, want %v", got, tc.flukes)
			}
		})
	}
}
