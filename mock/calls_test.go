package mock

import (
	"encoding/json"
	"net/http"
	"testing"
)

// Helpers of the write-then-read tests.

// sessionOf mints a demo-app session of a given user.
func (ts *testServer) sessionOf(uid string, scopes ...string) string {
	ts.t.Helper()
	var g SessionGrant
	if code := ts.control("POST", "/sessions", map[string]any{
		"application_key": DemoApp().Key, "uid": uid, "scopes": scopes,
	}, &g); code != http.StatusOK {
		ts.t.Fatalf("create session of %s: HTTP %d", uid, code)
	}
	return g.AccessToken
}

// raw makes a call signed in the server scheme with token, or with the
// application secret when token is empty, and returns the OK error code
// (0 on success) and the body.
func (ts *testServer) raw(token string, params map[string]string) (int, []byte) {
	ts.t.Helper()
	m, ok := ts.srv.catalogue.Lookup(params["method"])
	if !ok {
		ts.t.Fatalf("no method %s", params["method"])
	}
	rec := ts.callMethod(m, DemoApp(), token, params)
	if rec.Header().Get("Invocation-Error") == "" {
		return 0, rec.Body.Bytes()
	}
	var e struct {
		Code int `json:"error_code"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &e)
	return e.Code, rec.Body.Bytes()
}

// ok makes a call that must succeed and decodes its result into out.
func (ts *testServer) ok(token string, params map[string]string, out any) {
	ts.t.Helper()
	code, body := ts.raw(token, params)
	if code != 0 {
		ts.t.Fatalf("%s: %s", params["method"], body)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			ts.t.Fatalf("%s: %v: %s", params["method"], err, body)
		}
	}
}

// fails makes a call that must fail with the code.
func (ts *testServer) fails(code int, token string, params map[string]string) {
	ts.t.Helper()
	if got, body := ts.raw(token, params); got != code {
		ts.t.Errorf("%s %v: got %s, want error %d", params["method"], params, body, code)
	}
}

// callParams builds a parameter map from method name and key, value pairs.
func callParams(method string, kv ...string) map[string]string {
	m := map[string]string{"method": method}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// eventCount is the number of the user's events.get counter of a type.
func (ts *testServer) eventCount(uid, typ string) int {
	_, w := ts.srv.state()
	for _, e := range w.Events(uid) {
		if e.Type == typ {
			return e.Number
		}
	}
	return -1
}

// newWriteServer is a test server and a session of the default user with
// every scope the demo application may ask for.
func newWriteServer(t *testing.T) (*testServer, string) {
	ts := newTestServer(t, Options{})
	return ts, ts.session(DemoApp().Permissions...).AccessToken
}
