package mock

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// oauthApp is a code-flow application that approves at once.
func oauthApp() App {
	return App{
		ID: 512000000100, Key: "OAUTHAPPKEY", Secret: "0A0B0C0D0E0F101112131415", Name: "Тестовое приложение",
		RedirectURIs: []string{"https://app.example/cb", "okauth://ok512000000100"},
		Permissions:  []string{"VALUABLE_ACCESS", "PHOTO_CONTENT", "LONG_ACCESS_TOKEN"},
		AutoApprove:  true, ClientOAuth: true, Status: AppPublic,
	}
}

func authorizeURL(app App, responseType, redirect, scope, state string, extra ...string) string {
	v := url.Values{
		"client_id": {strconv.FormatInt(app.ID, 10)}, "response_type": {responseType},
		"redirect_uri": {redirect}, "scope": {scope}, "layout": {"m"},
	}
	if state != "" {
		v.Set("state", state)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return "/oauth/authorize?" + v.Encode()
}

// redirectOf returns the Location of a 302, split into query and fragment
// values.
func redirectOf(t *testing.T, rec *httptest.ResponseRecorder) (*url.URL, url.Values, url.Values) {
	t.Helper()
	if rec.Code != http.StatusFound {
		t.Fatalf("HTTP %d, want 302: %s", rec.Code, rec.Body)
	}
	u, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	frag, _ := url.ParseQuery(u.EscapedFragment())
	return u, u.Query(), frag
}

func (ts *testServer) token(form url.Values, hdr map[string]string) (map[string]any, *httptest.ResponseRecorder) {
	rec := ts.do("POST", "/oauth/token.do", form.Encode(), hdr)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return out, rec
}

func codeExchange(app App, code, redirect string) url.Values {
	return url.Values{
		"grant_type": {"authorization_code"}, "code": {code}, "client_id": {strconv.FormatInt(app.ID, 10)},
		"client_secret": {app.Secret}, "redirect_uri": {redirect},
	}
}

func TestCodeFlow(t *testing.T) {
	app := oauthApp()
	ts := newTestServer(t, Options{Apps: []App{app}})
	state := "a b&c=d/é?#%"
	rec := ts.do("GET", authorizeURL(app, "code", "https://app.example/cb?redirect_state=xyz", "VALUABLE_ACCESS;PHOTO_CONTENT;GROUP_CONTENT", state), "", nil)
	u, q, _ := redirectOf(t, rec)
	if u.Host != "app.example" || q.Get("redirect_state") != "xyz" {
		t.Errorf("redirect = %s", u)
	}
	if q.Get("state") != state {
		t.Errorf("state = %q, want %q byte for byte", q.Get("state"), state)
	}
	// GROUP_CONTENT is not the app's to request: dropped silently.
	if got := q.Get("permissions_granted"); got != "PHOTO_CONTENT;VALUABLE_ACCESS" {
		t.Errorf("permissions_granted = %q", got)
	}
	code := q.Get("code")
	if code == "" {
		t.Fatal("no code")
	}

	// Basic credentials: HTTP 400 as OK, and the code survives.
	_, bad := ts.token(url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {"https://app.example/cb?redirect_state=xyz"}},
		map[string]string{"Authorization": "Basic " + basic(strconv.FormatInt(app.ID, 10), app.Secret)})
	if bad.Code != http.StatusBadRequest {
		t.Errorf("Basic auth: HTTP %d, want 400", bad.Code)
	}
	// A different redirect_uri than at authorize.
	out, _ := ts.token(codeExchange(app, code, "https://app.example/cb"), nil)
	if out["error"] != "invalid_request" || out["error_description"] != "Wrong redirect_uri" {
		t.Errorf("wrong redirect: %v", out)
	}
	// Wrong secret.
	wrong := codeExchange(app, code, "https://app.example/cb?redirect_state=xyz")
	wrong.Set("client_secret", "nope")
	if out, _ := ts.token(wrong, nil); out["error"] != "invalid_client" {
		t.Errorf("wrong secret: %v", out)
	}

	out, rec = ts.token(codeExchange(app, code, "https://app.example/cb?redirect_state=xyz"), nil)
	if rec.Header().Get("Content-Type") != "application/json;charset=utf-8" {
		t.Errorf("Content-Type %q", rec.Header().Get("Content-Type"))
	}
	if out["token_type"] != "session" || out["expires_in"] != "1800" || out["refresh_token"] == nil || out["access_token"] == nil {
		t.Fatalf("token reply = %v", out)
	}
	// A code works once.
	if again, _ := ts.token(codeExchange(app, code, "https://app.example/cb?redirect_state=xyz"), nil); again["error"] != "invalid_grant" {
		t.Errorf("reused code: %v", again)
	}
	// The token makes a server-signed call.
	tok := out["access_token"].(string)
	p := map[string]string{"application_key": app.Key, "method": "users.getLoggedInUser"}
	v := url.Values{"application_key": {app.Key}, "method": {"users.getLoggedInUser"}, "access_token": {tok}, "sig": {refSign(p, refMD5(tok+app.Secret))}}
	call := ts.do("GET", "/fb.do?"+v.Encode(), "", nil)
	if call.Header().Get("Invocation-Error") != "" || call.Body.String() != `"575000000001"` {
		t.Errorf("call with exchanged token: %s", call.Body)
	}
}

func basic(user, pass string) string {
	r := httptest.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}

func TestCodeBoundToClientAndExpiry(t *testing.T) {
	app := oauthApp()
	other := oauthApp()
	other.ID, other.Key, other.Secret = 512000000101, "OTHERAPP", "ffeeddccbbaa998877665544"
	ts := newTestServer(t, Options{Apps: []App{app, other}})
	get := func() string {
		_, q, _ := redirectOf(t, ts.do("GET", authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", ""), "", nil))
		return q.Get("code")
	}
	if out, _ := ts.token(codeExchange(other, get(), "https://app.example/cb"), nil); out["error"] != "invalid_grant" {
		t.Errorf("code of another client: %v", out)
	}
	code := get()
	ts.srv.Advance(2*time.Minute + time.Second)
	if out, _ := ts.token(codeExchange(app, code, "https://app.example/cb"), nil); out["error"] != "invalid_grant" {
		t.Errorf("expired code: %v", out)
	}
}

func TestAuthorizeNeverRedirectsToStrangers(t *testing.T) {
	app := oauthApp()
	ts := newTestServer(t, Options{Apps: []App{app}})
	for name, target := range map[string]string{
		"unregistered redirect_uri":  authorizeURL(app, "code", "https://evil.example/cb", "VALUABLE_ACCESS", "s"),
		"prefix of a registered uri": authorizeURL(app, "code", "https://app.example/c", "VALUABLE_ACCESS", "s"),
		"unknown client_id":          strings.Replace(authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", "s"), "512000000100", "999", 1),
		"non-numeric client_id":      strings.Replace(authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", "s"), "512000000100", "OAUTHAPPKEY", 1),
	} {
		rec := ts.do("GET", target, "", nil)
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Location") != "" {
			t.Errorf("%s: HTTP %d Location %q", name, rec.Code, rec.Header().Get("Location"))
		}
		if !strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: not an HTML page", name)
		}
	}
}

func TestImplicitFlow(t *testing.T) {
	app := oauthApp()
	noClient := oauthApp()
	noClient.ID, noClient.Key, noClient.ClientOAuth = 512000000102, "NOCLIENT", false
	ts := newTestServer(t, Options{Apps: []App{app, noClient}})
	_, q, frag := redirectOf(t, ts.do("GET", authorizeURL(app, "token", "okauth://ok512000000100", "VALUABLE_ACCESS;LONG_ACCESS_TOKEN", "st"), "", nil))
	if len(q) != 0 {
		t.Errorf("implicit flow must use the fragment, query = %v", q)
	}
	for _, k := range []string{"access_token", "session_secret_key", "permissions_granted", "expires_in", "state"} {
		if frag.Get(k) == "" {
			t.Errorf("fragment lacks %s: %v", k, frag)
		}
	}
	if frag.Get("expires_in") != strconv.Itoa(30*24*3600) {
		t.Errorf("LONG_ACCESS_TOKEN expires_in = %s", frag.Get("expires_in"))
	}
	// The client scheme works with what the fragment carried.
	tok, secret := frag.Get("access_token"), frag.Get("session_secret_key")
	p := map[string]string{"application_key": app.Key, "method": "users.getLoggedInUser"}
	v := url.Values{"application_key": {app.Key}, "method": {"users.getLoggedInUser"}, "access_token": {tok}, "sig": {refSign(p, secret)}}
	if rec := ts.do("GET", "/fb.do?"+v.Encode(), "", nil); rec.Header().Get("Invocation-Error") != "" {
		t.Errorf("client-signed call: %s", rec.Body)
	}
	// Client OAuth off: invalid_client in the fragment, state echoed.
	_, q, frag = redirectOf(t, ts.do("GET", authorizeURL(noClient, "token", "okauth://ok512000000100", "VALUABLE_ACCESS", "st"), "", nil))
	if frag.Get("error") != "invalid_client" || frag.Get("state") != "st" || len(q) != 0 {
		t.Errorf("no client OAuth: query %v fragment %v", q, frag)
	}
}

func TestCodeFlowErrorLocation(t *testing.T) {
	app := oauthApp()
	app.Status = AppDisabled
	for _, inFragment := range []bool{false, true} {
		ts := newTestServer(t, Options{Apps: []App{app}, OAuth: OAuthOptions{CodeErrorsInFragment: inFragment}})
		_, q, frag := redirectOf(t, ts.do("GET", authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", "s1"), "", nil))
		where := q
		if inFragment {
			where = frag
		}
		if where.Get("error") != "invalid_client" || where.Get("state") != "s1" {
			t.Errorf("fragment=%v: query %v fragment %v", inFragment, q, frag)
		}
	}
}

func TestConsentPage(t *testing.T) {
	app := oauthApp()
	app.AutoApprove = false
	ts := newTestServer(t, Options{Apps: []App{app}, Users: []world.User{UserSpec{UID: "575000000777", FirstName: "Анна", LastName: "Тестова", Gender: "female", Password: "s3cret"}.User()}})
	target := authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", "st8")
	page := ts.do("GET", target, "", nil)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "Тестовое приложение") || !strings.Contains(page.Body.String(), "Анна Тестова") {
		t.Fatalf("consent page: %d %s", page.Code, page.Body)
	}
	form := url.Values{
		"client_id": {"512000000100"}, "response_type": {"code"}, "redirect_uri": {"https://app.example/cb"},
		"scope": {"VALUABLE_ACCESS"}, "state": {"st8"}, "login": {"575000000777"},
	}
	// Deny.
	deny := url.Values{}
	for k, v := range form {
		deny[k] = v
	}
	deny.Set("action", "deny")
	_, q, _ := redirectOf(t, ts.do("POST", "/oauth/authorize", deny.Encode(), nil))
	if q.Get("error") != "access_denied" || q.Get("state") != "st8" {
		t.Errorf("deny: %v", q)
	}
	// Wrong password: the page again, with an error, no redirect.
	form.Set("action", "allow")
	form.Set("okmock_password", "wrong")
	again := ts.do("POST", "/oauth/authorize", form.Encode(), nil)
	if again.Code != http.StatusOK || !strings.Contains(again.Body.String(), `id="error"`) {
		t.Errorf("wrong password: %d", again.Code)
	}
	// Right password: a code for that user; the login cookie then skips the
	// page for a request within the grant.
	form.Set("okmock_password", "s3cret")
	ok := ts.do("POST", "/oauth/authorize", form.Encode(), nil)
	_, q, _ = redirectOf(t, ok)
	if q.Get("code") == "" {
		t.Fatalf("allow: %v", q)
	}
	cookie := ok.Result().Cookies()
	if len(cookie) == 0 {
		t.Fatal("no login cookie")
	}
	rec := ts.do("GET", target, "", map[string]string{"Cookie": cookie[0].Name + "=" + cookie[0].Value})
	if rec.Code != http.StatusFound {
		t.Errorf("returning user with a grant: HTTP %d, want an immediate redirect", rec.Code)
	}
	if out, _ := ts.token(codeExchange(app, q.Get("code"), "https://app.example/cb"), nil); out["access_token"] == nil {
		t.Errorf("exchange: %v", out)
	}
}

func TestRefresh(t *testing.T) {
	app := oauthApp()
	ts := newTestServer(t, Options{Apps: []App{app}})
	_, q, _ := redirectOf(t, ts.do("GET", authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", ""), "", nil))
	first, _ := ts.token(codeExchange(app, q.Get("code"), "https://app.example/cb"), nil)
	rt := first["refresh_token"].(string)
	refresh := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {"512000000100"}, "client_secret": {app.Secret}}
	ts.srv.Advance(31 * time.Minute)
	for i := 0; i < 2; i++ {
		out, _ := ts.token(refresh, nil)
		if out["access_token"] == nil || out["token_type"] != "session" || out["expires_in"] != "1800" {
			t.Fatalf("refresh %d: %v", i, out)
		}
		if _, has := out["refresh_token"]; has {
			t.Errorf("refresh must not hand out a new refresh token: %v", out)
		}
	}
	malformed := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {first["access_token"].(string)}, "client_id": {"512000000100"}, "client_secret": {app.Secret}}
	if out, _ := ts.token(malformed, nil); out["error"] != "invalid_token" || out["error_description"] != "Invalid refresh token structure" {
		t.Errorf("access token as refresh token: %v", out)
	}
	var res RevokeResult
	ts.control("DELETE", "/grants/"+app.Key+"/575000000001", nil, &res)
	if res.RevokedTokens < 2 {
		t.Errorf("revoked %d tokens", res.RevokedTokens)
	}
	if out, _ := ts.token(refresh, nil); out["error"] != "invalid_token" {
		t.Errorf("refresh after revoke: %v", out)
	}
}

func TestRefreshRotationAndNumericExpiry(t *testing.T) {
	app := oauthApp()
	ts := newTestServer(t, Options{Apps: []App{app}, OAuth: OAuthOptions{RotateRefreshTokens: true, ExpiresInNumber: true}})
	_, q, _ := redirectOf(t, ts.do("GET", authorizeURL(app, "code", "https://app.example/cb", "VALUABLE_ACCESS", ""), "", nil))
	first, _ := ts.token(codeExchange(app, q.Get("code"), "https://app.example/cb"), nil)
	if first["expires_in"] != float64(1800) {
		t.Errorf("expires_in = %#v, want the number 1800", first["expires_in"])
	}
	refresh := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {first["refresh_token"].(string)}, "client_id": {"512000000100"}, "client_secret": {app.Secret}}
	out, _ := ts.token(refresh, nil)
	if out["refresh_token"] == nil || out["refresh_token"] == first["refresh_token"] {
		t.Fatalf("rotation: %v", out)
	}
	if again, _ := ts.token(refresh, nil); again["error"] != "invalid_token" {
		t.Errorf("old refresh token after rotation: %v", again)
	}
}

// The OAuth pages are parsed on first use; a broken template must still
// fail the tests, not the first user who opens the page.
func TestOAuthPagesParse(t *testing.T) {
	for _, name := range []string{"consent.html", "error.html", "style.html", "head", "brand", "style"} {
		if pages().Lookup(name) == nil {
			t.Errorf("template %s missing", name)
		}
	}
}
