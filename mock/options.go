package mock

import (
	"log/slog"
	"time"

	"github.com/okmock/okmock/mock/world"
	"github.com/okmock/okmock/openapi"
	"github.com/okmock/okmock/scenarios"
)

// Options configure a Server. The zero value is a working okmock: seed 0,
// the wall clock, the demo application, the embedded catalogue.
type Options struct {
	// Seed makes the world deterministic: the same seed gives byte-identical
	// responses.
	Seed int64
	// Clock is the time source; nil means the wall clock. Expiry is measured
	// on it (plus whatever POST /__okmock/clock added).
	Clock Clock
	// PublicURL is the base of absolute URLs okmock hands out (upload_url);
	// empty means the scheme and Host of the request that asked.
	PublicURL string
	// Apps are registered at start (and again at each reset). The demo app
	// is added unless NoDemoApp is set or an app with its key is given.
	Apps []App
	// NoDemoApp leaves the demo application out.
	NoDemoApp bool
	// Users are added to the seeded world (config-declared test users).
	Users []world.User
	// Sessions are fixed sessions, so a test suite can hard-code
	// credentials; already expired ones included.
	Sessions []SessionSpec
	// Scenarios are active from the start and come back at every reset.
	Scenarios []*scenarios.Document
	// JournalSize is the number of requests the journal keeps; 0 means
	// DefaultJournalSize, a negative value turns the journal off.
	JournalSize int
	// Limits bound what one request may carry.
	Limits Limits
	// Catalogue replaces the embedded OpenAPI method catalogue.
	Catalogue *openapi.Catalogue
	// Logger receives one line per request and start-up notes; nil means
	// no logging. Secrets never reach it.
	Logger *slog.Logger
	// SignatureErrorShowsExpected makes a wrong-signature error show the
	// expected sig instead of the received one (the live captures do not
	// tell which OK shows).
	SignatureErrorShowsExpected bool
	// OAuth tunes the OAuth emulation.
	OAuth OAuthOptions
	// WorldUsers and WorldGroups size the seeded world (0: defaults).
	WorldUsers, WorldGroups int
}

// Limits bound what one request may carry and how long a client may take
// to send it; zero fields take the defaults. HTTPServer applies the
// timeouts.
type Limits struct {
	// MaxBodyBytes caps a form or JSON body (default 1 MiB).
	MaxBodyBytes int64
	// MaxUploadBytes caps a multipart upload (default 16 MiB).
	MaxUploadBytes int64
	// MaxParams caps the number of parameters (default 1000).
	MaxParams int
	// MaxHeaderBytes caps the request line and headers (default 1 MiB,
	// net/http's: a signed GET may carry a long attachment).
	MaxHeaderBytes int
	// ReadHeaderTimeout cuts off a client that trickles its headers
	// (default 10 s).
	ReadHeaderTimeout time.Duration
	// ReadTimeout cuts off a client that trickles its body (default 60 s).
	ReadTimeout time.Duration
	// IdleTimeout closes keep-alive connections left idle (default 2 min).
	IdleTimeout time.Duration
}

// Defaults.
const (
	DefaultJournalSize       = 1000
	defaultMaxBodyBytes      = 1 << 20
	defaultMaxUploadBytes    = 16 << 20
	defaultMaxParams         = 1000
	defaultMaxHeaderBytes    = 1 << 20
	defaultReadHeaderTimeout = 10 * time.Second
	defaultReadTimeout       = time.Minute
	defaultIdleTimeout       = 2 * time.Minute
)

func (l Limits) withDefaults() Limits {
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = defaultMaxBodyBytes
	}
	if l.MaxUploadBytes <= 0 {
		l.MaxUploadBytes = defaultMaxUploadBytes
	}
	if l.MaxParams <= 0 {
		l.MaxParams = defaultMaxParams
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = defaultMaxHeaderBytes
	}
	if l.ReadHeaderTimeout <= 0 {
		l.ReadHeaderTimeout = defaultReadHeaderTimeout
	}
	if l.ReadTimeout <= 0 {
		l.ReadTimeout = defaultReadTimeout
	}
	if l.IdleTimeout <= 0 {
		l.IdleTimeout = defaultIdleTimeout
	}
	return l
}

// SessionSpec declares a fixed session in configuration.
type SessionSpec struct {
	ApplicationKey string   `json:"application_key" yaml:"application_key"`
	UID            string   `json:"uid" yaml:"uid"`
	AccessToken    string   `json:"access_token" yaml:"access_token"`
	SessionSecret  string   `json:"session_secret_key" yaml:"session_secret_key"`
	RefreshToken   string   `json:"refresh_token" yaml:"refresh_token"`
	Scopes         []string `json:"scopes" yaml:"scopes"`
	// TTLSeconds is the lifetime from start; 0 means the default for the
	// scopes; negative means already expired.
	TTLSeconds int64 `json:"ttl_seconds" yaml:"ttl_seconds"`
	// Expired makes the session expired from the start.
	Expired bool `json:"expired" yaml:"expired"`
}

// OAuthOptions tune the OAuth emulation where the live behaviour is
// uncertain or teams want to test a variant.
type OAuthOptions struct {
	// CodeTTL is how long an authorization code lives (default 2 minutes,
	// as documented).
	CodeTTL time.Duration
	// CodeErrorsInFragment puts code-flow errors in the redirect's fragment
	// (what the current Android SDK reads) instead of the query.
	CodeErrorsInFragment bool
	// AcceptBasicAuth lets token.do read client credentials from HTTP Basic
	// auth; OK does not (it answers HTTP 400).
	AcceptBasicAuth bool
	// ExpiresInNumber writes expires_in as a JSON number instead of the
	// string seen in captures.
	ExpiresInNumber bool
	// RotateRefreshTokens issues a new refresh token on every refresh and
	// retires the old one; OK keeps the old one working.
	RotateRefreshTokens bool
	// ErrorPageStatus is the HTTP status of the authorize error page shown
	// for an unknown client_id or unregistered redirect_uri (default 400).
	ErrorPageStatus int
}

func (o OAuthOptions) withDefaults() OAuthOptions {
	if o.CodeTTL <= 0 {
		o.CodeTTL = 2 * time.Minute
	}
	if o.ErrorPageStatus == 0 {
		o.ErrorPageStatus = 400
	}
	return o
}
