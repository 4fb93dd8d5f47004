package mock

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

// testEpoch is the fixed start of the test clock.
var testEpoch = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// testServer is an okmock served in memory with a fixed clock.
type testServer struct {
	t   testing.TB
	srv *Server
}

func newTestServer(t testing.TB, opts Options) *testServer {
	t.Helper()
	if opts.Clock == nil {
		opts.Clock = ClockFunc(func() time.Time { return testEpoch })
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, srv: s}
}

// do sends a request and returns the recorded response.
// It does not call t.Helper: fuzz targets use it too.
func (ts *testServer) do(method, target, body string, hdr map[string]string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
		if k == "Host" {
			req.Host = v
		}
	}
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	return rec
}

// control calls the control API with a JSON body and decodes the answer.
func (ts *testServer) control(method, path string, in, out any) int {
	ts.t.Helper()
	var body string
	if in != nil {
		b, _ := json.Marshal(in)
		body = string(b)
	}
	req := httptest.NewRequest(method, ControlPrefix+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			ts.t.Fatalf("control %s %s: %v: %s", method, path, err, rec.Body)
		}
	}
	return rec.Code
}

// session mints a session for the demo app through the control API.
func (ts *testServer) session(scopes ...string) SessionGrant {
	ts.t.Helper()
	var g SessionGrant
	if code := ts.control("POST", "/sessions", map[string]any{
		"application_key": DemoApp().Key, "scopes": scopes,
	}, &g); code != http.StatusOK {
		ts.t.Fatalf("create session: HTTP %d", code)
	}
	return g
}

// refSign is the tests' own signing implementation, written from the
// documented rules and independent of the package's: sort by key, k=v
// concatenated, secret appended, md5 hex.
func refSign(params map[string]string, secret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "sig" && k != "access_token" && k != "session_key" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + params[k])
	}
	sum := md5.Sum([]byte(b.String() + secret))
	return hex.EncodeToString(sum[:])
}

func refMD5(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// signedServer returns params signed in the server scheme with the demo app.
func signedServer(params map[string]string, token string) url.Values {
	demo := DemoApp()
	params["application_key"] = demo.Key
	sig := refSign(params, refMD5(token+demo.Secret))
	v := url.Values{}
	for k, val := range params {
		v.Set(k, val)
	}
	v.Set("sig", sig)
	v.Set("access_token", token)
	return v
}

// okError decodes an OK error body and checks the wire form around it.
func okError(t testing.TB, rec *httptest.ResponseRecorder) (code int, msg string, data any) {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("HTTP %d, want 200: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json;charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("not JSON: %s", rec.Body)
	}
	for _, k := range []string{"error_code", "error_msg", "error_data"} {
		if _, ok := body[k]; !ok {
			t.Fatalf("error body lacks %s: %s", k, rec.Body)
		}
	}
	_ = json.Unmarshal(body["error_code"], &code)
	_ = json.Unmarshal(body["error_msg"], &msg)
	_ = json.Unmarshal(body["error_data"], &data)
	if got := rec.Header().Get("Invocation-Error"); got == "" || got != strings.TrimSpace(string(body["error_code"])) {
		t.Errorf("Invocation-Error = %q, error_code %s", got, body["error_code"])
	}
	return code, msg, data
}
