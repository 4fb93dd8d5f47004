package control

import (
	"context"
	"net/http"
	"time"

	"github.com/okmock/okmock/mock"
)

// Health asks okmock whether it is up; its Time is okmock's clock.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var out Health
	return out, c.send(ctx, http.MethodGet, "/health", nil, &out)
}

// Now is okmock's clock: the time it measures expiry on.
func (c *Client) Now(ctx context.Context) (time.Time, error) {
	var out mock.ClockState
	return out.Now, c.send(ctx, http.MethodGet, "/clock", nil, &out)
}

// AdvanceClock moves okmock's clock forward by d (it never goes back), so
// tokens and codes expire without waiting; it answers the new time.
func (c *Client) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	var out mock.ClockState
	err := c.send(ctx, http.MethodPost, "/clock", mock.ClockChange{AdvanceSeconds: d.Seconds()}, &out)
	return out.Now, err
}

// Reset brings okmock back to how it started: world, applications,
// sessions, clock, scenarios of start-up, an empty journal. It affects
// every user of a shared okmock.
func (c *Client) Reset(ctx context.Context) error {
	return c.send(ctx, http.MethodPost, "/reset", nil, nil)
}

// OpenAPI is okmock's method catalogue as an OpenAPI 3 document, in JSON
// or (yaml true) YAML.
func (c *Client) OpenAPI(ctx context.Context, yaml bool) ([]byte, error) {
	path := "/openapi.json"
	if yaml {
		path = "/openapi.yaml"
	}
	var raw rawBody
	return []byte(raw), c.do(ctx, request{method: http.MethodGet, path: path}, &raw)
}

// CACert is the PEM certificate of the CA okmock's HTTPS certificates
// come from, for clients that must trust it.
func (c *Client) CACert(ctx context.Context) ([]byte, error) {
	var raw rawBody
	return []byte(raw), c.do(ctx, request{method: http.MethodGet, path: "/ca.pem"}, &raw)
}
