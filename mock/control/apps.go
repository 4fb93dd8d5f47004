package control

import (
	"context"
	"net/http"
	"net/url"

	"github.com/okmock/okmock/mock"
)

// Apps lists the registered applications, secrets included.
func (c *Client) Apps(ctx context.Context) ([]App, error) {
	var out []App
	return out, c.send(ctx, http.MethodGet, "/apps", nil, &out)
}

// PutApp registers an application, or replaces the one with its key. An
// empty Status means public. It answers the application as stored.
func (c *Client) PutApp(ctx context.Context, app App) (App, error) {
	var out App
	return out, c.send(ctx, http.MethodPost, "/apps", app, &out)
}

// DeleteApp removes an application; its tokens stop working.
func (c *Client) DeleteApp(ctx context.Context, applicationKey string) error {
	return c.send(ctx, http.MethodDelete, "/apps/"+url.PathEscape(applicationKey), nil, nil)
}

// Sessions lists the sessions of an application (all when the key is
// empty), with their credentials.
func (c *Client) Sessions(ctx context.Context, applicationKey string) ([]SessionGrant, error) {
	r := request{method: http.MethodGet, path: "/sessions"}
	if applicationKey != "" {
		r.query = url.Values{"application_key": {applicationKey}}
	}
	var out []SessionGrant
	return out, c.do(ctx, r, &out)
}

// CreateSession mints a session without OAuth: exactly the scopes asked
// for, the application's (or world's) default user unless UID is set.
func (c *Client) CreateSession(ctx context.Context, spec SessionSpec) (SessionGrant, error) {
	var out SessionGrant
	return out, c.send(ctx, http.MethodPost, "/sessions", spec, &out)
}

// ExpireSession expires an access token now: calls with it answer 102,
// and its refresh token still works.
func (c *Client) ExpireSession(ctx context.Context, accessToken string) error {
	return c.send(ctx, http.MethodPost, "/sessions/expire", mock.TokenRef{AccessToken: accessToken}, nil)
}

// RevokeSession revokes an access token: calls with it answer 103 and its
// refresh token stops working.
func (c *Client) RevokeSession(ctx context.Context, accessToken string) error {
	return c.send(ctx, http.MethodPost, "/sessions/revoke", mock.TokenRef{AccessToken: accessToken}, nil)
}

// RevokeGrant withdraws a user's grant for an application, as the user
// removing the application at ok.ru would: every token of that user there
// is revoked. It answers how many tokens were.
func (c *Client) RevokeGrant(ctx context.Context, applicationKey, uid string) (int, error) {
	var out mock.RevokeResult
	err := c.send(ctx, http.MethodDelete, "/grants/"+url.PathEscape(applicationKey)+"/"+url.PathEscape(uid), nil, &out)
	return out.RevokedTokens, err
}
