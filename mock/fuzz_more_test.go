package mock

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// More fuzz targets: parameter parsing, signature verification, attachment
// JSON, configuration loading and scenarios posted to the control API.
// Seeds are in testdata/fuzz/<target>; .ci/fuzz.sh runs each for a while.

// FuzzParseParams: parsing never yields an empty or repeated key, the
// count that guards parsing is never below what parsing finds, and
// re-encoding what was parsed parses back to the same list.
func FuzzParseParams(f *testing.F) {
	f.Add("method=users.getInfo&uids=1,2&sig=abc")
	f.Add("a=1&a=2&&=x&%zz=%&b=+%20")
	f.Fuzz(func(t *testing.T, raw string) {
		var p Params
		p.parseParamString(raw)
		if n := p.Len() + len(p.Dropped); n > countParams(raw) {
			t.Fatalf("%d parameters parsed from %q, but countParams says %d", n, raw, countParams(raw))
		}
		seen := map[string]bool{}
		parts := make([]string, 0, p.Len())
		for _, prm := range p.All() {
			if prm.Key == "" || seen[prm.Key] {
				t.Fatalf("empty or repeated key %q in %q", prm.Key, raw)
			}
			seen[prm.Key] = true
			if v, _ := p.Get(prm.Key); v != prm.Value {
				t.Fatalf("Get(%q) = %q, not the first value %q", prm.Key, v, prm.Value)
			}
			parts = append(parts, url.QueryEscape(prm.Key)+"="+url.QueryEscape(prm.Value))
		}
		var again Params
		again.parseParamString(strings.Join(parts, "&"))
		if len(again.All()) != p.Len() || len(again.Dropped) != 0 {
			t.Fatalf("re-encoded %q parses to %v, not %v", raw, again.All(), p.All())
		}
		for i, prm := range again.All() {
			if prm != p.All()[i] {
				t.Fatalf("re-encoded %q parses to %v, not %v", raw, again.All(), p.All())
			}
		}
	})
}

// FuzzVerifySignature: whatever the parameters and the secret, a sig made
// by the tests' own signer passes the server's check (in either hex case)
// and a sig with one character changed does not.
func FuzzVerifySignature(f *testing.F) {
	f.Add("method=users.getInfo&uids=575000000002", DemoApp().Secret)
	f.Add("a=%FF%00&b=Привет&session_key=x", "")
	f.Fuzz(func(t *testing.T, raw, secret string) {
		ts := fuzzVerifyServer(t)
		app := &App{Key: "FUZZAPP", Secret: secret}
		var p Params
		p.parseParamString(raw)
		ref := map[string]string{"application_key": app.Key}
		for _, prm := range p.All() {
			if prm.Key != "application_key" && prm.Key != "sig" {
				ref[prm.Key] = prm.Value
			}
		}
		sig := refSign(ref, secret)
		for _, s := range []string{sig, strings.ToUpper(sig)} {
			if err := verifyWith(ts, app, ref, s); err != nil {
				t.Fatalf("good sig %s refused for %q / %q: %v", s, raw, secret, err)
			}
		}
		bad := []byte(sig)
		bad[len(raw)%len(bad)] ^= 1
		if err := verifyWith(ts, app, ref, string(bad)); err == nil || err.Code != CodeSignature {
			t.Fatalf("changed sig %s accepted for %q / %q", bad, raw, secret)
		}
	})
}

// fuzzVerifyServer is shared by the fuzz calls of one process: building a
// world per call would make fuzzing slow.
var fuzzVerifyTS *testServer

func fuzzVerifyServer(t *testing.T) *testServer {
	if fuzzVerifyTS == nil {
		fuzzVerifyTS = newTestServer(t, Options{JournalSize: -1})
	}
	return fuzzVerifyTS
}

// verifyWith runs checkSignature on a call without a session.
func verifyWith(ts *testServer, app *App, params map[string]string, sig string) *Error {
	st, w := ts.srv.state()
	c := &apiCall{srv: ts.srv, store: st, world: w, app: app, now: testEpoch}
	for k, v := range params {
		c.params.Add(k, v)
	}
	c.params.Add("sig", sig)
	return c.checkSignature()
}

// FuzzAttachment posts any attachment: the answer is a topic id or OK's
// error, valid JSON either way, and a topic posted reads back as valid
// JSON.
func FuzzAttachment(f *testing.F) {
	f.Add(`{"media":[{"type":"text","text":"Привет"}]}`)
	f.Add(`{"media":[{"type":"link","url":"https://ok.ru"},{"type":"poll","question":"?","answers":[{"text":"a"},{"text":"b"}]}]}`)
	ts := newTestServer(f, Options{JournalSize: 16})
	g := ts.session("VALUABLE_ACCESS", "PHOTO_CONTENT")
	f.Fuzz(func(t *testing.T, attachment string) {
		rec := ts.do("POST", "/fb.do", signedServer(map[string]string{"method": "mediatopic.post", "attachment": attachment}, g.AccessToken).Encode(), nil)
		body := rec.Body.Bytes()
		if rec.Code != http.StatusOK || !json.Valid(body) || !utf8.Valid(body) {
			t.Fatalf("HTTP %d %q for %q", rec.Code, body, attachment)
		}
		if rec.Header().Get("Invocation-Error") != "" {
			var e struct {
				Msg string `json:"error_msg"`
			}
			if json.Unmarshal(body, &e) != nil || e.Msg == "" {
				t.Fatalf("error without error_msg: %s", body)
			}
			return
		}
		var id string
		if err := json.Unmarshal(body, &id); err != nil {
			t.Fatalf("post answered %s", body)
		}
		rec = ts.do("GET", "/fb.do?"+signedServer(map[string]string{"method": "mediatopic.getByIds", "topic_ids": id}, g.AccessToken).Encode(), "", nil)
		if !json.Valid(rec.Body.Bytes()) || !utf8.Valid(rec.Body.Bytes()) || !strings.Contains(rec.Body.String(), id) {
			t.Fatalf("topic %s of %q reads back as %q", id, attachment, rec.Body)
		}
	})
}

// FuzzParseConfig: no configuration panics the parser, and one it accepts
// either starts a server or is refused by New with an error.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("seed: 7\napps:\n  - application_key: K\n    application_secret_key: S\n"))
	f.Add([]byte("users:\n  - uid: \"575000000999\"\n    first_name: Анна\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("fuzz.yaml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		opts := Options{Clock: ClockFunc(func() time.Time { return testEpoch }), WorldUsers: 20, WorldGroups: 3}
		cfg.Apply(&opts)
		srv, err := New(opts)
		if err != nil {
			return
		}
		ts := &testServer{t: t, srv: srv}
		checkHealthy(t, ts)
	})
}

// FuzzControlScenario posts any body as a scenario: the control API
// answers 200 or 400 with JSON, never a server error.
func FuzzControlScenario(f *testing.F) {
	f.Add([]byte(`{"match":{"method":"users.getInfo"},"respond":{"error_code":2}}`))
	f.Add([]byte("version: 1\nrules:\n  - match: {method: \"photos*\"}\n    respond: {delay_ms: {min: 1, max: 2}}\n"))
	ts := newTestServer(f, Options{JournalSize: -1})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := ts.do("POST", ControlPrefix+"/scenarios", string(body), map[string]string{"Content-Type": "application/yaml"})
		if (rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest) || !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("HTTP %d %q for %q", rec.Code, rec.Body, body)
		}
		if rec := ts.do("DELETE", ControlPrefix+"/scenarios", "", nil); rec.Code >= 300 {
			t.Fatalf("clear: HTTP %d", rec.Code)
		}
	})
}
