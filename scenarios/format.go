package scenarios

import (
	"encoding/json"
	"time"
)

// FormatVersion is the only document version this package reads.
const FormatVersion = 1

// Endpoint names the kind of okmock endpoint a request arrived on.
type Endpoint string

// The endpoints a rule can match.
const (
	EndpointAPI       Endpoint = "api"       // the REST API (fb.do and friends)
	EndpointToken     Endpoint = "token"     // oauth/token.do
	EndpointAuthorize Endpoint = "authorize" // oauth/authorize
	EndpointUpload    Endpoint = "upload"    // the photo/video upload URL
)

// Endpoints lists every valid Endpoint in documentation order.
var Endpoints = []Endpoint{EndpointAPI, EndpointToken, EndpointAuthorize, EndpointUpload}

// Fault is a transport-level failure the server injects instead of (or into)
// its answer.
type Fault string

// The transport faults a rule can inject.
const (
	FaultNone      Fault = ""
	FaultReset     Fault = "reset"     // close the connection abruptly (TCP RST), no answer
	FaultEmpty     Fault = "empty"     // close the connection without writing any HTTP response
	FaultTruncate  Fault = "truncate"  // send the headers and only the first half of the body
	FaultMalformed Fault = "malformed" // send a body that is not valid JSON
)

// Faults lists every non-empty Fault in documentation order.
var Faults = []Fault{FaultReset, FaultEmpty, FaultTruncate, FaultMalformed}

// RateLimitKey says what a rate limit counts calls per.
type RateLimitKey string

// The keys a rate limit can count per.
const (
	PerApplication RateLimitKey = "application" // one window per application_key
	PerUser        RateLimitKey = "user"        // one window per (application_key, uid) pair
	// PerParamPrefix starts a key "param:NAME": one window per
	// (application_key, value of parameter NAME), e.g. "param:uid" for the
	// target user of a server-side call.
	PerParamPrefix = "param:"
)

// Document is one scenario: a named, ordered list of rules.
type Document struct {
	// Version is the format version (FormatVersion).
	Version int
	// Name identifies the document; library scenarios are selected by it.
	Name string
	// Description says what the scenario simulates.
	Description string
	// Source is where the document was loaded from (a file name), for messages.
	Source string
	// Rules are evaluated in order for every request.
	Rules []Rule
}

// Rule is one scripted behaviour: which calls it matches, when among them it
// fires and what it does then.
type Rule struct {
	// Name is an optional label shown in listings and in the journal.
	Name string
	// Match selects the calls the rule looks at; every call it selects is
	// counted, whether the rule fires or not.
	Match Match
	// When picks, among the matched calls, the ones the rule fires on.
	When When
	// Times caps how often the rule fires in total (0: no cap).
	Times int64
	// Respond is what the rule does when it fires.
	Respond Respond
}

// Match selects requests. Empty fields match anything; every list is a set
// of alternatives (any may match) and every string is a glob: * matches any
// run of characters, ? one character, [a-z] a class, \ escapes.
type Match struct {
	// Endpoints the rule applies to. Empty means EndpointAPI when Method is
	// set and any endpoint otherwise.
	Endpoints []Endpoint
	// Method is the OK method name ("photos.*"); compared case-insensitively.
	Method []string
	// ApplicationKey is the application's public key.
	ApplicationKey []string
	// AccessToken is the calling token (access_token or session_key).
	AccessToken []string
	// UID is the calling user's id.
	UID []string
	// Params maps a request parameter name to the globs its value may match;
	// the parameter must be present.
	Params map[string][]string
}

// When narrows the matched calls to the ones a rule fires on. Every set
// field must hold (they combine with AND). Counts are over matched calls,
// starting at 1. Zero values mean "no condition".
type When struct {
	// Nth fires only on the nth matched call.
	Nth int64
	// First fires on the first N matched calls.
	First int64
	// Every fires on every Nth matched call (N, 2N, 3N, ...).
	Every int64
	// After fires only once N matched calls have gone by (calls N+1, N+2, ...).
	After int64
	// Probability fires with this chance (0 < p <= 1), drawn reproducibly
	// from the engine seed, the rule and the call's count.
	Probability float64
	// From and Until bound Request.Time absolutely: From <= t < Until.
	From, Until time.Time
	// FromOffset and UntilOffset bound Request.Time relative to when the
	// rule was added to the engine: added+FromOffset <= t < added+UntilOffset.
	FromOffset, UntilOffset time.Duration
}

// Respond is what a rule does when it fires.
type Respond struct {
	// ErrorCode is an OK error code to answer with (error_code).
	ErrorCode int
	// ErrorMsg overrides the error text; empty lets the server use OK's text
	// for the code.
	ErrorMsg string
	// ErrorData is the error_data value as JSON (nil: null).
	ErrorData json.RawMessage
	// OAuthError answers the token or authorize endpoint with an OAuth error.
	OAuthError *OAuthError
	// HTTPStatus overrides the HTTP status code.
	HTTPStatus int
	// Body replaces the response body when non-nil.
	Body *string
	// ContentType overrides the Content-Type header.
	ContentType string
	// Headers are set on the response.
	Headers map[string]string
	// Delay holds the answer back; a range is drawn reproducibly per call.
	Delay Delay
	// Fault breaks the transport.
	Fault Fault
	// ExpireToken expires the calling token (as if its lifetime had run out).
	ExpireToken bool
	// RevokeToken revokes the calling token (as if the user had removed the app).
	RevokeToken bool
	// RateLimit makes the rule fire only on calls over the limit; then it
	// answers 8 FLOOD_BLOCKED unless ErrorCode says otherwise.
	RateLimit *RateLimit
}

// Delay is a fixed delay (Min == Max) or a range to draw from.
type Delay struct {
	Min, Max time.Duration
}

// RateLimit allows Limit calls per Window (a sliding window over
// Request.Time) for each application or user.
type RateLimit struct {
	Per    RateLimitKey
	Limit  int
	Window time.Duration
}

// answers reports whether the respond decides the answer itself (as opposed
// to only delaying it or acting on the token); the first firing rule that
// answers wins.
func (r *Respond) answers() bool {
	return r.ErrorCode != 0 || r.OAuthError != nil || r.HTTPStatus != 0 || r.Body != nil ||
		r.ContentType != "" || len(r.Headers) > 0 || r.Fault != FaultNone || r.RateLimit != nil
}
