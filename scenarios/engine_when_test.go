package scenarios

import (
	"strings"
	"testing"
	"time"
)

func TestSmallestRuleFiresOnceThenCallsSucceed(t *testing.T) {
	e := engineWith(t, 1, smallestRule)
	first := e.Evaluate(apiCall("users.getCurrentUser"))
	if got := describe(first); got != "error=102" {
		t.Fatalf("first call: %s, want error=102", got)
	}
	if len(first.Rules) != 1 || first.Rules[0] != "r1" {
		t.Errorf("Rules = %v, want [r1]", first.Rules)
	}
	for i := range 3 {
		if o := e.Evaluate(apiCall("users.getCurrentUser")); o != nil {
			t.Errorf("call %d after the rule fired: %s, want a normal answer", i+2, describe(o))
		}
	}
	if o := e.Evaluate(apiCall("users.getInfo")); o != nil {
		t.Errorf("another method: %s", describe(o))
	}
	info := e.List()[0]
	if info.Matched != 4 || info.Fired != 1 || !info.Exhausted {
		t.Errorf("counters: matched %d fired %d exhausted %v, want 4, 1, true", info.Matched, info.Fired, info.Exhausted)
	}
}

func TestWhenPicksTheMatchedCallsARuleFiresOn(t *testing.T) {
	tests := []struct {
		rule string
		want string
	}{
		{"when: {nth: 3}", "..X......."},
		{"when: {first: 2}", "XX........"},
		{"times: 2", "XX........"},
		{"when: {every: 2}", ".X.X.X.X.X"},
		{"when: {after: 5}", ".....XXXXX"},
		{"when: {every: 2, after: 3}", "...X.X.X.X"},
		{"when: {first: 4, every: 2}", ".X.X......"},
		{"when: {after: 2}\ntimes: 3", "..XXX....."},
		{"when: {nth: 4, every: 2}", "...X......"},
		{"when: {every: 3}\ntimes: 2", "..X..X...."},
		{"when: {probability: 1}", "XXXXXXXXXX"},
		{"when: {every: 1}", "XXXXXXXXXX"},
		{"when: {after: 0}", "XXXXXXXXXX"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.rule, "\n", " "), func(t *testing.T) {
			e := engineWith(t, 1, "match: {method: users.getInfo}\n"+tt.rule+"\nrespond: {error_code: 1}")
			e.Evaluate(apiCall("friends.get")) // not matched: must not count
			if got := pattern(e, apiCall("users.getInfo"), 10); got != tt.want {
				t.Errorf("fired on %s, want %s", got, tt.want)
			}
		})
	}
}

func TestProbabilityIsReproducibleFromTheSeed(t *testing.T) {
	rule := "when: {probability: 0.3}\nrespond: {error_code: 1}"
	run := func(seed int64) string { return pattern(engineWith(t, seed, rule), apiCall("x.y"), 1000) }
	a, b, other := run(42), run(42), run(43)
	if a != b {
		t.Error("the same seed and call sequence gave different decisions")
	}
	if a == other {
		t.Error("a different seed gave the very same 1000 decisions")
	}
	if n := strings.Count(a, "X"); n < 240 || n > 360 {
		t.Errorf("fired %d times in 1000 calls at p=0.3", n)
	}
}

func TestProbabilityDrawsDoNotDependOnOtherRules(t *testing.T) {
	rule := "match: {method: a.b}\nwhen: {probability: 0.5}\nrespond: {error_code: 1}"
	alone := engineWith(t, 7, rule)
	mixed := engineWith(t, 7, rule, "match: {method: c.d}\nwhen: {probability: 0.5}\nrespond: {error_code: 2}")
	var got, want strings.Builder
	for i := range 200 {
		want.WriteString(describe(alone.Evaluate(apiCall("a.b"))))
		if i%3 == 0 {
			mixed.Evaluate(apiCall("c.d"))
		}
		got.WriteString(describe(mixed.Evaluate(apiCall("a.b"))))
	}
	if got.String() != want.String() {
		t.Error("calls matched by another rule changed this rule's draws")
	}
}

func TestAbsoluteTimeWindow(t *testing.T) {
	e := engineWith(t, 1, "when:\n  from: 2026-03-01T12:00:00Z\n  until: 2026-03-01T13:00:00Z\nrespond: {error_code: 1}")
	for _, tt := range []struct {
		at   time.Duration
		want bool
	}{{-time.Nanosecond, false}, {0, true}, {59 * time.Minute, true}, {time.Hour - 1, true}, {time.Hour, false}} {
		req := apiCall("x.y")
		req.Time = t0.Add(tt.at)
		if got := e.Evaluate(req) != nil; got != tt.want {
			t.Errorf("at t0%+v: fired=%v, want %v", tt.at, got, tt.want)
		}
	}
}

func TestOpenEndedAbsoluteWindows(t *testing.T) {
	from := engineWith(t, 1, "when: {from: 2026-03-01T12:00:00Z}\nrespond: {error_code: 1}")
	until := engineWith(t, 1, "when: {until: 2026-03-01T12:00:00Z}\nrespond: {error_code: 1}")
	before, after := apiCall("x.y"), apiCall("x.y")
	before.Time, after.Time = t0.Add(-time.Second), t0.Add(time.Second)
	if from.Evaluate(before) != nil || from.Evaluate(after) == nil {
		t.Error("from: must fire only from that time on")
	}
	if until.Evaluate(before) == nil || until.Evaluate(after) != nil {
		t.Error("until: must fire only before that time")
	}
}

func TestRelativeWindowStartsWhenTheRuleIsAdded(t *testing.T) {
	now := t0
	e := NewEngine(1)
	e.SetClock(func() time.Time { return now })
	doc, err := Load("rel.yaml", []byte("when: {from_ms: 1000, until_ms: 3000}\nrespond: {error_code: 1}"))
	if err != nil {
		t.Fatal(err)
	}
	infos, err := e.Add(doc)
	if err != nil {
		t.Fatal(err)
	}
	check := func(at time.Duration, want bool) {
		t.Helper()
		req := apiCall("x.y")
		req.Time = t0.Add(at)
		if got := e.Evaluate(req) != nil; got != want {
			t.Errorf("%v after adding: fired=%v, want %v", at, got, want)
		}
	}
	check(500*time.Millisecond, false)
	check(1000*time.Millisecond, true)
	check(2999*time.Millisecond, true)
	check(3000*time.Millisecond, false)

	now = t0.Add(time.Hour) // Replace restarts the window from the clock
	if _, err := e.Replace(infos[0].ID, doc); err != nil {
		t.Fatal(err)
	}
	check(time.Hour+500*time.Millisecond, false)
	check(time.Hour+1500*time.Millisecond, true)
}

func TestRelativeWindowWithoutClockStartsAtTheFirstMatchedCall(t *testing.T) {
	e := engineWith(t, 1, "when: {after: 1, until_ms: 1000}\nrespond: {error_code: 1}")
	for _, tt := range []struct {
		at   time.Duration
		want bool
	}{{5 * time.Second, false}, {5*time.Second + 999*time.Millisecond, true}, {6 * time.Second, false}} {
		req := apiCall("x.y")
		req.Time = t0.Add(tt.at)
		if got := e.Evaluate(req) != nil; got != tt.want {
			t.Errorf("at %v: fired=%v, want %v", tt.at, got, tt.want)
		}
	}
}
