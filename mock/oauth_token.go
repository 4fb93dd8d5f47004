package mock

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/scenarios"
)

// oauthError is token.do's error body.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// OAuth error texts okmock uses; the two captured ones are OK's own.
var (
	errWrongRedirect    = oauthError{"invalid_request", "Wrong redirect_uri"}
	errRefreshStructure = oauthError{"invalid_token", "Invalid refresh token structure"}
	errRefreshExpired   = oauthError{"invalid_token", "Refresh token expired"}
	errRefreshRevoked   = oauthError{"invalid_token", "Refresh token revoked"}
	errBadCode          = oauthError{"invalid_grant", "Invalid or expired authorization code"}
	errBadClient        = oauthError{"invalid_client", "Invalid client_id or client_secret"}
	errGrantType        = oauthError{"unsupported_grant_type", "Unsupported grant_type"}
	errMissingParam     = oauthError{"invalid_request", "Missing required parameter"}
)

// handleToken serves /oauth/token.do.
func (s *Server) handleToken(c echo.Context) error {
	started := time.Now()
	r := c.Request()
	st, _ := s.state()
	var p Params
	_, perr := s.readParams(r, &p)
	entry := s.oauthEntry(EndpointToken, r, &p, nil)
	defer func() {
		entry.LatencyMicros = time.Since(started).Microseconds()
		s.journal.add(entry)
	}()
	var out *scenarios.Outcome
	if perr == nil {
		appKey := ""
		if id, err := strconv.ParseInt(p.Value("client_id"), 10, 64); err == nil {
			if app, ok := st.appByID(id); ok {
				appKey = app.Key
			}
		}
		// Known before any scenario answers, so scripted errors are
		// journaled under their application too.
		entry.ApplicationKey = appKey
		out = s.evaluateScenario(scenarios.EndpointToken, "", appKey, "", "", &p)
	}
	return s.answerWithScenario(c, out, entry, func() error {
		switch {
		case out != nil && out.OAuthError != nil:
			entry.OAuthError = out.OAuthError.Error
			return writeJSON(c, oauthError{out.OAuthError.Error, out.OAuthError.Description})
		case out != nil && out.Error != nil:
			e := scenarioError(out.Error)
			entry.ErrorCode, entry.ErrorMsg = e.Code, e.Message()
			writeAPIError(c.Response(), e)
			return nil
		}
		return s.tokenAnswer(c, st, &p, perr, entry)
	})
}

// tokenAnswer is token.do's own logic.
func (s *Server) tokenAnswer(c echo.Context, st *store, p *Params, perr *Error, entry *JournalEntry) error {
	r := c.Request()
	html400 := func(text string) error {
		entry.HTTPStatus = http.StatusBadRequest
		entry.OAuthError = "http_400"
		return c.HTMLBlob(http.StatusBadRequest, []byte("<html><head><title>HTTP Status 400 – Bad Request</title></head><body><h1>HTTP Status 400 – Bad Request</h1><p>"+text+"</p></body></html>"))
	}
	if perr != nil || p.Len() == 0 {
		return html400("Provide OAUTH request parameters!")
	}
	clientID, clientSecret := p.Value("client_id"), p.Value("client_secret")
	if user, pass, ok := r.BasicAuth(); ok {
		// OK reads client credentials only from parameters: a request with
		// Basic credentials gets HTTP 400 and its code stays usable, so
		// clients that try Basic first fall back to parameters.
		if !s.oauth.AcceptBasicAuth {
			return html400("Bad Request")
		}
		if clientID == "" {
			clientID = user
		}
		if clientSecret == "" {
			clientSecret = pass
		}
	}
	id, err := strconv.ParseInt(clientID, 10, 64)
	if err != nil {
		entry.HTTPStatus = http.StatusOK
		entry.OAuthError = "bad_client_id"
		return c.HTMLBlob(http.StatusOK, []byte("Error : Failed to convert value of type [java.lang.String] to required type [java.lang.Long]"))
	}
	app, ok := st.appByID(id)
	if ok {
		entry.ApplicationKey = app.Key
	}
	fail := func(e oauthError) error {
		entry.OAuthError = e.Error
		entry.HTTPStatus = http.StatusOK
		return writeJSON(c, e)
	}
	if !ok || app.Status == AppDisabled || subtle.ConstantTimeCompare([]byte(app.Secret), []byte(clientSecret)) != 1 {
		return fail(errBadClient)
	}
	entry.HTTPStatus = http.StatusOK
	switch p.Value("grant_type") {
	case "authorization_code":
		return s.exchangeCode(c, st, app, p, entry, fail)
	case "refresh_token":
		return s.refreshToken(c, st, app, p, entry, fail)
	case "":
		return fail(oauthError{errMissingParam.Error, errMissingParam.Description + " grant_type"})
	default:
		return fail(errGrantType)
	}
}

// tokenReply is token.do's success body. expires_in is a string by default
// (as captured) or a number when configured.
type tokenReply struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresIn    any    `json:"expires_in"`
}

func (s *Server) reply(c echo.Context, sess *Session, refresh string, now time.Time) error {
	secs := int64(sess.ExpiresAt.Sub(now) / time.Second)
	var expires any = strconv.FormatInt(secs, 10)
	if s.oauth.ExpiresInNumber {
		expires = secs
	}
	return writeJSON(c, tokenReply{sess.AccessToken, "session", refresh, expires})
}

func (s *Server) exchangeCode(c echo.Context, st *store, app *App, p *Params, entry *JournalEntry, fail func(oauthError) error) error {
	now := s.clock.Now()
	code := p.Value("code")
	ac, ok := st.peekCode(code)
	if code == "" || !ok || ac.appKey != app.Key || !now.Before(ac.expires) {
		return fail(errBadCode)
	}
	if p.Value("redirect_uri") != ac.redirectURI {
		return fail(errWrongRedirect)
	}
	if !st.takeCode(code) {
		return fail(errBadCode) // a concurrent exchange won
	}
	sess := issueSession(app, ac.uid, ac.scopes, 0, now)
	st.putSession(sess)
	entry.UID = ac.uid
	return s.reply(c, sess, sess.RefreshToken, now)
}

func (s *Server) refreshToken(c echo.Context, st *store, app *App, p *Params, entry *JournalEntry, fail func(oauthError) error) error {
	now := s.clock.Now()
	rt := p.Value("refresh_token")
	if !strings.HasPrefix(rt, refreshTokenPrefix) {
		return fail(errRefreshStructure)
	}
	old, ok := st.refreshSession(rt)
	switch {
	case !ok || old.ApplicationKey != app.Key:
		return fail(errRefreshStructure)
	case old.Revoked:
		return fail(errRefreshRevoked)
	case !now.Before(old.RefreshExpiresAt):
		return fail(errRefreshExpired)
	}
	sess := issueSession(app, old.UID, old.Scopes, 0, now)
	sess.RefreshToken, sess.RefreshExpiresAt = rt, old.RefreshExpiresAt
	refresh := ""
	if s.oauth.RotateRefreshTokens {
		if !st.takeRefresh(rt) {
			return fail(errRefreshStructure) // a concurrent refresh won
		}
		sess.RefreshToken, sess.RefreshExpiresAt = newRefreshToken(), now.Add(DefaultRefreshTTL)
		refresh = sess.RefreshToken
	}
	st.putSession(sess)
	entry.UID = old.UID
	return s.reply(c, sess, refresh, now)
}

func writeJSON(c echo.Context, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.Response().Header()["Content-Type"] = []string{contentTypeJSON}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, contentTypeJSON, b)
}

// oauthEntry starts the journal entry of an OAuth request. client_secret is
// expected on token.do, so it is masked but not treated as a leak there.
func (s *Server) oauthEntry(endpoint string, r *http.Request, p *Params, app *App) *JournalEntry {
	e := &JournalEntry{
		Time: s.clock.Now(), Endpoint: endpoint, HTTPMethod: ownString(r.Method, http.MethodGet, http.MethodPost), Path: ownString(r.URL.Path),
		RemoteAddr: r.RemoteAddr,
	}
	var sc secretScan
	if app != nil {
		e.ApplicationKey = app.Key
		sc.appSecrets = []string{app.Secret}
	}
	if endpoint == EndpointAuthorize && app != nil {
		for _, prm := range p.All() {
			sc.scan(prm.Value)
		}
		sc.scan(r.URL.RawQuery)
	}
	e.Secrets = sc.seen
	e.masked = sc.packedParams(nil, p.All())
	return e
}
