package conformance

import (
	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
)

// hostileCase is a broken answer.
type hostileCase struct {
	name    string
	fact    string
	respond map[string]any
}

var hostileCases = []hostileCase{
	{"truncated-json", "a body cut short (Content-Length promises more) is an error, not a partial result",
		map[string]any{"fault": "truncate"}},
	{"malformed-json", "a body that is not valid JSON is an error, not data",
		map[string]any{"fault": "malformed"}},
	{"connection-reset", "a connection reset without an answer is an error, not a crash",
		map[string]any{"fault": "reset"}},
	{"empty-reply", "a connection closed without any HTTP answer is an error, not a crash",
		map[string]any{"fault": "empty"}},
	{"wrong-content-type", "an HTML page with HTTP 200 (a proxy, a captive portal) is an error, not a string result",
		map[string]any{"content_type": "text/html; charset=utf-8", "body": "<html><body><h1>Bad Gateway</h1></body></html>"}},
	{"unexpected-status", "an HTML 404 page is an error, whatever its body",
		map[string]any{"http_status": 404, "content_type": "text/html", "body": "<html><body>Not Found</body></html>"}},
}

func hostileSpecs() []Spec {
	var out []Spec
	for _, c := range hostileCases {
		out = append(out, Spec{
			Name: "hostile/" + c.name, Tier: Hostile, Calls: true,
			Fact: c.fact + "; the driver keeps working afterwards",
			run: func(f *Fixture) {
				rules := f.Rule(map[string]any{"match": map[string]any{"method": "users.getInfo"}, "respond": c.respond})
				resp := f.Call(f.Scheme, "users.getInfo", infoParams(nil))
				Expect(resp.Error).NotTo(BeNil(), "the answer was broken; the driver returned %s", clip(string(resp.Result), 200))
				Expect(resp.Error.Kind).NotTo(Equal(protocol.KindUnsupported))
				Expect(f.Endpoint(endpointAPI)).NotTo(BeEmpty(), "the call must reach okmock")
				f.RemoveRules(rules)
				again := f.Call(f.Scheme, "users.getInfo", infoParams(nil))
				Expect(again.Error).To(BeNil(), "once okmock answers normally the driver must work again")
			},
		})
	}
	return out
}
