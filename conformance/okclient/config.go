package okclient

import (
	"context"
	"net/http"
	"time"
)

// Config is where OK is and what the application holds.
type Config struct {
	// APIServer is the REST base URL, e.g. "https://api.ok.ru/".
	APIServer string
	// AuthorizeURL is the OAuth page, e.g. "https://connect.ok.ru/oauth/authorize".
	AuthorizeURL string
	// TokenURL is the token endpoint, e.g. "https://api.ok.ru/oauth/token.do".
	TokenURL string
	// ApplicationID is the numeric application id (OAuth client_id).
	ApplicationID string
	// ApplicationKey is the public key sent on every call.
	ApplicationKey string
	// ApplicationSecret is application_secret_key; leave it empty in code
	// that runs on users' devices.
	ApplicationSecret string
	// HTTPClient sends the requests; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Timeout bounds each HTTP attempt, answer included; 0 means none.
	Timeout time.Duration
	// Retry is the retry policy of REST calls.
	Retry Retry
	// RefreshOnExpired refreshes the session once on error 102 (when it
	// has a refresh token and the secret is configured) and repeats the
	// call once.
	RefreshOnExpired bool
	// Sleep waits between attempts; nil means a timer that the context
	// can cut short. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Retry is how REST calls are retried.
type Retry struct {
	// MaxAttempts is the number of attempts in all (0 or 1: no retry).
	MaxAttempts int
	// BaseDelay is the wait before the first retry; each retry doubles it.
	BaseDelay time.Duration
	// MaxDelay caps a single wait (0: no cap).
	MaxDelay time.Duration
}

// Delay is the wait before retry n (n = 1, 2, ...): BaseDelay × 2^(n−1),
// capped at MaxDelay.
func (r Retry) Delay(n int) time.Duration {
	d := r.BaseDelay
	for i := 1; i < n; i++ {
		d *= 2
		if r.MaxDelay > 0 && d >= r.MaxDelay {
			break
		}
	}
	if r.MaxDelay > 0 && d > r.MaxDelay {
		d = r.MaxDelay
	}
	return d
}

// Client calls OK. It is safe for concurrent use.
type Client struct {
	cfg Config
}

// New returns a client for cfg.
func New(cfg Config) *Client {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Retry.MaxAttempts < 1 {
		cfg.Retry.MaxAttempts = 1
	}
	return &Client{cfg: cfg}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Session is a user session. Call updates it in place when it refreshes.
type Session struct {
	AccessToken string
	// SessionSecret is session_secret_key (implicit flow); empty in the
	// code flow.
	SessionSecret string
	// RefreshToken is empty in the implicit flow.
	RefreshToken string
}
