package mock

import (
	"slices"
	"strings"
)

// App statuses, as on OK's application settings page.
const (
	AppPublic   = "public"
	AppHidden   = "hidden"
	AppDisabled = "disabled"
)

// App is an OK application registered with okmock. Keys and secrets are
// opaque non-empty strings: real ones are an uppercase public key and a
// 24-character hex secret, but a test may use whatever its code holds.
type App struct {
	// ID is the numeric application id (OAuth client_id).
	ID int64 `json:"application_id" yaml:"application_id"`
	// Key is the public application_key sent on every REST call.
	Key string `json:"application_key" yaml:"application_key"`
	// Secret is application_secret_key, the OAuth client_secret.
	Secret string `json:"application_secret_key" yaml:"application_secret_key"`
	// Name is shown on the consent page.
	Name string `json:"name,omitempty" yaml:"name"`
	// RedirectURIs are compared character for character at authorize.
	RedirectURIs []string `json:"redirect_uris" yaml:"redirect_uris"`
	// Permissions are the scopes the application may request; others are
	// dropped from a grant silently, as OK does.
	Permissions []string `json:"permissions" yaml:"permissions"`
	// ClientOAuth allows the implicit (token) flow.
	ClientOAuth bool `json:"client_oauth" yaml:"client_oauth"`
	// Status is public, hidden or disabled (disabled answers 210).
	Status string `json:"status,omitempty" yaml:"status"`
	// ServerIPs, when set, is the allow-list for calls without a session
	// (addresses or CIDR prefixes).
	ServerIPs []string `json:"server_ips,omitempty" yaml:"server_ips"`
	// AutoApprove makes authorize redirect at once, without the page.
	AutoApprove bool `json:"auto_approve" yaml:"auto_approve"`
	// DefaultUser is the uid used when an authorization names none; empty
	// means the world's default user.
	DefaultUser string `json:"default_user,omitempty" yaml:"default_user"`
	// PaymentCallbackURL is where okmock sends callbacks.payment.
	PaymentCallbackURL string `json:"payment_callback_url,omitempty" yaml:"payment_callback_url"`
}

// validate checks what the server relies on; nothing else is imposed.
func (a *App) validate() *Error {
	switch {
	case a.Key == "":
		return errParam("application_key must not be empty")
	case a.Secret == "":
		return errParam("application_secret_key must not be empty")
	case a.ID < 0:
		return errParam("application_id must be a positive number")
	}
	switch a.Status {
	case "", AppPublic, AppHidden, AppDisabled:
	default:
		return errParam("status must be public, hidden or disabled")
	}
	for _, p := range a.Permissions {
		if !isPermissionName(p) {
			return errParam("permission %q is not an uppercase word", p)
		}
	}
	return nil
}

// isPermissionName accepts OK's scope spelling: uppercase letters, digits
// and underscores.
func isPermissionName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// clone returns a deep copy so that callers never share slices with the store.
func (a *App) clone() *App {
	c := *a
	c.RedirectURIs = slices.Clone(a.RedirectURIs)
	c.Permissions = slices.Clone(a.Permissions)
	c.ServerIPs = slices.Clone(a.ServerIPs)
	return &c
}

// mayRequest reports whether the application may be granted scope.
func (a *App) mayRequest(scope string) bool {
	return slices.Contains(a.Permissions, strings.ToUpper(scope))
}

// DemoApp is the application every okmock has unless told otherwise, so
// that `okmock` with no configuration can be called at once. Its
// credentials are printed at start-up and in the README.
func DemoApp() App {
	return App{
		ID:     512000000001,
		Key:    "CBAFPJHFEBABABABA",
		Secret: "0F1E2D3C4B5A69788796A5B4",
		Name:   "okmock demo",
		RedirectURIs: []string{
			"http://localhost:8000/callback",
			"http://127.0.0.1:8000/callback",
			"https://oauth.mycdn.me/blank.html",
			"okauth://ok512000000001",
			"ok512000000001://authorize",
		},
		Permissions: []string{
			"VALUABLE_ACCESS", "LONG_ACCESS_TOKEN", "PHOTO_CONTENT", "GROUP_CONTENT",
			"VIDEO_CONTENT", "APP_INVITE", "GET_EMAIL", "SET_STATUS", "PUBLISH_NOTE", "LIKE",
		},
		ClientOAuth: true,
		Status:      AppPublic,
	}
}
