package mock

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/okmock/okmock/mock/world"
)

// The login and consent page seen through a real browser: headless
// Chromium clicks through it as a person would, and the OAuth redirect
// lands on a receiver the test controls.

const (
	browserUser     = "575000000777"
	browserPassword = "s3cret-пароль"
	// browserState is what a client sends as state; it must come back
	// byte for byte through the page's form and the redirect.
	browserState = "ключ=1&b=2#frag %25 + é/?"
)

// redirectReceiver is the client's redirect URI: it records every request
// it receives.
type redirectReceiver struct {
	srv  *httptest.Server
	mu   sync.Mutex
	got  []*url.URL
	wake chan struct{}
}

func newRedirectReceiver(t *testing.T) *redirectReceiver {
	rr := &redirectReceiver{wake: make(chan struct{}, 16)}
	rr.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/favicon.ico" {
			http.NotFound(w, r)
			return
		}
		u := *r.URL
		rr.mu.Lock()
		rr.got = append(rr.got, &u)
		rr.mu.Unlock()
		rr.wake <- struct{}{}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><title>received</title><p id=received>received</p>"))
	}))
	t.Cleanup(rr.srv.Close)
	return rr
}

// wait returns the next request the receiver got.
func (rr *redirectReceiver) wait(t *testing.T, d time.Duration) *url.URL {
	t.Helper()
	select {
	case <-rr.wake:
	case <-time.After(d):
		t.Fatalf("the redirect receiver got nothing within %s", d)
	}
	rr.mu.Lock()
	defer rr.mu.Unlock()
	return rr.got[len(rr.got)-1]
}

func (rr *redirectReceiver) count() int {
	rr.mu.Lock()
	defer rr.mu.Unlock()
	return len(rr.got)
}

// chromiumPath finds Debian's chromium; without it the test skips, unless
// OKMOCK_REQUIRE_ALL=1 (CI) makes a missing browser a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "Chromium not found (install the Debian package `chromium`, or run .ci/install-tools.sh): browser test of the OAuth page not run"
	if os.Getenv("OKMOCK_REQUIRE_ALL") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// startBrowser starts one headless Chromium for the test. The flags keep
// it off the network: this machine has none, and without them Chromium
// keeps retrying refused connections in the background.
func startBrowser(t *testing.T) context.Context {
	exe := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	// The first action starts the browser.
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return browser
}

// tab opens a fresh tab in its own browser context, so the login cookie of
// one case never lets another skip the page.
func tab(t *testing.T, browser context.Context) context.Context {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	return ctx
}

func TestOAuthPageInBrowser(t *testing.T) {
	started := time.Now()
	browser := startBrowser(t)
	rr := newRedirectReceiver(t)
	app := App{
		ID: 512000000200, Key: "BROWSERAPPKEY", Secret: "B0B1B2B3B4B5B6B7B8B9BABB", Name: "Фотоальбом 2026",
		RedirectURIs: []string{rr.srv.URL + "/cb"},
		Permissions:  []string{"VALUABLE_ACCESS", "PHOTO_CONTENT", "GET_EMAIL"},
		Status:       AppPublic,
	}
	ts := newTestServer(t, Options{
		Apps:  []App{app},
		Users: []world.User{UserSpec{UID: browserUser, FirstName: "Анна", LastName: "Браузерова", Gender: "female", Password: browserPassword}.User()},
	})
	ok := httptest.NewServer(ts.srv)
	t.Cleanup(ok.Close)
	authorize := ok.URL + authorizeURL(app, "code", rr.srv.URL+"/cb", "VALUABLE_ACCESS;PHOTO_CONTENT;GET_EMAIL", browserState)
	t.Logf("Chromium started in %s", time.Since(started).Round(time.Millisecond))

	t.Run("log in, consent, exchange the code, call the API (JavaScript off)", func(t *testing.T) {
		ctx := tab(t, browser)
		// The page must work without JavaScript: WebViews and strict
		// browsers may have it off.
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx,
			chromedp.Navigate(authorize),
			chromedp.WaitVisible(chromedp.ID("allow")),
			chromedp.SetValue(chromedp.ID("login"), browserUser),
			chromedp.SendKeys(chromedp.ID("password"), browserPassword),
			chromedp.Click(chromedp.ID("allow")),
		); err != nil {
			t.Fatal(err)
		}
		got := rr.wait(t, 10*time.Second)
		q := got.Query()
		if got.Path != "/cb" || q.Get("code") == "" {
			t.Fatalf("receiver got %s, want /cb with a code", got)
		}
		if q.Get("state") != browserState {
			t.Errorf("state = %q, want %q byte for byte", q.Get("state"), browserState)
		}
		if q.Get("permissions_granted") != "GET_EMAIL;PHOTO_CONTENT;VALUABLE_ACCESS" {
			t.Errorf("permissions_granted = %q", q.Get("permissions_granted"))
		}
		tok := exchangeOverHTTP(t, ok.URL, app, q.Get("code"), rr.srv.URL+"/cb")
		if uid := currentUserOverHTTP(t, ok.URL, app, tok); uid != browserUser {
			t.Errorf("users.getCurrentUser uid = %q, want the user who logged in, %s", uid, browserUser)
		}
	})

	t.Run("Deny sends the user back with access_denied", func(t *testing.T) {
		ctx := tab(t, browser)
		if err := chromedp.Do(ctx,
			chromedp.Navigate(authorize),
			chromedp.Click(chromedp.ID("deny")),
		); err != nil {
			t.Fatal(err)
		}
		q := rr.wait(t, 10*time.Second).Query()
		if q.Get("error") != "access_denied" || q.Get("code") != "" || q.Get("state") != browserState {
			t.Errorf("receiver got %v, want error=access_denied with the state and no code", q)
		}
	})

	t.Run("a wrong password shows an error and redirects nowhere", func(t *testing.T) {
		ctx := tab(t, browser)
		before := rr.count()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(authorize),
			chromedp.SetValue(chromedp.ID("login"), browserUser),
			chromedp.SendKeys(chromedp.ID("password"), "not-the-password"),
			chromedp.Click(chromedp.ID("allow")),
			chromedp.WaitVisible(chromedp.ID("error")),
		); err != nil {
			t.Fatal(err)
		}
		msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("error")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(msg, "wrong login or password") {
			t.Errorf("error text = %q", msg)
		}
		// The person stays on the page, with the user still chosen, and can
		// try again.
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		login, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("login")))
		if !strings.HasPrefix(loc, ok.URL+"/oauth/authorize") || login != browserUser {
			t.Errorf("after a wrong password: at %s with login %q", loc, login)
		}
		if n := rr.count(); n != before {
			t.Errorf("the receiver got %d requests after a wrong password", n-before)
		}
	})

	t.Run("a phone shows the page without horizontal scrolling", func(t *testing.T) {
		ctx := tab(t, browser)
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
			chromedp.Navigate(authorize),
			chromedp.WaitVisible(chromedp.ID("allow")),
		); err != nil {
			t.Fatal(err)
		}
		widths, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
		if err != nil {
			t.Fatal(err)
		}
		if widths[0] > widths[1] {
			t.Errorf("scrollWidth %d > innerWidth %d: the page scrolls sideways on a phone", widths[0], widths[1])
		}
		// Both buttons are visible without scrolling, and big enough to tap.
		for _, id := range []string{"allow", "deny"} {
			box, err := chromedp.Run(ctx, chromedp.Evaluate[[4]float64](`(() => { const r = document.getElementById("`+id+`").getBoundingClientRect(); return [r.left, r.right, r.bottom, r.height]; })()`))
			if err != nil {
				t.Fatal(err)
			}
			if box[0] < 0 || box[1] > float64(widths[1]) || box[2] > 844 || box[3] < 44 {
				t.Errorf("#%s at %v: off screen or smaller than a 44px tap target", id, box)
			}
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		dir := os.Getenv("OKMOCK_SCREENSHOT_DIR")
		if dir == "" {
			dir = t.TempDir()
		}
		path := filepath.Join(dir, "oauth-consent-phone.png")
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d bytes)", path, len(shot))
	})
	t.Logf("browser test took %s", time.Since(started).Round(time.Millisecond))
}

// exchangeOverHTTP trades a code for an access token at token.do, as a
// client's back end does.
func exchangeOverHTTP(t *testing.T, base string, app App, code, redirect string) string {
	t.Helper()
	resp, err := http.PostForm(base+"/oauth/token.do", codeExchange(app, code, redirect))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		TokenType    string `json:"token_type"`
		Error        string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if out.AccessToken == "" || out.RefreshToken == "" || out.TokenType != "session" {
		t.Fatalf("token.do answered %+v", out)
	}
	return out.AccessToken
}

// currentUserOverHTTP makes a server-signed users.getCurrentUser call and
// returns the uid it names.
func currentUserOverHTTP(t *testing.T, base string, app App, token string) string {
	t.Helper()
	p := map[string]string{"application_key": app.Key, "method": "users.getCurrentUser", "format": "json"}
	v := url.Values{"access_token": {token}, "sig": {refSign(p, refMD5(token+app.Secret))}}
	for k, val := range p {
		v.Set(k, val)
	}
	resp, err := http.Get(base + "/fb.do?" + v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	uid, _ := out["uid"].(string)
	if uid == "" {
		t.Fatalf("users.getCurrentUser answered %v", out)
	}
	return uid
}
