package mock

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// liveServer serves okmock on a real loopback port: faults act on TCP.
type liveServer struct {
	*testServer
	url string
}

func newLiveServer(t *testing.T, opts Options) *liveServer {
	ts := newTestServer(t, opts)
	hs := httptest.NewServer(ts.srv)
	t.Cleanup(hs.Close)
	return &liveServer{ts, hs.URL}
}

// addRule posts a scenario body to the control API.
func (ls *liveServer) addRule(t *testing.T, body, query string) {
	t.Helper()
	resp, err := http.Post(ls.url+ControlPrefix+"/scenarios"+query, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("add rule: %d %s", resp.StatusCode, b)
	}
}

// getCurrentUser makes one signed call over TCP.
func (ls *liveServer) getCurrentUser(token string) (*http.Response, []byte, error) {
	q := signedServer(map[string]string{"method": "users.getCurrentUser"}, token)
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get(ls.url + "/fb.do?" + q.Encode())
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestSmallestRule(t *testing.T) {
	ls := newLiveServer(t, Options{})
	g := ls.session("VALUABLE_ACCESS")
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "times": 1, "respond": {"error_code": 102}}`, "")
	resp, body, err := ls.getCurrentUser(g.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get("Invocation-Error") != "102" || !strings.Contains(string(body), `"error_msg":"PARAM_SESSION_EXPIRED : Session expired"`) {
		t.Fatalf("first call: %s %s", resp.Header, body)
	}
	if resp, body, _ := ls.getCurrentUser(g.AccessToken); resp.Header.Get("Invocation-Error") != "" {
		t.Fatalf("second call still fails: %s", body)
	}
	entries := ls.srv.journal.list(JournalFilter{Scenario: "*"})
	if len(entries) != 1 || len(entries[0].ScenarioRules) != 1 || entries[0].ErrorCode != 102 {
		t.Fatalf("journal: %+v", entries)
	}
}

func TestScenarioWhen(t *testing.T) {
	tests := []struct {
		name string
		when string
		want string // per call: E error, . success
	}{
		{"nth", `{"nth": 2}`, ".E...."},
		{"first", `{"first": 2}`, "EE...."},
		{"every", `{"every": 2}`, ".E.E.E"},
		{"after", `{"after": 4}`, "....EE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := newLiveServer(t, Options{})
			g := ls.session("VALUABLE_ACCESS")
			ls.addRule(t, `{"match": {"method": "users.*"}, "when": `+tt.when+`, "respond": {"error_code": 2}}`, "")
			var got strings.Builder
			for range tt.want {
				resp, _, err := ls.getCurrentUser(g.AccessToken)
				if err != nil {
					t.Fatal(err)
				}
				if resp.Header.Get("Invocation-Error") == "2" {
					got.WriteByte('E')
				} else {
					got.WriteByte('.')
				}
			}
			if got.String() != tt.want {
				t.Errorf("pattern %s, want %s", got.String(), tt.want)
			}
		})
	}
}

func TestScenarioProbabilityIsReproducible(t *testing.T) {
	pattern := func() string {
		ls := newLiveServer(t, Options{Seed: 5})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "when": {"probability": 0.5}, "respond": {"error_code": 2}}`, "")
		var b strings.Builder
		for i := 0; i < 16; i++ {
			resp, _, _ := ls.getCurrentUser(g.AccessToken)
			b.WriteString(resp.Header.Get("Invocation-Error") + ",")
		}
		return b.String()
	}
	a, b := pattern(), pattern()
	if a != b || !strings.Contains(a, "2") || !strings.Contains(a, ",,") {
		t.Errorf("patterns %q and %q", a, b)
	}
}

func TestScenarioTimeWindow(t *testing.T) {
	ls := newLiveServer(t, Options{})
	g := ls.session("VALUABLE_ACCESS")
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "when": {"from_ms": 60000, "until_ms": 120000}, "respond": {"error_code": 2}}`, "")
	codes := ""
	for _, advance := range []time.Duration{0, 90 * time.Second, 60 * time.Second} {
		ls.srv.Advance(advance)
		resp, _, _ := ls.getCurrentUser(g.AccessToken)
		codes += "[" + resp.Header.Get("Invocation-Error") + "]"
	}
	if codes != "[][2][]" {
		t.Errorf("codes %s, want only the call inside the window to fail", codes)
	}
}

func TestScenarioScopedToApplication(t *testing.T) {
	ls := newLiveServer(t, Options{Apps: []App{{ID: 9, Key: "OTHER", Secret: "othersecret"}}})
	g := ls.session("VALUABLE_ACCESS")
	ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"error_code": 2}}`, "?application_key=OTHER")
	if resp, body, _ := ls.getCurrentUser(g.AccessToken); resp.Header.Get("Invocation-Error") != "" {
		t.Errorf("a rule scoped to another application fired: %s", body)
	}
}

func TestScenarioFaults(t *testing.T) {
	t.Run("delay", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"delay_ms": 300}}`, "")
		start := time.Now()
		resp, _, err := ls.getCurrentUser(g.AccessToken)
		if err != nil || resp.Header.Get("Invocation-Error") != "" || time.Since(start) < 300*time.Millisecond {
			t.Errorf("delay: err %v after %v", err, time.Since(start))
		}
	})
	t.Run("reset", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"fault": "reset"}}`, "")
		_, _, err := ls.getCurrentUser(g.AccessToken)
		if err == nil || !(strings.Contains(err.Error(), "reset") || errors.Is(err, io.EOF) || strings.Contains(err.Error(), "EOF")) {
			t.Errorf("reset: err = %v", err)
		}
		// The journal entry is written once the connection is closed.
		deadline := time.Now().Add(2 * time.Second)
		for len(ls.srv.journal.list(JournalFilter{Method: "users.getCurrentUser"})) == 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if e := ls.srv.journal.list(JournalFilter{Method: "users.getCurrentUser"}); len(e) != 1 || e[0].Fault != "reset" {
			t.Errorf("journal: %+v", e)
		}
	})
	t.Run("empty reply", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"fault": "empty"}}`, "")
		if _, _, err := ls.getCurrentUser(g.AccessToken); err == nil {
			t.Error("empty reply: no error")
		}
	})
	t.Run("truncated JSON at the TCP level", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"fault": "truncate"}}`, "")
		u, _ := url.Parse(ls.url)
		conn, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		q := signedServer(map[string]string{"method": "users.getCurrentUser"}, g.AccessToken).Encode()
		_, _ = io.WriteString(conn, "GET /fb.do?"+q+" HTTP/1.1\r\nHost: api.ok.ru\r\n\r\n")
		_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		if !errors.Is(err, io.ErrUnexpectedEOF) || int64(len(body)) >= resp.ContentLength || json.Valid(body) {
			t.Errorf("got %d of %d bytes, err %v", len(body), resp.ContentLength, err)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"fault": "malformed"}}`, "")
		_, body, err := ls.getCurrentUser(g.AccessToken)
		if err != nil || json.Valid(body) || len(body) == 0 {
			t.Errorf("malformed: err %v body %q", err, body)
		}
	})
	t.Run("HTTP status and body", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"http_status": 503, "body": "<html>Service Unavailable</html>", "content_type": "text/html"}}`, "")
		resp, body, err := ls.getCurrentUser(g.AccessToken)
		if err != nil || resp.StatusCode != 503 || string(body) != "<html>Service Unavailable</html>" || resp.Header.Get("Content-Type") != "text/html" {
			t.Errorf("override: %v %d %q", err, resp.StatusCode, body)
		}
	})
	t.Run("expire the calling token", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "times": 1, "respond": {"expire_token": true}}`, "")
		first, _, _ := ls.getCurrentUser(g.AccessToken)
		second, _, _ := ls.getCurrentUser(g.AccessToken)
		if first.Header.Get("Invocation-Error") != "" || second.Header.Get("Invocation-Error") != "102" {
			t.Errorf("expire: %q then %q", first.Header.Get("Invocation-Error"), second.Header.Get("Invocation-Error"))
		}
	})
	t.Run("revoke the calling token", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "times": 1, "respond": {"revoke_token": true}}`, "")
		ls.getCurrentUser(g.AccessToken)
		if second, _, _ := ls.getCurrentUser(g.AccessToken); second.Header.Get("Invocation-Error") != "103" {
			t.Errorf("revoke: %q", second.Header.Get("Invocation-Error"))
		}
	})
	t.Run("rate limit", func(t *testing.T) {
		ls := newLiveServer(t, Options{})
		g := ls.session("VALUABLE_ACCESS")
		ls.addRule(t, `{"match": {"method": "users.getCurrentUser"}, "respond": {"rate_limit": {"per": "user", "limit": 2, "window_ms": 1000}}}`, "")
		codes := ""
		for i := 0; i < 3; i++ {
			resp, _, _ := ls.getCurrentUser(g.AccessToken)
			codes += "[" + resp.Header.Get("Invocation-Error") + "]"
		}
		ls.srv.Advance(2 * time.Second)
		resp, _, _ := ls.getCurrentUser(g.AccessToken)
		codes += "[" + resp.Header.Get("Invocation-Error") + "]"
		if codes != "[][][8][]" {
			t.Errorf("codes %s", codes)
		}
	})
}

func TestScenarioTokenEndpointAndLibrary(t *testing.T) {
	app := oauthApp()
	ls := newLiveServer(t, Options{Apps: []App{app}})
	resp, err := http.Post(ls.url+ControlPrefix+"/scenarios/library/refresh-token-rejected?application_key="+app.Key, "application/json", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("library: %v %v", err, resp)
	}
	resp.Body.Close()
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"-r-whatever"}, "client_id": {"512000000100"}, "client_secret": {app.Secret}}
	resp, err = http.PostForm(ls.url+"/oauth/token.do", form)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if out["error"] != "invalid_token" {
		t.Errorf("token endpoint: %v", out)
	}
	// Reset clears runtime scenarios.
	http.Post(ls.url+ControlPrefix+"/reset", "application/json", nil)
	if got := ls.srv.scenarios.List(); len(got) != 0 {
		t.Errorf("rules after reset: %v", got)
	}
}

func TestScenarioLoadErrorsNameTheField(t *testing.T) {
	ls := newLiveServer(t, Options{})
	resp, _ := http.Post(ls.url+ControlPrefix+"/scenarios", "application/yaml", strings.NewReader("match:\n  methd: x\nrespond:\n  error_code: 2\n"))
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "methd") || !strings.Contains(string(b), ":2") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}
