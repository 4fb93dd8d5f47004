package conformance

import (
	"fmt"
	"time"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
)

// retryFigures are the retry specs' figures: waits long enough to tell
// from scheduling noise on a busy machine.
var retryFigures = protocol.Retry{BaseDelayMS: 100, MaxDelayMS: 2000}

// transient is a failure a client should retry.
type transient struct {
	name    string
	fact    string
	respond map[string]any
	check   func(*protocol.Error)
}

var transients = []transient{
	{"service-2", "2 SERVICE means the service is temporarily unavailable: retry later (OK error codes; third-party clients retry after about 1 s)",
		map[string]any{"error_code": 2}, func(e *protocol.Error) { Expect(e.Code).To(Equal(2)) }},
	{"flood-8", "8 FLOOD_BLOCKED means too many calls: back off and retry (OK error codes; third-party clients)",
		map[string]any{"error_code": 8}, func(e *protocol.Error) { Expect(e.Code).To(Equal(8)) }},
	{"http-5xx", "an HTTP 5xx page from the front end is transient: retry with back-off",
		map[string]any{"http_status": 503, "content_type": "text/html", "body": "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"},
		func(e *protocol.Error) {
			Expect(e.Kind).To(Equal(protocol.KindHTTP), "an HTML 503 page is an error of kind http: %v", e)
			Expect(e.HTTPStatus).To(Equal(503))
		}},
}

func retrySpecs() []Spec {
	var out []Spec
	needs := []protocol.Feature{protocol.FeatureRetries}
	for _, tr := range transients {
		out = append(out, Spec{
			Name: "recommended/retry/" + tr.name + "/recovers", Tier: Recommended, Needs: needs, Calls: true,
			Fact: tr.fact + "; the client waits base_delay_ms, then twice as long, and gets the answer",
			run: func(f *Fixture) {
				fig := retryFigures
				fig.MaxAttempts = 3
				rule := map[string]any{"match": map[string]any{"method": "users.getInfo"}, "times": 2, "respond": tr.respond}
				f.Rule(rule)
				resp := f.retryCall(fig)
				Expect(resp.Error).To(BeNil(), "the third attempt succeeds; the driver must answer its result")
				f.expectBackOff(fig, 3)
			},
		}, Spec{
			Name: "recommended/retry/" + tr.name + "/gives-up", Tier: Recommended, Needs: needs, Calls: true,
			Fact: tr.fact + "; retries are bounded by max_attempts, with growing waits, then the error is reported",
			run: func(f *Fixture) {
				fig := retryFigures
				fig.MaxAttempts = giveUpAttempts
				f.Rule(map[string]any{"match": map[string]any{"method": "users.getInfo"}, "respond": tr.respond})
				resp := f.retryCall(fig)
				Expect(resp.Error).NotTo(BeNil(), "every attempt failed; the driver must report the error")
				tr.check(resp.Error)
				f.expectBackOff(fig, giveUpAttempts)
			},
		})
	}
	for _, code := range []struct {
		code int
		name string
		fact string
	}{
		{104, "104-signature", "104 PARAM_SIGNATURE will fail the same way again: never retry it"},
		{10, "10-permission", "10 PERMISSION_DENIED needs the user's grant, not another try: never retry it"},
		{100, "100-param", "100 PARAM is a bad request: never retry it"},
	} {
		out = append(out, Spec{
			Name: "recommended/no-retry/" + code.name, Tier: Recommended, Calls: true, Fact: code.fact,
			run: func(f *Fixture) {
				f.Rule(map[string]any{"match": map[string]any{"method": "users.getInfo"}, "times": 1,
					"respond": map[string]any{"error_code": code.code}})
				fig := retryFigures
				fig.MaxAttempts = 3
				resp := f.retryCall(fig)
				// The call count first: a driver that retried gets the
				// retry's success back, and that is the flaw to name.
				f.expectCounts(1, 0)
				expectAPIError(resp, code.code)
			},
		})
	}
	return out
}

// retryCall makes the retry specs' call with the given figures.
func (f *Fixture) retryCall(fig protocol.Retry) *protocol.Response {
	cfg := f.configFor(f.Scheme)
	cfg.Retry = fig
	var sess *protocol.Session
	if f.Scheme != protocol.SignApplication {
		sess = SessionFor(f.Scheme, f.Grant())
	}
	return f.Send(&protocol.Instruction{Type: protocol.TypeCall, Config: cfg, Sign: f.Scheme, Session: sess,
		Method: "users.getInfo", Params: infoParams(nil)})
}

// Tolerances of the back-off checks: a wait may be a little short (clock
// and scheduling), and a wait may grow by less than its nominal growth
// (jitter may lengthen one wait by half).
const (
	shortWait   = 0.7
	growthShare = 0.3
	slowWait    = 400 * time.Millisecond
)

// expectBackOff checks okmock saw exactly attempts calls, separated by
// waits of at least the nominal back-off, growing as it does.
func (f *Fixture) expectBackOff(fig protocol.Retry, attempts int) {
	calls := byID(f.Endpoint(endpointAPI))
	Expect(calls).To(HaveLen(attempts), "okmock must see exactly %d attempts:%s", attempts, describe(calls))
	ws := waits(calls)
	report := waitReport(fig, ws)
	for n, w := range ws {
		nominal := nominalDelay(fig, n+1)
		Expect(w).To(BeNumerically(">=", time.Duration(float64(nominal)*shortWait)), "wait before retry %d too short: %s", n+1, report)
		Expect(w).To(BeNumerically("<=", 2*nominal+slowWait), "wait before retry %d far too long: %s", n+1, report)
		if n > 0 {
			growth := nominal - nominalDelay(fig, n)
			Expect(w-ws[n-1]).To(BeNumerically(">=", time.Duration(float64(growth)*growthShare)), "waits must grow: %s", report)
		}
	}
}

func waitReport(fig protocol.Retry, ws []time.Duration) string {
	s := "waits"
	for n, w := range ws {
		s += fmt.Sprintf(" %v (nominal %v)", w.Round(time.Millisecond), nominalDelay(fig, n+1))
	}
	return s
}
