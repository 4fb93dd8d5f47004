package okclient

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Token is what OAuth hands out.
type Token struct {
	AccessToken string
	// SessionSecret comes from the implicit flow only.
	SessionSecret string
	// RefreshToken comes from the code flow; a refresh answers none (OK
	// keeps the old one working).
	RefreshToken string
	// ExpiresIn is the lifetime in seconds (0 when not given).
	ExpiresIn int64
}

// AuthorizeURL is the authorize page for responseType "code" (server
// flow) or "token" (implicit flow). Keep state where the callback can
// check it.
func (c *Client) AuthorizeURL(responseType, redirectURI string, scopes []string, state string) string {
	q := url.Values{
		"client_id":     {c.cfg.ApplicationID},
		"response_type": {responseType},
		"redirect_uri":  {redirectURI},
		"scope":         {strings.Join(scopes, ";")},
		"state":         {state},
	}
	sep := "?"
	if strings.Contains(c.cfg.AuthorizeURL, "?") {
		sep = "&"
	}
	return c.cfg.AuthorizeURL + sep + q.Encode()
}

// HandleCallback reads the redirect the browser came back to. It refuses
// a state other than wantState (ErrStateMismatch) and an `error`
// (*OAuthError) before any request; then for "code" it exchanges the code
// with the same redirectURI, and for "token" it answers the fragment's
// token.
func (c *Client) HandleCallback(ctx context.Context, responseType, callbackURL, wantState, redirectURI string) (*Token, error) {
	u, err := url.Parse(callbackURL)
	if err != nil {
		return nil, &InvalidResponseError{Reason: "callback URL: " + err.Error()}
	}
	vals := u.Query()
	frag, _ := url.ParseQuery(u.Fragment)
	for k, vs := range frag {
		if _, inQuery := vals[k]; !inQuery {
			vals[k] = vs
		}
	}
	if got, ok := vals["state"]; !ok || len(got) != 1 || got[0] != wantState {
		return nil, ErrStateMismatch
	}
	if e := vals.Get("error"); e != "" {
		return nil, &OAuthError{Err: e, Description: vals.Get("error_description")}
	}
	if responseType == "token" {
		t := &Token{AccessToken: frag.Get("access_token"), SessionSecret: frag.Get("session_secret_key")}
		if t.AccessToken == "" {
			return nil, &InvalidResponseError{Reason: "the callback fragment has no access_token"}
		}
		t.ExpiresIn, _ = strconv.ParseInt(frag.Get("expires_in"), 10, 64)
		return t, nil
	}
	code := u.Query().Get("code")
	if code == "" {
		return nil, &InvalidResponseError{Reason: "the callback has no code"}
	}
	return c.ExchangeCode(ctx, code, redirectURI)
}

// ExchangeCode trades an authorization code for tokens; redirectURI must
// be the one the authorize URL had.
func (c *Client) ExchangeCode(ctx context.Context, code, redirectURI string) (*Token, error) {
	return c.token(ctx, url.Values{
		"code": {code}, "redirect_uri": {redirectURI}, "grant_type": {"authorization_code"},
	})
}

// Refresh trades a refresh token for a new access token.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*Token, error) {
	return c.token(ctx, url.Values{"refresh_token": {refreshToken}, "grant_type": {"refresh_token"}})
}

// tokenAnswer is token.do's JSON; expires_in comes as a string or number.
type tokenAnswer struct {
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	Err          string          `json:"error"`
	Description  string          `json:"error_description"`
}

// token posts a form to the token endpoint with the client credentials in
// parameters (OK refuses HTTP Basic).
func (c *Client) token(ctx context.Context, form url.Values) (*Token, error) {
	if c.cfg.ApplicationSecret == "" {
		return nil, errConfig("the token endpoint needs the application secret")
	}
	form.Set("client_id", c.cfg.ApplicationID)
	form.Set("client_secret", c.cfg.ApplicationSecret)
	resp, body, err := c.attempt(ctx, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.TokenURL, strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	})
	if err != nil {
		return nil, err
	}
	raw, err := decodeAPI(resp, body)
	if err != nil {
		return nil, err
	}
	var a tokenAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, &InvalidResponseError{resp.StatusCode, "token answer: " + err.Error()}
	}
	if a.Err != "" {
		return nil, &OAuthError{Err: a.Err, Description: a.Description}
	}
	if a.AccessToken == "" {
		return nil, &InvalidResponseError{resp.StatusCode, "token answer without access_token"}
	}
	t := &Token{AccessToken: a.AccessToken, RefreshToken: a.RefreshToken}
	t.ExpiresIn, _ = strconv.ParseInt(strings.Trim(string(a.ExpiresIn), `"`), 10, 64)
	return t, nil
}
