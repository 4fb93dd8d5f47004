package okclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
)

// maxAnswer bounds an answer body: OK's largest lists are far smaller.
const maxAnswer = 32 << 20

// attempt sends one request built by build within the per-attempt timeout
// and reads the whole answer: status, content type and body.
func (c *Client) attempt(ctx context.Context, build func(context.Context) (*http.Request, error)) (*http.Response, []byte, error) {
	if c.cfg.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.cfg.Timeout)
		defer cancel()
	}
	req, err := build(ctx)
	if err != nil {
		return nil, nil, err
	}
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, nil, wireError(ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, nil, wireError(ctx, err)
	}
	return resp, body, nil
}

// wireError tells a timeout (the attempt's deadline passed) from any other
// failure on the wire.
func wireError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &TimeoutError{err}
	}
	return &TransportError{err}
}

// decodeAPI classifies a REST (or upload) answer: an OK error, an HTTP
// error, something that is not JSON, or the JSON result.
func decodeAPI(resp *http.Response, body []byte) (json.RawMessage, error) {
	trimmed := bytes.TrimSpace(body)
	if looksLikeError(trimmed) {
		var e APIError
		if json.Unmarshal(trimmed, &e) == nil && e.Code != 0 {
			return nil, &e
		}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &HTTPError{Status: resp.StatusCode, Body: string(body)}
	}
	if !isJSON(resp.Header.Get("Content-Type")) {
		return nil, &InvalidResponseError{resp.StatusCode, "content type " + resp.Header.Get("Content-Type") + " is not JSON"}
	}
	if !json.Valid(trimmed) {
		return nil, &InvalidResponseError{resp.StatusCode, "the body is not valid JSON"}
	}
	return json.RawMessage(trimmed), nil
}

// looksLikeError is a JSON object that may carry error_code.
func looksLikeError(b []byte) bool {
	return len(b) > 0 && b[0] == '{' && bytes.Contains(b, []byte(`"error_code"`))
}

// isJSON accepts application/json and the +json types, with parameters.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || mt == "text/javascript" || len(mt) > 5 && mt[len(mt)-5:] == "+json"
}
