package conformance

import (
	"encoding/json"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
)

func errorSpecs() []Spec {
	return []Spec{{
		Name: "required/errors/ok-error-is-an-error", Tier: Required, Calls: true,
		Fact: "OK answers errors with HTTP 200 and error_code/error_msg/error_data in the body (live captures); they are errors, not data",
		run: func(f *Fixture) {
			f.Rule(map[string]any{"match": map[string]any{"method": "users.getInfo"},
				"respond": map[string]any{"error_code": 454, "error_data": "text"}})
			resp := f.Call(f.Scheme, "users.getInfo", infoParams(nil))
			e := expectAPIError(resp, 454)
			Expect(e.Message).To(ContainSubstring("CENSOR_MATCH"), "the error's message is OK's error_msg")
		},
	}, {
		Name: "required/errors/permission-denied", Tier: Required, Session: true,
		Fact: "a call lacking a scope answers 10 PERMISSION_DENIED with the scope in error_data (live captures)",
		run: func(f *Fixture) {
			sess := SessionFor(f.Scheme, f.Grant("LONG_ACCESS_TOKEN"))
			resp := f.CallWith(f.Scheme, sess, "users.getInfo", infoParams(nil))
			e := expectAPIError(resp, 10)
			Expect(string(e.Data)).To(SatisfyAny(BeEmpty(), Equal(`"valuable_access"`)), "error_data, when given, is OK's")
		},
	}, {
		Name: "required/errors/missing-parameter", Tier: Required, Calls: true,
		Fact: "a missing required parameter answers 100 PARAM (live captures: PARAM : Missing required parameter fields)",
		run: func(f *Fixture) {
			resp := f.Call(f.Scheme, "users.getInfo", map[string]string{"uids": friendUID})
			expectAPIError(resp, 100)
		},
	}}
}

// expectAPIError checks the driver reported OK's error code as an error.
func expectAPIError(resp *protocol.Response, code int) *protocol.Error {
	Expect(resp.Error).NotTo(BeNil(), "OK answered error %d; the driver returned it as data: %s", code, clip(string(resp.Result), 200))
	Expect(resp.Error.Kind).To(Equal(protocol.KindAPI), "an OK error is of kind api: %v", resp.Error)
	Expect(resp.Error.Code).To(Equal(code), "the error must carry OK's error_code")
	return resp.Error
}

func resultSpecs() []Spec {
	return []Spec{{
		Name: "required/results/bare-string", Tier: Required, Session: true,
		Fact: "users.getLoggedInUser answers a bare JSON string, the uid (official Android SDK)",
		run: func(f *Fixture) {
			g := f.Grant()
			resp := f.CallWith(f.Scheme, SessionFor(f.Scheme, g), "users.getLoggedInUser", nil)
			expectResult(resp, g.UID)
		},
	}, {
		Name: "required/results/bare-boolean", Tier: Required, Session: true,
		Fact: "users.hasAppPermission answers a bare true or false; false is an answer, not a failure (OK docs)",
		run: func(f *Fixture) {
			sess := SessionFor(f.Scheme, f.Grant())
			expectResult(f.CallWith(f.Scheme, sess, "users.hasAppPermission", map[string]string{"ext_perm": "VALUABLE_ACCESS"}), true)
			expectResult(f.CallWith(f.Scheme, sess, "users.hasAppPermission", map[string]string{"ext_perm": "GET_EMAIL"}), false)
		},
	}, {
		Name: "required/results/bare-array", Tier: Required, Calls: true,
		Fact: "friends.get answers a bare array of uid strings (live captures)",
		run: func(f *Fixture) {
			resp := f.Call(f.Scheme, "friends.get", map[string]string{"fid": defaultUID})
			Expect(resp.Error).To(BeNil(), "friends.get must succeed")
			var uids []string
			Expect(json.Unmarshal(resp.Result, &uids)).To(Succeed(), "the result must be the array of strings OK sent: %s", clip(string(resp.Result), 200))
			Expect(uids).To(ContainElement(friendUID))
		},
	}}
}

// expectResult checks the driver answered want (compared as JSON).
func expectResult(resp *protocol.Response, want any) {
	Expect(resp.Error).To(BeNil(), "the call must succeed")
	w, _ := json.Marshal(want)
	Expect(string(resp.Result)).To(MatchJSON(w), "the result must be what OK answered, of the same JSON type")
}
