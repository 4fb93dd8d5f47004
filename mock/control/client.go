package control

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/okmock/okmock/mock"
)

// Client calls one okmock's control API. It is safe for concurrent use.
type Client struct {
	base string
	http *http.Client
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sends requests through hc (okmocktest's in-memory client,
// a client trusting okmock's CA, ...). The default is http.DefaultClient.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// New returns a client of the okmock at baseURL (scheme, host and port,
// e.g. "http://127.0.0.1:8080"; a trailing slash or /__okmock is accepted).
func New(baseURL string, opts ...Option) *Client {
	base := strings.TrimRight(baseURL, "/")
	base = strings.TrimSuffix(base, mock.ControlPrefix)
	c := &Client{base: base, http: http.DefaultClient}
	for _, o := range opts {
		o(c)
	}
	return c
}

// BaseURL is the okmock the client talks to, without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// Error is okmock refusing a control request.
type Error struct {
	// Method and Path are the request's, e.g. "POST", "/__okmock/apps".
	Method, Path string
	// Status is the HTTP status okmock answered.
	Status int
	// Message is okmock's explanation.
	Message string
}

// Error reads like "okmock control: POST /__okmock/apps: 400: ...".
func (e *Error) Error() string {
	return fmt.Sprintf("okmock control: %s %s: %d: %s", e.Method, e.Path, e.Status, e.Message)
}

// IsNotFound reports whether err is okmock answering 404: no such
// application, token, rule or library scenario.
func IsNotFound(err error) bool {
	e, ok := err.(*Error)
	return ok && e.Status == http.StatusNotFound
}

// request is one control call.
type request struct {
	method, path string
	query        url.Values
	body         []byte
	contentType  string
}

// jsonRequest builds a request whose body is in as JSON (none when nil).
func jsonRequest(method, path string, in any) (request, error) {
	r := request{method: method, path: path}
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return r, fmt.Errorf("okmock control: encode %s body: %w", path, err)
		}
		r.body, r.contentType = b, "application/json"
	}
	return r, nil
}

// do sends r and decodes a 200 answer into out (when not nil); 204 is
// success with nothing to decode.
func (c *Client) do(ctx context.Context, r request, out any) error {
	u := c.base + mock.ControlPrefix + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return err
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("okmock control: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("okmock control: %s %s: read answer: %w", r.method, r.path, err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNoContent:
		return nil
	default:
		return refusal(r, resp.StatusCode, data)
	}
	switch out := out.(type) {
	case nil:
		return nil
	case *rawBody:
		*out = data
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("okmock control: %s %s: unreadable answer: %w", r.method, r.path, err)
	}
	return nil
}

// refusal turns an error answer into an *Error, keeping okmock's message
// (or the body itself when it is not okmock's JSON).
func refusal(r request, status int, body []byte) *Error {
	e := &Error{Method: r.method, Path: mock.ControlPrefix + r.path, Status: status}
	var msg struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &msg) == nil && msg.Error != "" {
		e.Message = msg.Error
	} else {
		e.Message = strings.TrimSpace(string(body))
	}
	return e
}

// rawBody receives an answer as it came (PEM, YAML).
type rawBody []byte

// send is do for a JSON body.
func (c *Client) send(ctx context.Context, method, path string, in, out any) error {
	r, err := jsonRequest(method, path, in)
	if err != nil {
		return err
	}
	return c.do(ctx, r, out)
}
