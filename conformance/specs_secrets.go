package conformance

import (
	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/mock/control"
)

// secretParams are parameter names that carry a secret.
var secretParams = []string{"application_secret_key", "session_secret_key", "client_secret", "secret_key"}

func secretSpecs() []Spec {
	var out []Spec
	leak := map[string]struct{ name, fact string }{
		protocol.SignServer:      {"application-secret-never-sent", "application_secret_key is never sent on REST calls, only used to sign (OK docs: the secret key)"},
		protocol.SignApplication: {"application-secret-never-sent", "application_secret_key is never sent on REST calls, even unsigned by a session (OK docs: the secret key)"},
		protocol.SignClient:      {"session-secret-never-sent", "session_secret_key is only used to sign, never sent (OK docs, request signing)"},
	}
	for _, scheme := range schemePreference {
		needs := []protocol.Feature{protocol.SchemeFeature(scheme)}
		out = append(out, Spec{
			Name: "required/secrets/" + scheme + "/" + leak[scheme].name, Tier: Required,
			Fact:  leak[scheme].fact + "; checked anywhere in the request: parameters, URL, headers, body",
			Needs: needs,
			run: func(f *Fixture) {
				for _, e := range f.shortAndLongCalls(scheme) {
					Expect(e.Secrets.ApplicationSecret).To(BeFalse(), "the application secret was sent (in %s %s)", e.HTTPMethod, e.Path)
					Expect(e.Secrets.SessionSecret).To(BeFalse(), "the session secret was sent (in %s %s)", e.HTTPMethod, e.Path)
					for _, p := range secretParams {
						Expect(e.Params).NotTo(HaveKey(p), "a parameter named %s was sent", p)
					}
				}
			},
		}, Spec{
			Name: "required/application-key/" + scheme + "/always-sent", Tier: Required,
			Fact:  "application_key, the public key, is sent on every REST call (OK docs, common parameters)",
			Needs: needs,
			run: func(f *Fixture) {
				for _, e := range f.shortAndLongCalls(scheme) {
					Expect(e.Params).To(HaveKeyWithValue("application_key", f.App.Key))
				}
			},
		})
	}
	return out
}

// shortAndLongCalls makes a short call and one long enough to be POSTed,
// and answers okmock's entries of both.
func (f *Fixture) shortAndLongCalls(scheme string) []control.JournalEntry {
	for _, extra := range []map[string]string{nil, {"comment": bigText}} {
		resp := f.Call(scheme, "users.getInfo", infoParams(extra))
		Expect(resp.Error).To(BeNil(), "the call must succeed")
	}
	calls := f.Endpoint(endpointAPI)
	Expect(calls).To(HaveLen(2), "okmock must see the two calls with this application_key:%s", describe(calls))
	return calls
}
