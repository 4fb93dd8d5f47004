package scenarios

import (
	"encoding/json"
	"time"
)

// FloodBlockedCode is the OK error a rate limit answers with by default
// (8 FLOOD_BLOCKED).
const FloodBlockedCode = 8

// Outcome is what the fired rules ask the server to do with one request.
// The server applies it in this order:
//
//  1. wait Delay (giving up if the client goes away);
//  2. if Fault is set, break the transport as the Fault describes; the
//     truncate and malformed faults mangle the body the next steps produce;
//  3. if Error is set, answer that OK error (HTTP 200, Invocation-Error
//     header, error_msg from OK's table when Msg is empty); if OAuthError is
//     set, answer that OAuth error (JSON on the token endpoint, a redirect
//     error on the authorize endpoint); otherwise answer normally;
//  4. if HTTP is set, override the status, body, content type and headers it
//     names;
//  5. ExpireToken/RevokeToken take effect on the calling token once this
//     call has been answered: this call is answered as steps 2-4 say (or
//     normally), later calls with that token find it expired or revoked.
//
// An Outcome and everything it points to must be treated as read-only: the
// maps and byte slices are shared with the rule.
type Outcome struct {
	// Rules labels the rules that fired, in order, as "id" or "id:name".
	Rules []string `json:"rules"`
	// Error is the OK API error to answer with.
	Error *OKError `json:"error,omitempty"`
	// OAuthError is the OAuth error to answer with.
	OAuthError *OAuthError `json:"oauth_error,omitempty"`
	// HTTP overrides parts of the HTTP answer.
	HTTP *HTTPResponse `json:"http,omitempty"`
	// Delay is how long to hold the answer back (the sum over fired rules).
	Delay time.Duration `json:"delay_ns,omitempty"`
	// Fault is the transport fault to inject.
	Fault Fault `json:"fault,omitempty"`
	// ExpireToken asks the server to expire the calling token.
	ExpireToken bool `json:"expire_token,omitempty"`
	// RevokeToken asks the server to revoke the calling token.
	RevokeToken bool `json:"revoke_token,omitempty"`
}

// OKError is an OK API error answer.
type OKError struct {
	// Code is error_code.
	Code int `json:"error_code"`
	// Msg is error_msg; empty means "OK's usual text for Code".
	Msg string `json:"error_msg,omitempty"`
	// Data is error_data as JSON; nil means null.
	Data json.RawMessage `json:"error_data,omitempty"`
}

// OAuthError is an OAuth error answer: {"error": ..., "error_description": ...}
// on the token endpoint, ?error=... on an authorize redirect.
type OAuthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

// HTTPResponse overrides parts of the HTTP answer; zero fields keep what the
// server would send.
type HTTPResponse struct {
	// Status replaces the status code when non-zero.
	Status int `json:"status,omitempty"`
	// Body replaces the whole body when non-nil.
	Body *string `json:"body,omitempty"`
	// ContentType replaces the Content-Type header when non-empty.
	ContentType string `json:"content_type,omitempty"`
	// Headers are set on the response (after ContentType).
	Headers map[string]string `json:"headers,omitempty"`
}
