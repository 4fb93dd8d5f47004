package mock

import (
	"net/http"
	"strings"
	"testing"
)

func TestControlApps(t *testing.T) {
	ts := newTestServer(t, Options{})
	app := map[string]any{
		"application_id": 7001, "application_key": "my-own-key", "application_secret_key": "whatever",
		"redirect_uris": []string{"http://localhost/cb"}, "permissions": []string{"valuable_access"}, "client_oauth": true,
	}
	var got App
	if code := ts.control("POST", "/apps", app, &got); code != http.StatusOK || got.Permissions[0] != "VALUABLE_ACCESS" {
		t.Fatalf("create: %d %+v", code, got)
	}
	var g SessionGrant
	if code := ts.control("POST", "/sessions", map[string]any{"application_key": "my-own-key", "uid": "575000000002", "scopes": []string{"VALUABLE_ACCESS"}, "ttl_seconds": 60}, &g); code != 200 {
		t.Fatalf("session: %d", code)
	}
	if g.UID != "575000000002" || g.ExpiresIn != 60 || !strings.HasPrefix(g.AccessToken, "-s-") || len(g.SessionSecret) != 32 {
		t.Errorf("grant = %+v", g)
	}
	// Posting the same key replaces the application.
	app["application_secret_key"] = "changed"
	ts.control("POST", "/apps", app, nil)
	if a, _ := ts.srv.store.app("my-own-key"); a.Secret != "changed" {
		t.Errorf("not replaced: %+v", a)
	}
	// Deleting removes its sessions too.
	if code := ts.control("DELETE", "/apps/my-own-key", nil, nil); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
	if _, ok := ts.srv.store.session(g.AccessToken, testEpoch); ok {
		t.Error("session survived its application")
	}
	if code := ts.control("DELETE", "/apps/my-own-key", nil, nil); code != http.StatusNotFound {
		t.Errorf("second delete: %d", code)
	}
}

func TestControlRejectsBadInput(t *testing.T) {
	ts := newTestServer(t, Options{})
	for name, body := range map[string]any{
		"empty key":      map[string]any{"application_key": "", "application_secret_key": "x"},
		"empty secret":   map[string]any{"application_key": "K"},
		"bad permission": map[string]any{"application_key": "K", "application_secret_key": "x", "permissions": []string{"not a word"}},
		"unknown field":  map[string]any{"application_key": "K", "application_secret_key": "x", "colour": "red"},
	} {
		var e controlError
		if code := ts.control("POST", "/apps", body, &e); code != http.StatusBadRequest || e.Error == "" {
			t.Errorf("%s: %d %+v", name, code, e)
		}
	}
	var e controlError
	if code := ts.control("POST", "/sessions", map[string]any{"application_key": "NOPE"}, &e); code != http.StatusNotFound {
		t.Errorf("session for unknown app: %d", code)
	}
	if code := ts.control("POST", "/sessions", map[string]any{"application_key": DemoApp().Key, "uid": "1"}, &e); code != http.StatusBadRequest {
		t.Errorf("session for unknown user: %d", code)
	}
	if code := ts.control("POST", "/clock", map[string]any{"advance_seconds": -5}, &e); code != http.StatusBadRequest {
		t.Errorf("clock backwards: %d", code)
	}
}

func TestControlResetRestoresStart(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	ts.control("POST", "/clock", ClockChange{AdvanceSeconds: 3600}, nil)
	ts.control("POST", "/apps", map[string]any{"application_key": "TMP", "application_secret_key": "x"}, nil)
	ts.control("POST", "/reset", nil, nil)
	if _, ok := ts.srv.store.app("TMP"); ok {
		t.Error("app survived reset")
	}
	if _, ok := ts.srv.store.session(g.AccessToken, testEpoch); ok {
		t.Error("session survived reset")
	}
	if !ts.srv.Now().Equal(testEpoch) {
		t.Errorf("clock not reset: %v", ts.srv.Now())
	}
	var h Health
	if code := ts.control("GET", "/health", nil, &h); code != 200 || h.Status != "ok" || h.Applications != 1 {
		t.Errorf("health %d %+v", code, h)
	}
}

func TestConfigFile(t *testing.T) {
	cfg, err := ParseConfig("test.yaml", []byte(`
seed: 9
apps:
  - application_id: 100
    application_key: CFGAPP
    application_secret_key: cfgsecret
    permissions: [VALUABLE_ACCESS]
users:
  - uid: "575000000900"
    first_name: Ольга
    password: pw
sessions:
  - application_key: CFGAPP
    uid: "575000000900"
    access_token: -s-fixed-token
    session_secret_key: fixedsecret
    scopes: [VALUABLE_ACCESS]
  - application_key: CFGAPP
    access_token: -s-old-token
    expired: true
`))
	if err != nil {
		t.Fatal(err)
	}
	var opts Options
	cfg.Apply(&opts)
	ts := newTestServer(t, opts)
	p := map[string]string{"application_key": "CFGAPP", "method": "users.getLoggedInUser"}
	q := "application_key=CFGAPP&method=users.getLoggedInUser&access_token=-s-fixed-token&sig=" + refSign(p, "fixedsecret")
	if rec := ts.do("GET", "/fb.do?"+q, "", nil); rec.Body.String() != `"575000000900"` {
		t.Errorf("fixed session: %s", rec.Body)
	}
	q = "application_key=CFGAPP&method=users.getLoggedInUser&access_token=-s-old-token&sig=x"
	if code, _, _ := okError(t, ts.do("GET", "/fb.do?"+q, "", nil)); code != 102 {
		t.Errorf("expired fixed session: %d", code)
	}

	for name, bad := range map[string]string{
		"unknown key": "sede: 1\n",
		"bad gender":  "users:\n  - uid: \"1\"\n    gender: x\n",
		"no secret":   "apps:\n  - application_key: K\n",
	} {
		if _, err := ParseConfig("bad.yaml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "bad.yaml") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
