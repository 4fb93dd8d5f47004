package scenarios

import (
	"strings"
	"testing"
	"time"
)

func TestEveryRespondKindProducesItsOutcome(t *testing.T) {
	tokenCall := Request{Endpoint: EndpointToken, Time: t0}
	tests := []struct {
		name    string
		respond string
		req     Request
		want    string
	}{
		{"OK error", "error_code: 102", apiCall("a.b"), "error=102"},
		{"OK error with text and data", `{error_code: 10, error_msg: "PERMISSION_DENIED : x", error_data: publish_to_stream}`, apiCall("a.b"),
			`error=10 msg="PERMISSION_DENIED : x" data="publish_to_stream"`},
		{"OK error with structured data", "{error_code: 100, error_data: {field: uid, n: 1}}", apiCall("a.b"), `error=100 data={"field":"uid","n":1}`},
		{"OAuth error", "oauth_error: {error: invalid_grant, error_description: used}", tokenCall, `oauth=invalid_grant description="used"`},
		{"raw HTTP answer", "{http_status: 503, body: down, content_type: text/plain, headers: {Retry-After: 2}}", apiCall("a.b"),
			`status=503 body="down" type=text/plain header.Retry-After=2`},
		{"status only", "http_status: 500", apiCall("a.b"), "status=500"},
		{"OK error with another status", "{error_code: 2, http_status: 500}", apiCall("a.b"), "error=2 status=500"},
		{"fixed delay", "delay_ms: 250", apiCall("a.b"), "delay=250ms"},
		{"reset", "fault: reset", apiCall("a.b"), "fault=reset"},
		{"empty reply", "fault: empty", apiCall("a.b"), "fault=empty"},
		{"truncated error body", "{fault: truncate, error_code: 2}", apiCall("a.b"), "error=2 fault=truncate"},
		{"malformed", "fault: malformed", apiCall("a.b"), "fault=malformed"},
		{"expire token, answer normally", "expire_token: true", apiCall("a.b"), "expire"},
		{"revoke token, answer normally", "revoke_token: true", apiCall("a.b"), "revoke"},
		{"expire token and answer 102", "{expire_token: true, error_code: 102}", apiCall("a.b"), "error=102 expire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			respond := tt.respond
			if !strings.HasPrefix(respond, "{") {
				respond = "{" + respond + "}"
			}
			e := engineWith(t, 1, "respond: "+respond)
			o := e.Evaluate(tt.req)
			if got := describe(o); got != tt.want {
				t.Errorf("outcome %s, want %s", got, tt.want)
			}
			if o != nil && (len(o.Rules) != 1 || o.Rules[0] != "r1") {
				t.Errorf("Rules = %v", o.Rules)
			}
		})
	}
}

func TestDelayRangeIsDrawnReproducibly(t *testing.T) {
	rule := "respond: {delay_ms: {min: 100, max: 900}}"
	run := func(seed int64) []time.Duration {
		e := engineWith(t, seed, rule)
		out := make([]time.Duration, 200)
		for i := range out {
			out[i] = e.Evaluate(apiCall("a.b")).Delay
		}
		return out
	}
	a, b := run(5), run(5)
	distinct := map[time.Duration]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("call %d: %v then %v with the same seed", i, a[i], b[i])
		}
		if a[i] < 100*time.Millisecond || a[i] > 900*time.Millisecond {
			t.Errorf("call %d: delay %v outside 100ms..900ms", i, a[i])
		}
		distinct[a[i]] = true
	}
	if len(distinct) < 150 {
		t.Errorf("only %d distinct delays in 200 draws", len(distinct))
	}
}

func TestNamedRulesAreLabelledWithIDAndName(t *testing.T) {
	e := engineWith(t, 1, "name: doc\nrules:\n  - name: slow\n    respond: {delay_ms: 5}\n  - respond: {error_code: 1}")
	o := e.Evaluate(apiCall("a.b"))
	if len(o.Rules) != 2 || o.Rules[0] != "r1:slow" || o.Rules[1] != "r2" {
		t.Errorf("Rules = %v, want [r1:slow r2]", o.Rules)
	}
}

func TestHowFiringRulesCombine(t *testing.T) {
	e := engineWith(t, 1, `
rules:
  - name: slow
    respond: {delay_ms: 100}
  - name: first-answer
    match: {method: a.*}
    times: 2
    respond: {error_code: 2}
  - name: shadowed
    match: {method: a.b}
    times: 1
    respond: {error_code: 9999, expire_token: true}
  - name: slower
    respond: {delay_ms: 50, revoke_token: true}
`)
	steps := []struct{ want, rules string }{
		// The first answering rule wins; the shadowed one does not fire and
		// keeps its times; delays add up; token actions accumulate.
		{"error=2 delay=150ms revoke", "r1:slow r2:first-answer r4:slower"},
		{"error=2 delay=150ms revoke", "r1:slow r2:first-answer r4:slower"},
		{"error=9999 delay=150ms expire revoke", "r1:slow r3:shadowed r4:slower"},
		{"delay=150ms revoke", "r1:slow r4:slower"},
	}
	for i, s := range steps {
		o := e.Evaluate(apiCall("a.b"))
		if got := describe(o); got != s.want {
			t.Errorf("call %d: %s, want %s", i+1, got, s.want)
		}
		if o != nil && joinLabels(o.Rules) != s.rules {
			t.Errorf("call %d: rules %v, want %s", i+1, o.Rules, s.rules)
		}
	}
	list := e.List()
	if list[2].Matched != 4 || list[2].Fired != 1 {
		t.Errorf("shadowed rule counted matched %d fired %d, want 4 and 1", list[2].Matched, list[2].Fired)
	}
}

func joinLabels(labels []string) string { return strings.Join(labels, " ") }
