package scenarios

import (
	"testing"
	"time"
)

func TestRateLimitPerApplicationSlidesWithTheInjectedClock(t *testing.T) {
	e := engineWith(t, 1, "respond: {rate_limit: {per: application, limit: 2, window_ms: 1000}}")
	call := func(app string, at time.Duration) string {
		r := apiCall("a.b")
		r.ApplicationKey, r.Time = app, t0.Add(at)
		return describe(e.Evaluate(r))
	}
	steps := []struct {
		app  string
		at   time.Duration
		want string
	}{
		{"A", 0, "-"},
		{"A", 100 * time.Millisecond, "-"},
		{"A", 200 * time.Millisecond, "error=8"},
		{"B", 200 * time.Millisecond, "-"}, // another application has its own window
		{"A", 999 * time.Millisecond, "error=8"},
		{"A", 1000 * time.Millisecond, "-"},       // the call at 0 left the window
		{"A", 1050 * time.Millisecond, "error=8"}, // 100 ms and 1000 ms are still in it
		{"A", 1100 * time.Millisecond, "-"},
	}
	for i, s := range steps {
		if got := call(s.app, s.at); got != s.want {
			t.Errorf("step %d (%s at %v): %s, want %s", i, s.app, s.at, got, s.want)
		}
	}
}

func TestRateLimitPerUser(t *testing.T) {
	e := engineWith(t, 1, `respond: {rate_limit: {per: user, limit: 1, window_ms: 60000}, error_msg: "FLOOD_BLOCKED : slow down"}`)
	call := func(app, uid string) string {
		r := apiCall("a.b")
		r.ApplicationKey, r.UID = app, uid
		return describe(e.Evaluate(r))
	}
	got := []string{call("A", "1"), call("A", "1"), call("A", "2"), call("B", "1"), call("A", "2")}
	want := []string{"-", `error=8 msg="FLOOD_BLOCKED : slow down"`, "-", "-", `error=8 msg="FLOOD_BLOCKED : slow down"`}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: %s, want %s", i+1, got[i], want[i])
		}
	}
}

func TestRateLimitPerParameterWithItsOwnErrorCode(t *testing.T) {
	e := engineWith(t, 1, `respond: {rate_limit: {per: "param:uid", limit: 1, window_ms: 86400000}, error_code: 11}`)
	call := func(uid string, at time.Duration) string {
		r := Request{Endpoint: EndpointAPI, Method: "notifications.sendSimple", ApplicationKey: "A", Time: t0.Add(at),
			Param: params(map[string]string{"uid": uid})}
		return describe(e.Evaluate(r))
	}
	if got := []string{call("1", 0), call("1", time.Hour), call("2", time.Hour), call("1", 25*time.Hour)}; got[0] != "-" ||
		got[1] != "error=11" || got[2] != "-" || got[3] != "-" {
		t.Errorf("outcomes %q, want [- error=11 - -]", got)
	}
}

func TestRateLimitForgetsIdleKeys(t *testing.T) {
	l := newLimiter(RateLimit{Per: PerUser, Limit: 1, Window: time.Second})
	for i := range 3 * initialSweepSize {
		req := Request{ApplicationKey: "A", UID: string(rune('a'+i%26)) + time.Duration(i).String(), Time: t0.Add(time.Duration(i) * time.Second)}
		l.allow(&req)
	}
	if n := len(l.buckets); n > initialSweepSize+1 {
		t.Errorf("%d windows kept for users idle longer than the window", n)
	}
}

func TestRateLimitRingGrowsToTheLimit(t *testing.T) {
	l := newLimiter(RateLimit{Limit: 10, Window: time.Minute})
	allowed := 0
	for i := range 25 {
		req := Request{ApplicationKey: "A", Time: t0.Add(time.Duration(i) * time.Millisecond)}
		if l.allow(&req) {
			allowed++
		}
	}
	if allowed != 10 {
		t.Errorf("allowed %d calls, want 10", allowed)
	}
	req := Request{ApplicationKey: "A", Time: t0.Add(time.Minute + 5*time.Millisecond)}
	if !l.allow(&req) {
		t.Error("calls that left the window must free room")
	}
}
