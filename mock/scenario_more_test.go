package mock

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The remaining actions and "when"s of the scenario format, each observed
// on the wire.

func TestScenarioAbsoluteWindow(t *testing.T) {
	ls := newLiveServer(t, Options{})
	g := ls.session("VALUABLE_ACCESS", "LONG_ACCESS_TOKEN") // outlives the hours moved
	from := testEpoch.Add(time.Hour).Format(time.RFC3339)
	until := testEpoch.Add(2 * time.Hour).Format(time.RFC3339)
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "when": {"from": "`+from+`", "until": "`+until+`"}, "respond": {"error_code": 2}}`, "")
	codes := ""
	for _, advance := range []time.Duration{0, 90 * time.Minute, time.Hour} {
		ls.srv.Advance(advance)
		resp, _, _ := ls.getCurrentUser(g.AccessToken)
		codes += "[" + resp.Header.Get("Invocation-Error") + "]"
	}
	if codes != "[][2][]" {
		t.Errorf("codes %s", codes)
	}
}

func TestScenarioErrorWithMessageAndData(t *testing.T) {
	ls := newLiveServer(t, Options{})
	g := ls.session("VALUABLE_ACCESS")
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"error_code": 10, "error_msg": "PERMISSION_DENIED : User must grant an access to permission 'PUBLISH_TO_STREAM'", "error_data": "publish_to_stream"}}`, "")
	resp, body, _ := ls.getCurrentUser(g.AccessToken)
	want := `{"error_code":10,"error_msg":"PERMISSION_DENIED : User must grant an access to permission 'PUBLISH_TO_STREAM'","error_data":"publish_to_stream"}`
	if resp.Header.Get("Invocation-Error") != "10" || string(body) != want {
		t.Errorf("got %s", body)
	}
}

func TestScenarioDelayRange(t *testing.T) {
	ls := newLiveServer(t, Options{})
	g := ls.session("VALUABLE_ACCESS")
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"delay_ms": {"min": 100, "max": 250}}}`, "")
	for i := 0; i < 3; i++ {
		start := time.Now()
		ls.getCurrentUser(g.AccessToken)
		if d := time.Since(start); d < 100*time.Millisecond || d > 2*time.Second {
			t.Errorf("call %d took %v", i, d)
		}
	}
}

func TestScenarioRateLimitPerApplication(t *testing.T) {
	ls := newLiveServer(t, Options{})
	a, b := ls.session("VALUABLE_ACCESS"), ls.session("VALUABLE_ACCESS")
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"rate_limit": {"per": "application", "limit": 2, "window_ms": 1000}}}`, "")
	codes := ""
	for _, tok := range []string{a.AccessToken, b.AccessToken, a.AccessToken} {
		resp, _, _ := ls.getCurrentUser(tok)
		codes += "[" + resp.Header.Get("Invocation-Error") + "]"
	}
	if codes != "[][][8]" {
		t.Errorf("codes %s: two tokens share their application's limit", codes)
	}
}

func TestScenarioUploadAndAuthorizeEndpoints(t *testing.T) {
	app := oauthApp()
	ls := newLiveServer(t, Options{Apps: []App{app}})
	// authorize: an OAuth error redirects back with it.
	ls.addRule(t, `{"match": {"endpoint": "authorize"}, "times": 1, "respond": {"oauth_error": {"error": "access_denied"}}}`, "")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(ls.url + authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", "s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != "access_denied" || loc.Query().Get("state") != "s" {
		t.Errorf("authorize: %d %s", resp.StatusCode, loc)
	}
	// upload: the upload URL answers an OK error.
	g := ls.session("PHOTO_CONTENT")
	var up uploadURL
	ls.call(g.AccessToken, map[string]string{"method": "photosV2.getUploadUrl"}, &up)
	ls.addRule(t, `{"match": {"endpoint": "upload"}, "respond": {"error_code": 9999}}`, "")
	rec := ls.upload(up.UploadURL, pngBytes)
	if !strings.Contains(rec.Body.String(), `"error_code":9999`) {
		t.Errorf("upload: %s", rec.Body)
	}
}
