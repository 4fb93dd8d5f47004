package mock

import (
	"slices"
	"time"
)

// Default token lifetimes, as documented by OK.
const (
	DefaultAccessTTL  = 30 * time.Minute
	LongAccessTTL     = 30 * 24 * time.Hour
	DefaultRefreshTTL = 30 * 24 * time.Hour
)

// ScopeLongAccessToken makes an access token live 30 days, extended on use.
const ScopeLongAccessToken = "LONG_ACCESS_TOKEN"

// Session is a user session of one application: what an access token stands
// for.
type Session struct {
	AccessToken      string    `json:"access_token" yaml:"access_token"`
	SessionSecret    string    `json:"session_secret_key" yaml:"session_secret_key"`
	RefreshToken     string    `json:"refresh_token,omitempty" yaml:"refresh_token"`
	ApplicationKey   string    `json:"application_key" yaml:"application_key"`
	UID              string    `json:"uid" yaml:"uid"`
	Scopes           []string  `json:"scopes" yaml:"scopes"`
	ExpiresAt        time.Time `json:"expires_at" yaml:"expires_at"`
	RefreshExpiresAt time.Time `json:"refresh_expires_at,omitempty" yaml:"refresh_expires_at"`
	// Revoked tokens answer as unknown ones (103): OK forgets them.
	Revoked bool `json:"revoked,omitempty" yaml:"revoked"`

	// serverSecret caches md5(access_token + application secret), the
	// server scheme's secret, for the application secret it was made
	// with: verify.go computes it once per session, not once per call.
	serverSecret, serverSecretFor string
	// tokenMask is AccessToken as the journal shows it, made when the
	// session is stored rather than on every call it journals.
	tokenMask string
}

// HasScope reports whether the session was granted scope.
func (s *Session) HasScope(scope string) bool { return slices.Contains(s.Scopes, scope) }

// long reports whether the token is a LONG_ACCESS_TOKEN one.
func (s *Session) long() bool { return s.HasScope(ScopeLongAccessToken) }

// expired reports whether the access token is past its expiry at now.
func (s *Session) expired(now time.Time) bool { return !now.Before(s.ExpiresAt) }

// accessTTL is how long an access token with these scopes lives.
func accessTTL(scopes []string) time.Duration {
	if slices.Contains(scopes, ScopeLongAccessToken) {
		return LongAccessTTL
	}
	return DefaultAccessTTL
}

func (s *Session) clone() *Session {
	c := *s
	c.Scopes = slices.Clone(s.Scopes)
	return &c
}
