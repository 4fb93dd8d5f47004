package okclient

import (
	"encoding/json"
	"errors"
	"fmt"
)

// APIError is an OK error answer: error_code in the body (OK sends it with
// HTTP 200 and an Invocation-Error header).
type APIError struct {
	Code    int             `json:"error_code"`
	Message string          `json:"error_msg"`
	Data    json.RawMessage `json:"error_data"`
}

func (e *APIError) Error() string { return fmt.Sprintf("OK error %d: %s", e.Code, e.Message) }

// OAuthError is an OAuth error: `error` in a redirect or a token endpoint
// answer.
type OAuthError struct {
	Err         string `json:"error"`
	Description string `json:"error_description"`
}

func (e *OAuthError) Error() string { return "OAuth error " + e.Err + ": " + e.Description }

// ErrStateMismatch is a callback whose state is not the one the client
// sent: the redirect may be forged, so it is refused before any request.
var ErrStateMismatch = errors.New("okclient: callback state does not match the state sent")

// HTTPError is an answer with a status other than 200 that carries no OK
// error.
type HTTPError struct {
	Status int
	Body   string
}

func (e *HTTPError) Error() string { return fmt.Sprintf("HTTP %d: %.200s", e.Status, e.Body) }

// InvalidResponseError is an answer that is not the JSON expected.
type InvalidResponseError struct {
	Status int
	Reason string
}

func (e *InvalidResponseError) Error() string { return "invalid response: " + e.Reason }

// TimeoutError is an attempt that did not get its whole answer in time.
type TimeoutError struct{ Err error }

func (e *TimeoutError) Error() string { return "timeout: " + e.Err.Error() }
func (e *TimeoutError) Unwrap() error { return e.Err }

// TransportError is a request that failed on the wire: refused, reset,
// closed early, cut short.
type TransportError struct{ Err error }

func (e *TransportError) Error() string { return "transport: " + e.Err.Error() }
func (e *TransportError) Unwrap() error { return e.Err }

// retryable is what the retry policy retries: errors 2 SERVICE and 8
// FLOOD_BLOCKED, and HTTP 5xx.
func retryable(err error) bool {
	var api *APIError
	if errors.As(err, &api) {
		return api.Code == 2 || api.Code == 8
	}
	var h *HTTPError
	return errors.As(err, &h) && h.Status >= 500 && h.Status <= 599
}

// isExpired is error 102 PARAM_SESSION_EXPIRED.
func isExpired(err error) bool {
	var api *APIError
	return errors.As(err, &api) && api.Code == 102
}
