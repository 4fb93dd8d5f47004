package mock

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestAPIErrors walks every error path of the checks, in OK's order, and
// checks the code, the message and the wire form.
func TestAPIErrors(t *testing.T) {
	ts := newTestServer(t, Options{Apps: []App{{
		ID: 512000000077, Key: "DISABLEDAPP", Secret: "s3cr3t", Status: AppDisabled,
	}, {
		ID: 512000000078, Key: "IPLOCKED", Secret: "ipsecret", ServerIPs: []string{"10.9.8.0/24"},
	}}})
	demo := DemoApp()
	full := ts.session("VALUABLE_ACCESS")
	bare := ts.session()
	expired := ts.session("VALUABLE_ACCESS")
	ts.control("POST", "/sessions/expire", TokenRef{expired.AccessToken}, nil)

	appSigned := func(params map[string]string, key, secret string) string {
		params["application_key"] = key
		v := url.Values{}
		for k, val := range params {
			v.Set(k, val)
		}
		v.Set("sig", refSign(params, secret))
		return v.Encode()
	}
	tests := []struct {
		name     string
		query    string
		code     int
		msgStart string
		data     any
	}{
		{"no application_key", "method=users.getCurrentUser&sig=abc", 101, "PARAM_API_KEY : No application key", nil},
		{"unknown application_key", "method=users.getCurrentUser&application_key=NOPE&sig=abc", 101, "PARAM_API_KEY : Application not exist", nil},
		{"disabled application", appSigned(map[string]string{"method": "friends.get", "uid": "575000000001"}, "DISABLEDAPP", "s3cr3t"), 210, "PARAM_APPLICATION_DISABLED : ", nil},
		{"no sig", "method=users.getCurrentUser&application_key=" + demo.Key + "&access_token=" + full.AccessToken, 104, "PARAM_SIGNATURE : No signature specified", nil},
		{"wrong sig", "method=users.getCurrentUser&application_key=" + demo.Key + "&access_token=" + full.AccessToken + "&sig=0123456789abcdef0123456789abcdef", 104,
			"PARAM_SIGNATURE : Invalid signature 0123456789abcdef0123456789abcdef, calculated by string application_key=" + demo.Key + "method=users.getCurrentUser" + SecretMask, nil},
		{"unknown token beats wrong sig", "method=users.getCurrentUser&application_key=" + demo.Key + "&access_token=-s-unknown&sig=0123456789abcdef0123456789abcdef", 103, "PARAM_SESSION_KEY : Invalid session key", nil},
		{"expired token", signedServer(map[string]string{"method": "users.getCurrentUser"}, expired.AccessToken).Encode(), 102, "PARAM_SESSION_EXPIRED : Session expired", nil},
		{"session method without a token", appSigned(map[string]string{"method": "users.getCurrentUser"}, demo.Key, demo.Secret), 100, "PARAM : Missed required parameter: access_token", nil},
		{"session on a server-only method", signedServer(map[string]string{"method": "sdk.getNotes"}, full.AccessToken).Encode(), 451, "NOT_SESSION_METHOD : ", nil},
		{"scope not granted", signedServer(map[string]string{"method": "friends.get"}, bare.AccessToken).Encode(), 10, "PERMISSION_DENIED : User must grant an access to permission 'VALUABLE_ACCESS'", "valuable_access"},
		{"unknown method", signedServer(map[string]string{"method": "users.noSuchMethod"}, full.AccessToken).Encode(), 3, "METHOD : ", nil},
		{"no method", signedServer(map[string]string{}, full.AccessToken).Encode(), 100, "PARAM : Missed required parameter: method", nil},
		{"missing required parameter", signedServer(map[string]string{"method": "users.getInfo", "uids": "575000000002"}, full.AccessToken).Encode(), 100, "PARAM : Missing required parameter fields", nil},
		{"caller not on the IP allow-list", appSigned(map[string]string{"method": "friends.get", "uid": "575000000001"}, "IPLOCKED", "ipsecret"), 9, "IP_BLOCKED : ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := ts.do("GET", "/fb.do?"+tt.query, "", nil)
			code, msg, data := okError(t, rec)
			if code != tt.code {
				t.Errorf("error_code = %d, want %d (%s)", code, tt.code, msg)
			}
			if !strings.HasPrefix(msg, tt.msgStart) {
				t.Errorf("error_msg = %q, want prefix %q", msg, tt.msgStart)
			}
			if data != tt.data {
				t.Errorf("error_data = %v, want %v", data, tt.data)
			}
			for _, secret := range []string{demo.Secret, full.SessionSecret, bare.SessionSecret} {
				if strings.Contains(rec.Body.String(), secret) {
					t.Errorf("response leaks a secret: %s", rec.Body)
				}
			}
		})
	}
}

// TestExpiredTokenStaysExpired checks that expiry follows the injected
// clock and that an expired token keeps answering 102, not 103.
func TestExpiredTokenStaysExpired(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	call := func() *http.Response {
		rec := ts.do("GET", "/fb.do?"+signedServer(map[string]string{"method": "users.getCurrentUser"}, g.AccessToken).Encode(), "", nil)
		return rec.Result()
	}
	if resp := call(); resp.Header.Get("Invocation-Error") != "" {
		t.Fatalf("fresh token failed: %s", resp.Header.Get("Invocation-Error"))
	}
	ts.srv.Advance(29 * time.Minute)
	if resp := call(); resp.Header.Get("Invocation-Error") != "" {
		t.Fatalf("token failed before 30 minutes")
	}
	ts.control("POST", "/clock", ClockChange{AdvanceSeconds: 61}, nil)
	for i := 0; i < 3; i++ {
		if got := call().Header.Get("Invocation-Error"); got != "102" {
			t.Fatalf("call %d after expiry: Invocation-Error %q, want 102", i, got)
		}
	}
}

// TestWrongSignatureNeverEchoesASecret: a client that sends its secret as
// a parameter and signs wrong must not get the secret back.
func TestWrongSignatureNeverEchoesASecret(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	q := url.Values{
		"application_key": {DemoApp().Key}, "method": {"users.getCurrentUser"}, "access_token": {g.AccessToken},
		"application_secret_key": {DemoApp().Secret}, "session_secret_key": {g.SessionSecret}, "sig": {strings.Repeat("a", 32)},
	}
	rec := ts.do("GET", "/fb.do?"+q.Encode(), "", nil)
	code, msg, _ := okError(t, rec)
	if code != 104 || strings.Contains(msg, DemoApp().Secret) || strings.Contains(msg, g.SessionSecret) {
		t.Errorf("%d %s", code, msg)
	}
}
