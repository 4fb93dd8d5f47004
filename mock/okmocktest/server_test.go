package okmocktest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/okmocktest"
)

// TestSignMatchesPublishedVectors checks Sign against the worked examples
// of OK's documentation (server scheme) and an independently computed
// application-scheme vector.
func TestSignMatchesPublishedVectors(t *testing.T) {
	params := url.Values{"format": {"json"}, "method": {"events.get"}, "sig": {"stale"}, "access_token": {"stale"}}
	tests := []struct {
		name  string
		creds okmocktest.Credentials
		sig   string
	}{
		{"server scheme", okmocktest.Credentials{
			ApplicationKey: "ABCDEFGHIGKLMNOPK", ApplicationSecret: "ABC123DEF456GHI789JKL123",
			AccessToken: "-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7",
		}, "232c8eb921951c4dba9b72606f9ddb4c"},
		{"application scheme", okmocktest.Credentials{
			ApplicationKey: "ABCDEFGHIGKLMNOPK", ApplicationSecret: "ABC123DEF456GHI789JKL123",
		}, "a533dc6fdfe2d9da2c41dae01eb3edfa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.creds.Sign(params)
			if got.Get("sig") != tt.sig || got.Get("access_token") != tt.creds.AccessToken || got.Get("application_key") != tt.creds.ApplicationKey {
				t.Errorf("Sign = %v, want sig %s", got, tt.sig)
			}
			if params.Get("sig") != "stale" {
				t.Error("Sign changed its argument")
			}
		})
	}
}

// slowBody is a request body that the test releases: the request stays in
// flight until then.
type slowBody struct {
	read    chan struct{}
	release chan struct{}
	sent    bool
}

func newSlowBody() *slowBody {
	return &slowBody{read: make(chan struct{}), release: make(chan struct{})}
}

func (b *slowBody) Read(p []byte) (int, error) {
	if !b.sent {
		b.sent = true
		close(b.read)
		return copy(p, "format=json&"), nil
	}
	<-b.release
	return 0, io.EOF
}

func TestCloseWaitsForRequestsInFlight(t *testing.T) {
	for _, started := range []bool{false, true} {
		name := map[bool]string{false: "in memory", true: "on a port"}[started]
		t.Run(name, func(t *testing.T) {
			srv, err := okmocktest.NewUnstartedServer()
			if err != nil {
				t.Fatal(err)
			}
			if started {
				if err := srv.Start(); err != nil {
					t.Fatal(err)
				}
			}
			body := newSlowBody()
			req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/fb.do", body)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			client := srv.Client()
			if started {
				// With Expect: 100-continue the body is sent only once the
				// handler reads it, so body.read below means the request
				// reached the handler, not just the client's buffer.
				req.Header.Set("Expect", "100-continue")
				client = &http.Client{Transport: &http.Transport{ExpectContinueTimeout: time.Minute}}
			}
			done := make(chan error, 1)
			go func() {
				resp, err := client.Do(req)
				if err == nil {
					resp.Body.Close()
				}
				done <- err
			}()
			<-body.read // the handler is reading: the request is in flight
			closed := make(chan struct{})
			go func() { srv.Close(); close(closed) }()
			select {
			case <-closed:
				t.Fatal("Close returned while a request was in flight")
			case <-time.After(200 * time.Millisecond):
			}
			close(body.release)
			select {
			case <-closed:
			case <-time.After(10 * time.Second):
				t.Fatal("Close did not return once the request finished")
			}
			if err := <-done; err != nil {
				t.Errorf("the request in flight failed: %v", err)
			}
			if _, err := srv.Client().Get("http://api.ok.ru/__okmock/health"); err == nil {
				t.Error("a closed server still answers")
			}
		})
	}
}

func TestLifecycleMistakesAreErrors(t *testing.T) {
	srv, err := okmocktest.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("second Start: %v", err)
	}
	srv.Close()
	srv.Close()
	if err := srv.Start(); err == nil || !strings.Contains(err.Error(), "after Close") {
		t.Errorf("Start after Close: %v", err)
	}
	if _, err := okmocktest.NewServer(okmocktest.WithApps(mock.App{Key: "K"})); err == nil {
		t.Error("an application without a secret was accepted")
	}
}

func TestNewClosesWhenTheTestEnds(t *testing.T) {
	var srv *okmocktest.Server
	t.Run("user test", func(t *testing.T) {
		srv = okmocktest.New(t, okmocktest.WithSeed(3))
		if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") {
			t.Errorf("URL %q", srv.URL())
		}
	})
	if _, err := http.Get(srv.URL() + "/__okmock/health"); err == nil {
		t.Error("the server outlived its test")
	}
}

// TestClientReachesEveryHostName: on a port, Client dials okmock whatever
// host the URL names; in memory, the handler sees the scheme and host the
// client asked for, so absolute URLs okmock hands out point back at them.
func TestClientReachesEveryHostName(t *testing.T) {
	started := okmocktest.New(t)
	for _, u := range []string{"http://api.ok.ru/__okmock/health", "http://connect.ok.ru/__okmock/health", started.URL() + "/__okmock/health"} {
		resp, err := started.Client().Get(u)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %v", u, err)
			continue
		}
		resp.Body.Close()
	}

	mem, _ := okmocktest.NewUnstartedServer()
	defer mem.Close()
	creds, err := mem.Session("PHOTO_CONTENT")
	if err != nil {
		t.Fatal(err)
	}
	params := creds.Sign(url.Values{"method": {"photosV2.getUploadUrl"}, "format": {"json"}})
	resp, err := mem.Client().PostForm("https://api.ok.ru/fb.do", params)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var up struct {
		UploadURL string `json:"upload_url"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&up); err != nil || !strings.HasPrefix(up.UploadURL, "https://api.ok.ru/") {
		t.Errorf("upload_url %q (%v): want it on https://api.ok.ru", up.UploadURL, err)
	}
}

func TestSessionsAndApplications(t *testing.T) {
	srv, _ := okmocktest.NewUnstartedServer(okmocktest.WithApps(mock.App{ID: 7001, Key: "MYAPPKEY", Secret: "s3cret"}))
	defer srv.Close()
	creds, err := srv.SessionFor(mock.SessionSpec{UID: "575000000002", Scopes: []string{"VALUABLE_ACCESS"}})
	if err != nil {
		t.Fatal(err)
	}
	if creds.ApplicationKey != "MYAPPKEY" || creds.ApplicationID != 7001 || creds.UID != "575000000002" || creds.AccessToken == "" {
		t.Errorf("credentials %+v", creds)
	}
	var me map[string]any
	if err := srv.Call(context.Background(), creds, "users.getCurrentUser", nil, &me); err != nil || me["uid"] != "575000000002" {
		t.Errorf("call as the session's user: %v %v", err, me)
	}
	demo, err := srv.AppCredentials(mock.DemoApp().Key)
	if err != nil || demo.ApplicationSecret != mock.DemoApp().Secret {
		t.Errorf("demo app: %+v %v", demo, err)
	}
	if _, err := srv.SessionFor(mock.SessionSpec{ApplicationKey: "NOSUCHAPP"}); err == nil {
		t.Error("a session for an unknown application was minted")
	}
	if _, err := srv.AppCredentials("NOSUCHAPP"); err == nil {
		t.Error("credentials of an unknown application")
	}
	bad := creds
	bad.ApplicationSecret = "wrong"
	err = srv.Call(context.Background(), bad, "users.getCurrentUser", nil, nil)
	if apiErr, ok := err.(*okmocktest.APIError); !ok || apiErr.Code != mock.CodeSignature {
		t.Errorf("a wrong secret: %v, want OK error %d", err, mock.CodeSignature)
	}
}
