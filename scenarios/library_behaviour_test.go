package scenarios

import (
	"strings"
	"testing"
	"time"
)

// step is one request sent to a library scenario and the outcome expected
// (as rendered by describe).
type step struct {
	req  Request
	want string
}

func repeat(n int, s step) []step {
	out := make([]step, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func on(ep Endpoint, p map[string]string) Request {
	return Request{Endpoint: ep, ApplicationKey: "APPKEY", Param: params(p), Time: t0}
}

func at(r Request, d time.Duration) Request { r.Time = t0.Add(d); return r }

func notify(uid string) Request {
	r := on(EndpointAPI, map[string]string{"uid": uid})
	r.Method = "notifications.sendSimple"
	return r
}

// libraryScripts drives each deterministic library scenario through a short
// call sequence. Every library scenario must appear here or in
// TestRandomLibraryScenarios.
var libraryScripts = map[string][]step{
	"session-expired": {
		{apiCall("users.getCurrentUser"), "error=102 expire"},
		{apiCall("users.getCurrentUser"), "-"},
	},
	"permission-denied": {
		{apiCall("photosV2.getUploadUrl"), `error=10 msg="PERMISSION_DENIED : User must grant an access to permission 'PHOTO_CONTENT'" data="photo_content"`},
		{apiCall("users.getInfo"), "-"},
	},
	"service-unavailable-then-recovering": append(repeat(3, step{apiCall("users.getInfo"), "error=2"}),
		step{apiCall("users.getInfo"), "-"}),
	"flood-blocked": append(repeat(5, step{apiCall("users.getInfo"), "-"}),
		step{apiCall("users.getInfo"), `error=8 msg="FLOOD_BLOCKED : Call blocked due to flood protection"`},
		step{at(apiCall("users.getInfo"), time.Second), "-"}),
	"connection-reset": append(repeat(4, step{apiCall("a.b"), "-"}), step{apiCall("a.b"), "fault=reset"}),
	"truncated-json":   append(repeat(2, step{apiCall("a.b"), "-"}), step{apiCall("a.b"), "fault=truncate"}),
	"malformed-json":   append(repeat(2, step{apiCall("a.b"), "-"}), step{apiCall("a.b"), "fault=malformed"}),
	"empty-reply":      append(repeat(3, step{apiCall("a.b"), "-"}), step{apiCall("a.b"), "fault=empty"}),
	"token-revoked-mid-session": append(repeat(4, step{apiCall("a.b"), "-"}),
		step{apiCall("a.b"), "revoke"}, step{apiCall("a.b"), "-"}),
	"refresh-token-rejected": {
		{on(EndpointToken, map[string]string{"grant_type": "refresh_token"}), `oauth=invalid_token description="Invalid refresh token structure"`},
		{on(EndpointToken, map[string]string{"grant_type": "authorization_code"}), "-"},
		{apiCall("a.b"), "-"},
	},
	"code-reused": {
		{on(EndpointToken, map[string]string{"grant_type": "authorization_code"}), `oauth=invalid_grant description="Authorization code is expired or already used"`},
		{on(EndpointToken, map[string]string{"grant_type": "authorization_code"}), "-"},
	},
	"upload-failing": {
		{on(EndpointUpload, nil), `status=500 body="<html><body><h1>500 Internal Server Error</h1></body></html>" type=text/html`},
		{apiCall("photosV2.getUploadUrl"), "-"},
	},
	"ip-blocked":                 {{apiCall("users.getInfo"), "error=9"}, {on(EndpointToken, nil), "-"}},
	"method-not-found-for-group": {{apiCall("group.getInfo"), "error=3"}, {apiCall("users.getInfo"), "-"}},
	"system-error":               append(repeat(2, step{apiCall("a.b"), "error=9999"}), step{apiCall("a.b"), "-"}),
	"notifications-limit-reached": {
		{notify("575000000001"), "-"},
		{notify("575000000001"), "error=11"},
		{notify("575000000002"), "-"},
		{at(notify("575000000001"), 24*time.Hour), "-"},
	},
	"authorize-access-denied": {{on(EndpointAuthorize, nil), "oauth=access_denied"}, {apiCall("a.b"), "-"}},
	"redirect-uri-mismatch": {
		{on(EndpointToken, map[string]string{"grant_type": "authorization_code"}), `oauth=invalid_request description="Wrong redirect_uri"`},
		{on(EndpointToken, map[string]string{"grant_type": "refresh_token"}), "-"},
	},
	"token-endpoint-bad-request": {
		{on(EndpointToken, nil), `status=400 body="<!doctype html><html lang=\"en\"><head><title>HTTP Status 400 – Bad Request</title></head><body><h1>HTTP Status 400 – Bad Request</h1></body></html>" type=text/html;charset=utf-8`},
	},
	"action-blocked": {{apiCall("mediatopic.post"), "error=7"}, {apiCall("mediatopic.getByIds"), "-"}},
}

func TestLibraryScenariosBehaveAsDescribed(t *testing.T) {
	for name, steps := range libraryScripts {
		t.Run(name, func(t *testing.T) {
			doc, ok := Named(name)
			if !ok {
				t.Fatalf("no library scenario %q", name)
			}
			e := NewEngine(1)
			if _, err := e.Add(doc); err != nil {
				t.Fatal(err)
			}
			for i, s := range steps {
				if got := describe(e.Evaluate(s.req)); got != s.want {
					t.Errorf("call %d: %s, want %s", i+1, got, s.want)
				}
			}
		})
	}
}

func TestRandomLibraryScenarios(t *testing.T) {
	const calls = 2000
	for _, tt := range []struct {
		name     string
		min, max int // firing calls out of 2000
		each     func(t *testing.T, o *Outcome)
	}{
		{"slow-api", calls, calls, func(t *testing.T, o *Outcome) {
			if o.Delay < 200*time.Millisecond || o.Delay > 1500*time.Millisecond {
				t.Errorf("delay %v outside 200ms..1.5s", o.Delay)
			}
		}},
		{"flaky-5xx", 300, 460, func(t *testing.T, o *Outcome) {
			if s := o.HTTP.Status; (s != 502 && s != 503) || !strings.Contains(*o.HTTP.Body, "nginx") || o.HTTP.ContentType != "text/html" {
				t.Errorf("outcome %s", describe(o))
			}
		}},
		{"unknown-error", 150, 250, func(t *testing.T, o *Outcome) {
			if describe(o) != "error=1" {
				t.Errorf("outcome %s", describe(o))
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := Named(tt.name)
			e := NewEngine(3)
			if _, err := e.Add(doc); err != nil {
				t.Fatal(err)
			}
			fired := 0
			for range calls {
				if o := e.Evaluate(apiCall("users.getInfo")); o != nil {
					fired++
					tt.each(t, o)
				}
			}
			if fired < tt.min || fired > tt.max {
				t.Errorf("fired on %d of %d calls, want %d..%d", fired, calls, tt.min, tt.max)
			}
		})
	}
}

func TestEveryLibraryScenarioIsExercised(t *testing.T) {
	random := map[string]bool{"slow-api": true, "flaky-5xx": true, "unknown-error": true}
	for _, name := range LibraryNames() {
		if _, ok := libraryScripts[name]; !ok && !random[name] {
			t.Errorf("library scenario %q has no behaviour test", name)
		}
	}
}

func TestNamedReturnsIndependentCopies(t *testing.T) {
	a, _ := Named("permission-denied")
	a.Rules[0].Match.Method[0] = "changed"
	a.Rules[0].Respond.ErrorData[0] = 'X'
	b, _ := Named("permission-denied")
	if b.Rules[0].Match.Method[0] != "photos.*" || string(b.Rules[0].Respond.ErrorData) != `"photo_content"` {
		t.Error("changing a returned document changed the library")
	}
	if _, ok := Named("no-such-scenario"); ok {
		t.Error("Named found a scenario that does not exist")
	}
	if len(Library()) != len(LibraryNames()) {
		t.Error("Library and LibraryNames disagree")
	}
}
