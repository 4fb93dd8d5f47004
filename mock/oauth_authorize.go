package mock

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/scenarios"
)

// authRequest is a parsed /oauth/authorize request.
type authRequest struct {
	app          *App
	clientID     string
	responseType string
	redirectURI  string
	scopes       []string // requested and allowed to the app
	requested    string   // the scope parameter as sent
	layout       string
	state        string
	hasState     bool
	user         string // okmock_user
}

// parseAuthRequest validates what must be right before okmock may redirect
// anywhere: a known client and a registered redirect URI. Failing those, it
// returns the text of the error page (OK shows a page, never redirects).
func (s *Server) parseAuthRequest(st *store, get func(string) (string, bool)) (*authRequest, string) {
	v := func(k string) string { x, _ := get(k); return x }
	ar := &authRequest{
		clientID:     v("client_id"),
		responseType: v("response_type"),
		redirectURI:  v("redirect_uri"),
		requested:    v("scope"),
		layout:       v("layout"),
		user:         v("okmock_user"),
	}
	ar.state, ar.hasState = get("state")
	id, err := strconv.ParseInt(ar.clientID, 10, 64)
	if err != nil {
		return nil, "Параметр client_id должен быть числовым идентификатором приложения (client_id must be the numeric application id)."
	}
	app, ok := st.appByID(id)
	if !ok {
		return nil, "Приложение не найдено (unknown client_id " + ar.clientID + ")."
	}
	ar.app = app
	if ar.redirectURI == "" || !redirectRegistered(app, ar.redirectURI) {
		return nil, "Адрес перенаправления не зарегистрирован для приложения (redirect_uri is not registered for this application)."
	}
	for _, sc := range splitScopes(ar.requested) {
		// Scopes the application may not request are dropped silently,
		// as OK does; later calls that need them get 10.
		if app.mayRequest(sc) {
			ar.scopes = append(ar.scopes, sc)
		}
	}
	ar.scopes = normalizeScopes(ar.scopes)
	return ar, ""
}

// redirectRegistered compares character for character, ignoring the query
// part of the URI sent (one real client appends ?redirect_state=...).
func redirectRegistered(app *App, uri string) bool {
	base, _, _ := strings.Cut(uri, "?")
	base, _, _ = strings.Cut(base, "#")
	for _, r := range app.RedirectURIs {
		if r == base || r == uri {
			return true
		}
	}
	return false
}

// splitScopes accepts ';' (OK's separator), ',' and spaces.
func splitScopes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '+' })
}

// flowError is a redirect-able OAuth error: where it goes depends on the
// flow.
func (s *Server) redirectError(c echo.Context, ar *authRequest, code string) error {
	vals := url.Values{"error": {code}}
	if ar.hasState {
		vals.Set("state", ar.state)
	}
	fragment := ar.responseType == "token" || s.oauth.CodeErrorsInFragment
	return c.Redirect(http.StatusFound, buildRedirect(ar.redirectURI, vals, fragment))
}

// buildRedirect appends values to a redirect URI, in its query or as its
// fragment. Values keep the order OK uses for the captured fields.
func buildRedirect(uri string, vals url.Values, fragment bool) string {
	enc := encodeOrdered(vals)
	if fragment {
		base, _, _ := strings.Cut(uri, "#")
		return base + "#" + enc
	}
	base, _, _ := strings.Cut(uri, "#")
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + enc
}

// redirectKeyOrder is the order of keys seen in real redirects.
var redirectKeyOrder = []string{"code", "access_token", "session_secret_key", "error", "permissions_granted", "expires_in", "state"}

func encodeOrdered(vals url.Values) string {
	var b strings.Builder
	for _, k := range redirectKeyOrder {
		for _, v := range vals[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// handleAuthorize serves GET and POST /oauth/authorize: GET shows the page
// (or redirects at once), POST is the page's form.
func (s *Server) handleAuthorize(c echo.Context) error {
	started := time.Now()
	r := c.Request()
	st, _ := s.state()
	var p Params
	if _, err := s.readParams(r, &p); err != nil {
		return s.authorizeErrorPage(c, err.Text, started, &p)
	}
	ar, pageErr := s.parseAuthRequest(st, p.Get)
	if pageErr != "" {
		return s.authorizeErrorPage(c, pageErr, started, &p)
	}
	entry := s.oauthEntry(EndpointAuthorize, r, &p, ar.app)
	defer func() {
		entry.LatencyMicros = time.Since(started).Microseconds()
		s.journal.add(entry)
	}()
	fail := func(code string) error {
		entry.OAuthError = code
		entry.HTTPStatus = http.StatusFound
		return s.redirectError(c, ar, code)
	}
	out := s.evaluateScenario(scenarios.EndpointAuthorize, "", ar.app.Key, ar.user, "", &p)
	return s.answerWithScenario(c, out, entry, func() error {
		if out != nil && out.OAuthError != nil {
			return fail(out.OAuthError.Error)
		}
		if out != nil && out.Error != nil {
			return fail("server_error")
		}
		return s.authorizeAnswer(c, st, ar, &p, entry, fail)
	})
}

// authorizeAnswer is the authorize endpoint's own logic.
func (s *Server) authorizeAnswer(c echo.Context, st *store, ar *authRequest, p *Params, entry *JournalEntry, fail func(string) error) error {
	r := c.Request()
	_, w := s.state()
	if ar.app.Status == AppDisabled {
		return fail("invalid_client")
	}
	switch ar.responseType {
	case "code":
	case "token":
		if !ar.app.ClientOAuth {
			return fail("invalid_client")
		}
	default:
		return fail("unsupported_response_type")
	}
	if r.Method == http.MethodPost {
		return s.authorizeForm(c, st, ar, p, entry)
	}
	// Without a person: auto-approving applications, and users who already
	// granted every requested scope, are redirected at once.
	uid := ar.user
	if uid == "" {
		uid = s.loginCookieUser(r)
	}
	if ar.app.AutoApprove {
		if uid == "" {
			uid = ar.app.DefaultUser
		}
		if uid == "" {
			uid = w.DefaultUID()
		}
		if _, ok := w.User(uid); !ok {
			return fail("access_denied")
		}
		return s.completeAuthorize(c, st, ar, uid, entry)
	}
	if uid != "" {
		if granted, ok := st.grantedScopes(ar.app.Key, uid); ok && containsAll(granted, ar.scopes) {
			return s.completeAuthorize(c, st, ar, uid, entry)
		}
	}
	entry.HTTPStatus = http.StatusOK
	return s.renderConsent(c, ar, uid, "")
}

// authorizeForm handles the consent page's answer.
func (s *Server) authorizeForm(c echo.Context, st *store, ar *authRequest, p *Params, entry *JournalEntry) error {
	if p.Value("action") != "allow" {
		entry.OAuthError = "access_denied"
		entry.HTTPStatus = http.StatusFound
		return s.redirectError(c, ar, "access_denied")
	}
	_, w := s.state()
	uid := p.Value("login")
	u, ok := w.User(uid)
	if !ok || !passwordMatches(u.Password, p.Value("okmock_password")) {
		entry.HTTPStatus = http.StatusOK
		entry.OAuthError = "login_failed"
		return s.renderConsent(c, ar, uid, "Неверный логин или пароль (wrong login or password).")
	}
	s.setLoginCookie(c, uid)
	return s.completeAuthorize(c, st, ar, uid, entry)
}

// completeAuthorize records the grant and redirects with a code or a token.
func (s *Server) completeAuthorize(c echo.Context, st *store, ar *authRequest, uid string, entry *JournalEntry) error {
	now := s.clock.Now()
	st.grant(ar.app.Key, uid, ar.scopes)
	entry.UID = uid
	entry.HTTPStatus = http.StatusFound
	vals := url.Values{"permissions_granted": {strings.Join(ar.scopes, ";")}}
	if ar.hasState {
		vals.Set("state", ar.state)
	}
	if ar.responseType == "code" {
		code := newAuthCode()
		st.putCode(code, &authCode{
			appKey: ar.app.Key, redirectURI: ar.redirectURI, uid: uid,
			scopes: ar.scopes, expires: now.Add(s.oauth.CodeTTL),
		})
		vals.Set("code", code)
		return c.Redirect(http.StatusFound, buildRedirect(ar.redirectURI, vals, false))
	}
	sess := issueSession(ar.app, uid, ar.scopes, 0, now)
	sess.RefreshToken = "" // the implicit flow hands out no refresh token
	st.putSession(sess)
	vals.Set("access_token", sess.AccessToken)
	vals.Set("session_secret_key", sess.SessionSecret)
	vals.Set("expires_in", strconv.FormatInt(int64(sess.ExpiresAt.Sub(now)/time.Second), 10))
	return c.Redirect(http.StatusFound, buildRedirect(ar.redirectURI, vals, true))
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
