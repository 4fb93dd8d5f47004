package okclient

import (
	"context"
	"errors"
	"net/url"
	"testing"
)

func TestAuthorizeURLCarriesEveryParameter(t *testing.T) {
	c := New(Config{AuthorizeURL: "https://connect.ok.ru/oauth/authorize", ApplicationID: "512000000001"})
	u, err := url.Parse(c.AuthorizeURL("code", "https://app.example/cb?x=1", []string{"VALUABLE_ACCESS", "PHOTO_CONTENT"}, "s t"))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"client_id": {"512000000001"}, "response_type": {"code"},
		"redirect_uri": {"https://app.example/cb?x=1"}, "scope": {"VALUABLE_ACCESS;PHOTO_CONTENT"}, "state": {"s t"}}
	if u.Host != "connect.ok.ru" || u.Query().Encode() != want.Encode() {
		t.Errorf("URL = %s", u)
	}
}

// TestCallbacksAreCheckedBeforeAnyRequest covers what HandleCallback
// decides alone; the exchange itself is covered by the conformance suite.
func TestCallbacksAreCheckedBeforeAnyRequest(t *testing.T) {
	c := New(Config{}) // no token URL: any request would fail differently
	tests := []struct {
		name, flow, url string
		check           func(*Token, error) bool
	}{
		{"wrong state", "code", "https://a/cb?code=c&state=other", func(_ *Token, err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"no state", "code", "https://a/cb?code=c", func(_ *Token, err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"two states", "code", "https://a/cb?code=c&state=mine&state=mine", func(_ *Token, err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"error in the query", "code", "https://a/cb?error=access_denied&state=mine", isOAuth("access_denied")},
		{"error in the fragment", "code", "https://a/cb#error=invalid_client&state=mine", isOAuth("invalid_client")},
		{"implicit error", "token", "https://a/cb#error=access_denied&state=mine", isOAuth("access_denied")},
		{"implicit token", "token", "https://a/cb#access_token=tok&session_secret_key=sec&expires_in=1800&state=mine",
			func(tk *Token, err error) bool {
				return err == nil && tk.AccessToken == "tok" && tk.SessionSecret == "sec" && tk.ExpiresIn == 1800
			}},
		{"implicit without token", "token", "https://a/cb#state=mine", func(_ *Token, err error) bool {
			var inv *InvalidResponseError
			return errors.As(err, &inv)
		}},
	}
	for _, tt := range tests {
		tk, err := c.HandleCallback(context.Background(), tt.flow, tt.url, "mine", "https://a/cb")
		if !tt.check(tk, err) {
			t.Errorf("%s: token %+v, err %v", tt.name, tk, err)
		}
	}
}

func isOAuth(code string) func(*Token, error) bool {
	return func(_ *Token, err error) bool {
		var o *OAuthError
		return errors.As(err, &o) && o.Err == code
	}
}
