package control

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/okmock/okmock/mock"
)

// Requests reads the journal: the entries f selects, oldest first.
func (c *Client) Requests(ctx context.Context, f Filter) ([]JournalEntry, error) {
	var out mock.RequestList
	err := c.do(ctx, request{method: http.MethodGet, path: "/requests", query: FilterQuery(f)}, &out)
	return out.Requests, err
}

// CountRequests counts the entries f selects, so a test asserts "exactly
// N calls to X with parameter Y" in one request.
func (c *Client) CountRequests(ctx context.Context, f Filter) (int, error) {
	var out mock.RequestCount
	err := c.do(ctx, request{method: http.MethodGet, path: "/requests/count", query: FilterQuery(f)}, &out)
	return out.Count, err
}

// ClearRequests empties the journal (entry ids keep growing, so SinceID
// filters stay meaningful). It affects every user of a shared okmock.
func (c *Client) ClearRequests(ctx context.Context) error {
	return c.send(ctx, http.MethodDelete, "/requests", nil, nil)
}

// FilterQuery is f as the query string of GET /__okmock/requests:
// method, application_key, endpoint, access_token, since (an id, else a
// time), scenario, outcome, error_code, limit and param.NAME.
func FilterQuery(f Filter) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("method", f.Method)
	set("application_key", f.ApplicationKey)
	set("endpoint", f.Endpoint)
	set("access_token", f.Token)
	set("scenario", f.Scenario)
	set("outcome", f.Outcome)
	switch {
	case f.SinceID > 0:
		q.Set("since", strconv.FormatUint(f.SinceID, 10))
	case !f.Since.IsZero():
		q.Set("since", f.Since.UTC().Format(time.RFC3339Nano))
	}
	if f.ErrorCode != 0 {
		q.Set("error_code", strconv.Itoa(f.ErrorCode))
	}
	if f.Limit > 0 {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	for k, v := range f.Params {
		q.Set("param."+k, v)
	}
	return q
}
