package okmocktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/okmock/okmock/mock"
)

// Credentials are what a client of OK holds: the application's key and
// secret and, for a user session, the tokens OAuth would have handed out.
type Credentials struct {
	ApplicationID     int64
	ApplicationKey    string
	ApplicationSecret string
	// AccessToken, SessionSecret and RefreshToken are empty for
	// application credentials (no session).
	AccessToken   string
	SessionSecret string
	RefreshToken  string
	// UID is the session's user.
	UID    string
	Scopes []string
}

// Sign returns a copy of params ready to send: application_key set, sig
// computed by the server scheme (md5 of the access token and application
// secret) or, without a session, with the application secret, and
// access_token added. Each parameter is signed with its first value.
func (c Credentials) Sign(params url.Values) url.Values {
	p := url.Values{}
	for k, vs := range params {
		if len(vs) > 0 && k != "sig" && k != "access_token" {
			p.Set(k, vs[0])
		}
	}
	p.Set("application_key", c.ApplicationKey)
	list := make([]mock.Param, 0, len(p))
	for k := range p {
		list = append(list, mock.Param{Key: k, Value: p.Get(k)})
	}
	secret := c.ApplicationSecret
	if c.AccessToken != "" {
		secret = mock.ServerSecret(c.AccessToken, c.ApplicationSecret)
		p.Set("access_token", c.AccessToken)
	}
	p.Set("sig", mock.Sign(list, secret))
	return p
}

// Session mints a user session for the default user with scopes, through
// POST /__okmock/sessions: no OAuth pages, no browser. The application is
// the first of WithApps, else the demo application.
func (s *Server) Session(scopes ...string) (Credentials, error) {
	return s.SessionFor(mock.SessionSpec{Scopes: scopes})
}

// SessionFor mints a session as spec says (user, scopes, lifetime, fixed
// tokens); an empty ApplicationKey means the application Session uses.
func (s *Server) SessionFor(spec mock.SessionSpec) (Credentials, error) {
	if spec.ApplicationKey == "" {
		spec.ApplicationKey = s.appKey
	}
	var g mock.SessionGrant
	if err := s.control(http.MethodPost, "/sessions", spec, &g); err != nil {
		return Credentials{}, err
	}
	c, err := s.AppCredentials(g.ApplicationKey)
	if err != nil {
		return Credentials{}, err
	}
	c.AccessToken, c.SessionSecret, c.RefreshToken = g.AccessToken, g.SessionSecret, g.RefreshToken
	c.UID, c.Scopes = g.UID, g.Scopes
	return c, nil
}

// AppCredentials are an application's credentials without a session, for
// the calls a server makes signed with the application secret alone; an
// empty key means the application Session uses.
func (s *Server) AppCredentials(applicationKey string) (Credentials, error) {
	if applicationKey == "" {
		applicationKey = s.appKey
	}
	var apps []mock.App
	if err := s.control(http.MethodGet, "/apps", nil, &apps); err != nil {
		return Credentials{}, err
	}
	for _, a := range apps {
		if a.Key == applicationKey {
			return Credentials{ApplicationID: a.ID, ApplicationKey: a.Key, ApplicationSecret: a.Secret}, nil
		}
	}
	return Credentials{}, fmt.Errorf("okmocktest: no application %q", applicationKey)
}

// control calls okmock's control API in memory: it works whether or not
// the server listens.
func (s *Server) control(method, path string, in, out any) error {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return err
		}
	}
	req := httptest.NewRequest(method, mock.ControlPrefix+path, &body)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.Mock.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &e)
		return fmt.Errorf("okmocktest: %s %s: HTTP %d: %s", method, path, rec.Code, e.Error)
	}
	return json.Unmarshal(rec.Body.Bytes(), out)
}
