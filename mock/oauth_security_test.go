package mock

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/mock/world"
)

// The OAuth security checklist: every promise okmock's connect.ok.ru
// emulation makes about redirect URIs, codes, state, tokens and secrets, in
// one place. Print it as a list with
//
//	go test ./mock -v -run TestMockSpecs -ginkgo.focus 'OAuth security' -ginkgo.v -ginkgo.dry-run

// The checklist's applications. Secrets are distinctive so that a search
// for them in answers, the journal and the log cannot match by chance.
var (
	// homeApp approves at once, so nothing but okmock's checks stands
	// between a request and a redirect.
	homeApp = App{
		ID: 512000000300, Key: "CHECKLISTHOME", Secret: "5EC12E7A00000000000000A1", Name: "Checklist home",
		RedirectURIs: []string{"https://app.example/cb", "https://app.example/other", "http://127.0.0.1:8080/cb", "okauth://ok512000000300"},
		Permissions:  []string{"VALUABLE_ACCESS", "PHOTO_CONTENT", "LONG_ACCESS_TOKEN"},
		ClientOAuth:  true, AutoApprove: true, Status: AppPublic,
	}
	// otherApp shares homeApp's redirect URIs: only the client binding
	// tells their codes apart.
	otherApp = App{
		ID: 512000000301, Key: "CHECKLISTOTHER", Secret: "5EC12E7B00000000000000B2", Name: "Checklist other",
		RedirectURIs: homeApp.RedirectURIs, Permissions: homeApp.Permissions,
		ClientOAuth: true, AutoApprove: true, Status: AppPublic,
	}
	// noClientApp has no client OAuth and shows the consent page.
	noClientApp = App{
		ID: 512000000302, Key: "CHECKLISTNOCLIENT", Secret: "5EC12E7C00000000000000C3", Name: "Checklist no client OAuth",
		RedirectURIs: homeApp.RedirectURIs, Permissions: homeApp.Permissions, Status: AppPublic,
	}
	checklistUser     = "575000000888"
	checklistPassword = "pa55-Checklist-пароль"
)

// answer is one response okmock gave during a spec.
type answer struct {
	what   string
	status int
	header http.Header
	body   string
}

// checklistServer is an okmock with the checklist's applications and a
// captured log; it keeps every answer for the secret checks.
type checklistServer struct {
	srv     *Server
	log     *lockedBuffer
	mu      sync.Mutex
	answers []answer
}

// lockedBuffer is a log sink safe for concurrent handlers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newChecklistServer(oauth OAuthOptions) *checklistServer {
	logs := &lockedBuffer{}
	s, err := New(Options{
		Clock:  ClockFunc(func() time.Time { return testEpoch }),
		Apps:   []App{homeApp, otherApp, noClientApp},
		Users:  []world.User{UserSpec{UID: checklistUser, FirstName: "Чек", LastName: "Листов", Password: checklistPassword}.User()},
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		OAuth:  oauth,
	})
	Expect(err).NotTo(HaveOccurred())
	return &checklistServer{srv: s, log: logs}
}

// do sends one request; a form goes in the body of a POST.
func (cs *checklistServer) do(method, target string, form url.Values, hdr map[string]string) *httptest.ResponseRecorder {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	cs.srv.ServeHTTP(rec, req)
	cs.mu.Lock()
	cs.answers = append(cs.answers, answer{method + " " + target, rec.Code, rec.Header().Clone(), rec.Body.String()})
	cs.mu.Unlock()
	return rec
}

func (cs *checklistServer) authorize(app App, responseType, redirect, state string, extra ...string) *httptest.ResponseRecorder {
	return cs.do("GET", authorizeURL(app, responseType, redirect, "VALUABLE_ACCESS;PHOTO_CONTENT", state, extra...), nil, nil)
}

// code runs the code flow of an auto-approving app up to the code.
func (cs *checklistServer) code(app App, redirect string) string {
	_, q, _ := redirected(cs.authorize(app, "code", redirect, ""))
	Expect(q.Get("code")).NotTo(BeEmpty(), "authorize gave no code: %v", q)
	return q.Get("code")
}

// token posts to token.do and decodes a JSON answer (nil when the answer
// is not JSON).
func (cs *checklistServer) token(form url.Values, hdr map[string]string) (map[string]any, *httptest.ResponseRecorder) {
	rec := cs.do("POST", "/oauth/token.do", form, hdr)
	var out map[string]any
	if json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		out = nil
	}
	return out, rec
}

// exchange trades a code and expects tokens.
func (cs *checklistServer) exchange(app App, code, redirect string) map[string]any {
	out, _ := cs.token(codeExchange(app, code, redirect), nil)
	Expect(out).To(HaveKey("access_token"), "exchange failed: %v", out)
	return out
}

func refreshForm(app App, rt string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {strconv.FormatInt(app.ID, 10)}, "client_secret": {app.Secret}}
}

func (cs *checklistServer) control(method, path string, in any) (int, string) {
	req := httptest.NewRequest(method, ControlPrefix+path, nil)
	if in != nil {
		b, err := json.Marshal(in)
		Expect(err).NotTo(HaveOccurred())
		req = httptest.NewRequest(method, ControlPrefix+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	cs.srv.ServeHTTP(rec, req)
	cs.mu.Lock()
	cs.answers = append(cs.answers, answer{method + " " + ControlPrefix + path, rec.Code, rec.Header().Clone(), rec.Body.String()})
	cs.mu.Unlock()
	return rec.Code, rec.Body.String()
}

// call makes a REST call signed in the server scheme and returns the OK
// error code (0 on success) and the body.
func (cs *checklistServer) call(app App, token, method string, extra map[string]string) (int, string) {
	p := map[string]string{"application_key": app.Key, "method": method}
	for k, v := range extra {
		p[k] = v
	}
	v := url.Values{"access_token": {token}, "sig": {refSign(p, refMD5(token+app.Secret))}}
	for k, val := range p {
		v.Set(k, val)
	}
	rec := cs.do("GET", "/fb.do?"+v.Encode(), nil, nil)
	return okErrorCode(rec.Body.String()), rec.Body.String()
}

func okErrorCode(body string) int {
	var e struct {
		Code int `json:"error_code"`
	}
	_ = json.Unmarshal([]byte(body), &e)
	return e.Code
}

// redirected returns the Location of a 302 split into query and fragment.
func redirected(rec *httptest.ResponseRecorder) (*url.URL, url.Values, url.Values) {
	GinkgoHelper()
	Expect(rec.Code).To(Equal(http.StatusFound), "want a redirect, got %d: %s", rec.Code, rec.Body)
	u, err := url.Parse(rec.Header().Get("Location"))
	Expect(err).NotTo(HaveOccurred())
	frag, err := url.ParseQuery(u.EscapedFragment())
	Expect(err).NotTo(HaveOccurred())
	return u, u.Query(), frag
}

// expectErrorPage checks okmock showed its error page and sent the
// browser nowhere.
func expectErrorPage(rec *httptest.ResponseRecorder) {
	GinkgoHelper()
	Expect(rec.Header().Get("Location")).To(BeEmpty(), "redirected to %q", rec.Header().Get("Location"))
	Expect(rec.Header().Get("Refresh")).To(BeEmpty())
	Expect(rec.Code).To(Equal(http.StatusBadRequest))
	Expect(rec.Header().Get("Content-Type")).To(HavePrefix("text/html"))
	Expect(rec.Body.String()).NotTo(ContainSubstring("http-equiv"))
}

// consentForm is what the page's form posts for the checklist user.
func consentForm(app App, responseType, redirect, state, action, password string) url.Values {
	f := url.Values{
		"client_id": {strconv.FormatInt(app.ID, 10)}, "response_type": {responseType}, "redirect_uri": {redirect},
		"scope": {"VALUABLE_ACCESS"}, "login": {checklistUser}, "okmock_password": {password}, "action": {action},
	}
	if state != "" {
		f.Set("state", state)
	}
	return f
}

var hiddenState = regexp.MustCompile(`name="state" value="([^"]*)"`)

var _ = Describe("OAuth security checklist", func() {
	var cs *checklistServer
	BeforeEach(func() { cs = newChecklistServer(OAuthOptions{}) })

	Describe("authorize never redirects to an unregistered redirect_uri", func() {
		DescribeTable("shows an error page instead, for the code flow, the implicit flow and the consent form",
			func(uri string) {
				expectErrorPage(cs.authorize(homeApp, "code", uri, "s"))
				expectErrorPage(cs.authorize(homeApp, "token", uri, "s"))
				expectErrorPage(cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", uri, "s", "allow", checklistPassword), nil))
				expectErrorPage(cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", uri, "s", "deny", ""), nil))
			},
			Entry("another host", "https://evil.example/cb"),
			Entry("a prefix of a registered URI", "https://app.example/c"),
			Entry("a registered URI plus a path", "https://app.example/cb/evil"),
			Entry("a registered URI plus a trailing slash", "https://app.example/cb/"),
			Entry("a different scheme", "http://app.example/cb"),
			Entry("a different port", "http://127.0.0.1:8081/cb"),
			Entry("the default port spelled out", "https://app.example:443/cb"),
			Entry("path traversal", "https://app.example/cb/../../evil"),
			Entry("encoded path traversal", "https://app.example/cb/%2e%2e/evil"),
			Entry("userinfo naming the registered host", "https://app.example@evil.example/cb"),
			Entry("userinfo with the registered path", "https://app.example/cb@evil.example"),
			Entry("a backslash before userinfo", `https://app.example\@evil.example/cb`),
			Entry("a different host case", "https://APP.example/cb"),
			Entry("a protocol-relative URI", "//evil.example/cb"),
			Entry("the registered URI inside another's query", "https://evil.example/?u=https://app.example/cb"),
			Entry("the registered URI inside another's fragment", "https://evil.example/#https://app.example/cb"),
			Entry("another application's custom scheme", "okauth://ok512000000999"),
			Entry("a NUL byte after the registered URI", "https://app.example/cb\x00.evil.example"),
			Entry("a missing redirect_uri", ""),
		)

		DescribeTable("what it accepts still redirects to the registered scheme, host and path",
			func(uri, wantHostPath string) {
				u, _, _ := redirected(cs.authorize(homeApp, "code", uri, "s"))
				Expect(u.Scheme + "://" + u.Host + u.Path).To(Equal(wantHostPath))
				Expect(u.User).To(BeNil())
			},
			Entry("a query appended by the client (?redirect_state=)", "https://app.example/cb?redirect_state=x", "https://app.example/cb"),
			Entry("a query that names another host", "https://app.example/cb?next=https://evil.example", "https://app.example/cb"),
			Entry("a fragment that looks like userinfo", "https://app.example/cb#@evil.example", "https://app.example/cb"),
			Entry("a fragment hiding a query", "https://app.example/cb#@evil.example?x=1", "https://app.example/cb"),
		)
	})

	Describe("an unknown client never redirects", func() {
		DescribeTable("authorize shows an error page",
			func(clientID string) {
				target := strings.Replace(authorizeURL(homeApp, "code", "https://app.example/cb", "VALUABLE_ACCESS", "s"), "client_id=512000000300", "client_id="+url.QueryEscape(clientID), 1)
				expectErrorPage(cs.do("GET", target, nil, nil))
				form := consentForm(noClientApp, "code", "https://app.example/cb", "s", "deny", "")
				form.Set("client_id", clientID)
				expectErrorPage(cs.do("POST", "/oauth/authorize", form, nil))
			},
			Entry("an unknown numeric id", "512000000999"),
			Entry("the application key instead of the id", homeApp.Key),
			Entry("an empty client_id", ""),
			Entry("a negative id", "-512000000300"),
			Entry("an id with a suffix", "512000000300x"),
		)

		It("nor does an application deleted through the control API", func() {
			code, _ := cs.control("DELETE", "/apps/"+homeApp.Key, nil)
			Expect(code).To(Equal(http.StatusNoContent))
			expectErrorPage(cs.authorize(homeApp, "code", "https://app.example/cb", "s"))
		})
	})

	Describe("an authorization code", func() {
		It("works once", func() {
			code := cs.code(homeApp, "https://app.example/cb")
			cs.exchange(homeApp, code, "https://app.example/cb")
			out, _ := cs.token(codeExchange(homeApp, code, "https://app.example/cb"), nil)
			Expect(out).To(HaveKeyWithValue("error", "invalid_grant"))
			Expect(out).NotTo(HaveKey("access_token"))
		})

		It("works once under concurrency: of 20 parallel exchanges exactly one wins", func() {
			code := cs.code(homeApp, "https://app.example/cb")
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins, refusals := 0, 0
			start := make(chan struct{})
			for range 20 {
				wg.Go(func() {
					<-start
					out, _ := cs.token(codeExchange(homeApp, code, "https://app.example/cb"), nil)
					mu.Lock()
					defer mu.Unlock()
					switch {
					case out["access_token"] != nil:
						wins++
					case out["error"] == "invalid_grant":
						refusals++
					}
				})
			}
			close(start)
			wg.Wait()
			Expect(wins).To(Equal(1))
			Expect(refusals).To(Equal(19))
		})

		It("from one application fails for another", func() {
			code := cs.code(homeApp, "https://app.example/cb")
			out, _ := cs.token(codeExchange(otherApp, code, "https://app.example/cb"), nil)
			Expect(out).To(HaveKeyWithValue("error", "invalid_grant"))
			Expect(out).NotTo(HaveKey("access_token"))
		})

		It("is bound to the redirect_uri it was issued for", func() {
			code := cs.code(homeApp, "https://app.example/cb?redirect_state=1")
			for _, other := range []string{"https://app.example/other", "https://app.example/cb", "https://app.example/cb?redirect_state=2", ""} {
				out, _ := cs.token(codeExchange(homeApp, code, other), nil)
				Expect(out).NotTo(HaveKey("access_token"), "exchanged with redirect_uri %q", other)
				Expect(out).To(HaveKey("error"))
			}
			out, _ := cs.token(codeExchange(homeApp, code, "https://app.example/other"), nil)
			Expect(out).To(Equal(map[string]any{"error": "invalid_request", "error_description": "Wrong redirect_uri"}))
		})

		It("expires after its lifetime (injected clock)", func() {
			fresh := cs.code(homeApp, "https://app.example/cb")
			stale := cs.code(homeApp, "https://app.example/cb")
			cs.srv.Advance(2*time.Minute - time.Second)
			cs.exchange(homeApp, fresh, "https://app.example/cb")
			cs.srv.Advance(time.Second)
			out, _ := cs.token(codeExchange(homeApp, stale, "https://app.example/cb"), nil)
			Expect(out).To(HaveKeyWithValue("error", "invalid_grant"))
		})

		It("dies with its grant: a code not yet exchanged fails once the grant is revoked", func() {
			code := cs.code(homeApp, "https://app.example/cb")
			status, _ := cs.control("DELETE", "/grants/"+homeApp.Key+"/575000000001", nil)
			Expect(status).To(Equal(http.StatusOK))
			out, _ := cs.token(codeExchange(homeApp, code, "https://app.example/cb"), nil)
			Expect(out).To(HaveKeyWithValue("error", "invalid_grant"))
		})

		DescribeTable("that is not one okmock issued fails",
			func(code string) {
				out, _ := cs.token(codeExchange(homeApp, code, "https://app.example/cb"), nil)
				Expect(out).To(HaveKeyWithValue("error", "invalid_grant"))
			},
			Entry("empty", ""),
			Entry("made up", strings.Repeat("ab", 24)),
			Entry("an access token", "-s-"+strings.Repeat("x", 40)),
		)
	})

	Describe("state survives byte for byte", func() {
		DescribeTable("in the code flow's query, the implicit flow's fragment, an error redirect and through the consent page",
			func(state string) {
				_, q, _ := redirected(cs.authorize(homeApp, "code", "https://app.example/cb", state))
				Expect([]byte(q.Get("state"))).To(Equal([]byte(state)), "code flow")
				_, _, frag := redirected(cs.authorize(homeApp, "token", "okauth://ok512000000300", state))
				Expect([]byte(frag.Get("state"))).To(Equal([]byte(state)), "implicit flow")
				_, q, _ = redirected(cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", "https://app.example/cb", state, "deny", ""), nil))
				Expect(q.Get("error")).To(Equal("access_denied"))
				Expect([]byte(q.Get("state"))).To(Equal([]byte(state)), "error redirect")

				page := cs.authorize(noClientApp, "code", "https://app.example/cb", state)
				Expect(page.Code).To(Equal(http.StatusOK))
				m := hiddenState.FindStringSubmatch(page.Body.String())
				Expect(m).To(HaveLen(2), "the page carries no state field")
				carried := html.UnescapeString(m[1])
				Expect([]byte(carried)).To(Equal([]byte(state)), "hidden field")
				_, q, _ = redirected(cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", "https://app.example/cb", carried, "allow", checklistPassword), nil))
				Expect([]byte(q.Get("state"))).To(Equal([]byte(state)), "after the consent page")
			},
			Entry("Cyrillic and emoji", "состояние-✓-🙂"),
			Entry("ampersands and equals signs", "a=1&b=2&code=forged"),
			Entry("a hash", "before#after"),
			Entry("percent signs, also ones that look encoded", "100% %41 %zz %"),
			Entry("plus signs", "a+b++c"),
			Entry("spaces, leading and trailing", "  two  spaces  "),
			Entry("quotes and markup", `"><script>alert(1)</script>'`),
			Entry("a URL", "https://app.example/next?x=1&y=2#z"),
			Entry("base64 with padding", "eyJub25jZSI6IjEyMyJ9+/=="),
			Entry("1000 characters", strings.Repeat("ж", 1000)),
		)

		It("an empty state comes back empty, and a missing one stays missing", func() {
			u, q, _ := redirected(cs.authorize(homeApp, "code", "https://app.example/cb", "", "state", ""))
			Expect(q).To(HaveKeyWithValue("state", []string{""}), "Location %s", u)
			_, q, _ = redirected(cs.authorize(homeApp, "code", "https://app.example/cb", ""))
			Expect(q).NotTo(HaveKey("state"))
		})
	})

	Describe("a refresh token", func() {
		var first map[string]any
		BeforeEach(func() {
			first = cs.exchange(homeApp, cs.code(homeApp, "https://app.example/cb"), "https://app.example/cb")
		})
		refresh := func(rt string) map[string]any {
			out, _ := cs.token(refreshForm(homeApp, rt), nil)
			return out
		}

		It("fails once the user's grant is revoked", func() {
			Expect(refresh(first["refresh_token"].(string))).To(HaveKey("access_token"))
			status, _ := cs.control("DELETE", "/grants/"+homeApp.Key+"/575000000001", nil)
			Expect(status).To(Equal(http.StatusOK))
			out := refresh(first["refresh_token"].(string))
			Expect(out).To(HaveKeyWithValue("error", "invalid_token"))
			Expect(out).NotTo(HaveKey("access_token"))
		})

		It("fails once its access token is revoked, also after it was used", func() {
			Expect(refresh(first["refresh_token"].(string))).To(HaveKey("access_token"))
			status, _ := cs.control("POST", "/sessions/revoke", TokenRef{first["access_token"].(string)})
			Expect(status).To(Equal(http.StatusNoContent))
			Expect(refresh(first["refresh_token"].(string))).To(HaveKeyWithValue("error", "invalid_token"))
		})

		It("fails for another application", func() {
			out, _ := cs.token(refreshForm(otherApp, first["refresh_token"].(string)), nil)
			Expect(out).To(HaveKeyWithValue("error", "invalid_token"))
		})

		It("fails after its 30 days", func() {
			cs.srv.Advance(30*24*time.Hour + time.Second)
			Expect(refresh(first["refresh_token"].(string))).To(HaveKeyWithValue("error", "invalid_token"))
		})

		It("with rotation on, works once, also under concurrency", func() {
			cs = newChecklistServer(OAuthOptions{RotateRefreshTokens: true})
			rt := cs.exchange(homeApp, cs.code(homeApp, "https://app.example/cb"), "https://app.example/cb")["refresh_token"].(string)
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins := 0
			start := make(chan struct{})
			for range 20 {
				wg.Go(func() {
					<-start
					if refresh(rt)["access_token"] != nil {
						mu.Lock()
						wins++
						mu.Unlock()
					}
				})
			}
			close(start)
			wg.Wait()
			Expect(wins).To(Equal(1))
		})
	})

	Describe("an access token", func() {
		It("answers 102 once expired (injected clock), and 102 when expired through the control API", func() {
			tok := cs.exchange(homeApp, cs.code(homeApp, "https://app.example/cb"), "https://app.example/cb")["access_token"].(string)
			code, body := cs.call(homeApp, tok, "users.getCurrentUser", nil)
			Expect(code).To(BeZero(), body)
			cs.srv.Advance(30 * time.Minute)
			code, _ = cs.call(homeApp, tok, "users.getCurrentUser", nil)
			Expect(code).To(Equal(102))

			tok = cs.exchange(homeApp, cs.code(homeApp, "https://app.example/cb"), "https://app.example/cb")["access_token"].(string)
			status, _ := cs.control("POST", "/sessions/expire", TokenRef{tok})
			Expect(status).To(Equal(http.StatusNoContent))
			code, _ = cs.call(homeApp, tok, "users.getCurrentUser", nil)
			Expect(code).To(Equal(102))
		})
	})

	Describe("client_secret", func() {
		DescribeTable("is compared exactly: anything else is invalid_client and leaves the code usable",
			func(secret func() string) {
				code := cs.code(homeApp, "https://app.example/cb")
				form := codeExchange(homeApp, code, "https://app.example/cb")
				form.Set("client_secret", secret())
				out, _ := cs.token(form, nil)
				Expect(out).To(HaveKeyWithValue("error", "invalid_client"))
				Expect(out).NotTo(HaveKey("access_token"))
				cs.exchange(homeApp, code, "https://app.example/cb")
			},
			Entry("wrong", func() string { return "0000000000000000000000A1" }),
			Entry("empty", func() string { return "" }),
			Entry("a prefix", func() string { return homeApp.Secret[:len(homeApp.Secret)-1] }),
			Entry("the secret plus a character", func() string { return homeApp.Secret + "0" }),
			Entry("in other case", func() string { return strings.ToLower(homeApp.Secret) }),
			Entry("with a space around it", func() string { return " " + homeApp.Secret }),
			Entry("another application's", func() string { return otherApp.Secret }),
			Entry("the application key", func() string { return homeApp.Key }),
		)

		It("missing is invalid_client too", func() {
			code := cs.code(homeApp, "https://app.example/cb")
			form := codeExchange(homeApp, code, "https://app.example/cb")
			form.Del("client_secret")
			out, _ := cs.token(form, nil)
			Expect(out).To(HaveKeyWithValue("error", "invalid_client"))
		})
	})

	Describe("HTTP Basic client credentials", func() {
		It("get HTTP 400, as from OK, and do not use up the code", func() {
			code := cs.code(homeApp, "https://app.example/cb")
			auth := map[string]string{"Authorization": "Basic " + basic(strconv.FormatInt(homeApp.ID, 10), homeApp.Secret)}
			form := codeExchange(homeApp, code, "https://app.example/cb")
			form.Del("client_id")
			form.Del("client_secret")
			out, rec := cs.token(form, auth)
			Expect(rec.Code).To(Equal(http.StatusBadRequest))
			Expect(out).To(BeNil(), "a JSON answer: %s", rec.Body)
			// Even with the credentials also in parameters.
			_, rec = cs.token(codeExchange(homeApp, code, "https://app.example/cb"), auth)
			Expect(rec.Code).To(Equal(http.StatusBadRequest))
			cs.exchange(homeApp, code, "https://app.example/cb")
		})

		It("are read when the switch is on, and compared as exactly", func() {
			cs = newChecklistServer(OAuthOptions{AcceptBasicAuth: true})
			code := cs.code(homeApp, "https://app.example/cb")
			form := codeExchange(homeApp, code, "https://app.example/cb")
			form.Del("client_id")
			form.Del("client_secret")
			wrong := map[string]string{"Authorization": "Basic " + basic(strconv.FormatInt(homeApp.ID, 10), homeApp.Secret[:10])}
			out, _ := cs.token(form, wrong)
			Expect(out).To(HaveKeyWithValue("error", "invalid_client"))
			right := map[string]string{"Authorization": "Basic " + basic(strconv.FormatInt(homeApp.ID, 10), homeApp.Secret)}
			out, _ = cs.token(form, right)
			Expect(out).To(HaveKey("access_token"))
		})
	})

	Describe("the implicit flow", func() {
		It("is refused for an application without client OAuth, on the page and through the form, issuing nothing", func() {
			_, q, frag := redirected(cs.authorize(noClientApp, "token", "okauth://ok512000000300", "st"))
			Expect(q).To(BeEmpty())
			Expect(frag.Get("error")).To(Equal("invalid_client"))
			Expect(frag.Get("state")).To(Equal("st"))
			Expect(frag).NotTo(HaveKey("access_token"))

			_, _, frag = redirected(cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "token", "okauth://ok512000000300", "st", "allow", checklistPassword), nil))
			Expect(frag.Get("error")).To(Equal("invalid_client"))
			Expect(frag).NotTo(HaveKey("access_token"))

			_, sessions := cs.control("GET", "/sessions?application_key="+noClientApp.Key, nil)
			Expect(sessions).To(MatchJSON(`[]`))
		})
	})

	Describe("the consent page", func() {
		It("never grants without the user's password", func() {
			for _, pw := range []string{"", "wrong", checklistPassword[:5], strings.ToUpper(checklistPassword)} {
				rec := cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", "https://app.example/cb", "s", "allow", pw), nil)
				Expect(rec.Code).To(Equal(http.StatusOK), "password %q", pw)
				Expect(rec.Header().Get("Location")).To(BeEmpty())
				Expect(rec.Header().Get("Set-Cookie")).To(BeEmpty())
			}
		})

		It("does not trust a forged login cookie", func() {
			cookie := map[string]string{"Cookie": loginCookie + "=" + checklistUser + "." + strings.Repeat("0", 64)}
			// The user granted before, so a trusted cookie would skip the page.
			redirected(cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", "https://app.example/cb", "", "allow", checklistPassword), nil))
			rec := cs.do("GET", authorizeURL(noClientApp, "code", "https://app.example/cb", "VALUABLE_ACCESS", ""), nil, cookie)
			Expect(rec.Code).To(Equal(http.StatusOK))
		})
	})

	Describe("secrets", func() {
		It("appear only in the answers that issue them, never in the journal or the log", func() {
			// A day of traffic: both flows, refresh, calls in both
			// signature schemes, a wrong signature, a leaky client, Basic
			// auth, the consent page with a wrong and a right password.
			code := cs.code(homeApp, "https://app.example/cb")
			_, _ = cs.token(codeExchange(homeApp, code, "https://app.example/cb"), map[string]string{"Authorization": "Basic " + basic(strconv.FormatInt(homeApp.ID, 10), homeApp.Secret)})
			tokens := cs.exchange(homeApp, code, "https://app.example/cb")
			at, rt := tokens["access_token"].(string), tokens["refresh_token"].(string)
			refreshed, _ := cs.token(refreshForm(homeApp, rt), nil)
			Expect(refreshed).To(HaveKey("access_token"))
			inQuery := refreshForm(homeApp, rt)
			cs.do("POST", "/oauth/token.do?"+inQuery.Encode(), url.Values{"unused": {"1"}}, nil)
			wrongSecret := codeExchange(homeApp, cs.code(homeApp, "https://app.example/cb"), "https://app.example/cb")
			wrongSecret.Set("client_secret", homeApp.Secret+"x")
			cs.token(wrongSecret, nil)
			cs.call(homeApp, at, "users.getCurrentUser", nil)
			cs.call(homeApp, at, "friends.get", nil)
			cs.do("GET", "/fb.do?"+url.Values{"application_key": {homeApp.Key}, "method": {"users.getCurrentUser"}, "access_token": {at}, "sig": {strings.Repeat("0", 32)}}.Encode(), nil, nil)

			_, _, frag := redirected(cs.authorize(homeApp, "token", "okauth://ok512000000300", "st"))
			implicitSecret := frag.Get("session_secret_key")
			Expect(implicitSecret).NotTo(BeEmpty())
			p := map[string]string{"application_key": homeApp.Key, "method": "users.getCurrentUser"}
			cs.do("GET", "/fb.do?"+url.Values{"application_key": {homeApp.Key}, "method": {"users.getCurrentUser"}, "access_token": {frag.Get("access_token")}, "sig": {refSign(p, implicitSecret)}}.Encode(), nil, nil)

			_, grantBody := cs.control("POST", "/sessions", map[string]any{"application_key": homeApp.Key, "scopes": []string{"VALUABLE_ACCESS"}})
			var grant SessionGrant
			Expect(json.Unmarshal([]byte(grantBody), &grant)).To(Succeed())
			// A leaky client sends its secrets as parameters, signed.
			cs.call(homeApp, grant.AccessToken, "users.getCurrentUser", map[string]string{"application_secret_key": homeApp.Secret, "session_secret_key": grant.SessionSecret})

			cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", "https://app.example/cb", "s", "allow", "wrong-"+checklistPassword), nil)
			cs.do("POST", "/oauth/authorize", consentForm(noClientApp, "code", "https://app.example/cb", "s", "allow", checklistPassword), nil)

			secrets := map[string]string{
				"home application_secret_key":   homeApp.Secret,
				"other application_secret_key":  otherApp.Secret,
				"implicit session_secret_key":   implicitSecret,
				"control session_secret_key":    grant.SessionSecret,
				"server-scheme session secret":  refMD5(at + homeApp.Secret),
				"the user's password":           checklistPassword,
				"the refresh token (in full)":   rt,
				"the access token (in full)":    at,
				"the authorization code (used)": code,
			}
			_, journal := cs.control("GET", "/requests?limit=1000", nil)
			var list RequestList
			Expect(json.Unmarshal([]byte(journal), &list)).To(Succeed())
			entries := list.Requests
			Expect(len(entries)).To(BeNumerically(">=", 15))
			logs := cs.log.String()
			Expect(logs).To(ContainSubstring("users.getCurrentUser"), "the log was not captured")
			for name, secret := range secrets {
				Expect(journal).NotTo(ContainSubstring(secret), "the journal holds %s", name)
				Expect(logs).NotTo(ContainSubstring(secret), "the log holds %s", name)
			}

			// The journal flags the leaky client without keeping the values.
			leaks := 0
			for _, e := range entries {
				if e.Secrets.ApplicationSecret && e.Secrets.SessionSecret {
					leaks++
				}
			}
			Expect(leaks).To(Equal(1))

			// Answers: only the implicit redirect and the control API's
			// credential answers carry secrets.
			issuers := regexp.MustCompile(`^(GET /oauth/authorize\?.*response_type=token|(GET|POST) ` + ControlPrefix + `/(sessions|apps)\b)`)
			checked := 0
			for _, a := range cs.answers {
				if issuers.MatchString(a.what) {
					continue
				}
				checked++
				wire := a.body + " " + strings.Join(a.header.Values("Location"), " ") + " " + strings.Join(a.header.Values("Set-Cookie"), " ")
				for _, name := range []string{"home application_secret_key", "other application_secret_key", "implicit session_secret_key", "control session_secret_key", "server-scheme session secret", "the user's password"} {
					Expect(wire).NotTo(ContainSubstring(secrets[name]), "%s: the answer holds %s", a.what, name)
				}
			}
			Expect(checked).To(BeNumerically(">=", 15))
		})
	})
})
