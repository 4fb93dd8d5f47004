package scenarios

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
)

// Upper bounds that keep a typo from freezing a test run or eating memory.
const (
	MaxDelay          = 10 * time.Minute
	MaxRateLimit      = 100_000
	MaxRateLimitSpan  = 30 * 24 * time.Hour
	maxNameLength     = 128
	maxErrorCodeValue = 1_000_000
)

var (
	namePattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]*$`)
	headerPattern = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	oauthPattern  = regexp.MustCompile(`^[\x21\x23-\x5B\x5D-\x7E]+$`)
)

// Validate checks a document built in code (Load already did this for
// loaded ones). The error is a LoadErrors without line numbers.
func (d *Document) Validate() error {
	probs := &problems{source: d.Source}
	d.validate(formDocument.rulePath, func(field, msg string) { probs.add(0, field, "%s", msg) })
	return probs.err()
}

// validate reports semantic problems by field path; rulePath spells the
// path of rule i as the document was written.
func (d *Document) validate(rulePath func(int) string, report func(field, msg string)) {
	if d.Version != 0 && d.Version != FormatVersion {
		report("version", fmt.Sprintf("unsupported version %d (this okmock reads version %d)", d.Version, FormatVersion))
	}
	if d.Name != "" {
		checkName(report, "name", d.Name)
	}
	if len(d.Rules) == 0 {
		report("rules", "must hold at least one rule")
	}
	for i := range d.Rules {
		d.Rules[i].validate(rulePath(i), report)
	}
}

func checkName(report func(field, msg string), field, name string) {
	if len(name) > maxNameLength || !namePattern.MatchString(name) {
		report(field, fmt.Sprintf("must be at most %d letters, digits, '.', '_', '@' or '-', starting with a letter or digit", maxNameLength))
	}
}

func (r *Rule) validate(path string, report func(field, msg string)) {
	if r.Name != "" {
		checkName(report, join(path, "name"), r.Name)
	}
	if r.Times < 0 {
		report(join(path, "times"), "must be >= 1")
	}
	r.Match.validate(join(path, "match"), report)
	r.When.validate(join(path, "when"), report)
	r.Respond.validate(join(path, "respond"), r.Match.endpoints(), report)
}

// endpoints is the set of endpoints a match applies to, with the default.
func (m *Match) endpoints() []Endpoint {
	switch {
	case len(m.Endpoints) > 0:
		return m.Endpoints
	case len(m.Method) > 0:
		return []Endpoint{EndpointAPI}
	default:
		return Endpoints
	}
}

func (m *Match) validate(path string, report func(field, msg string)) {
	for i, e := range m.Endpoints {
		if !isEndpoint(e) {
			report(listField(join(path, "endpoint"), i, len(m.Endpoints)), fmt.Sprintf("unknown endpoint %q (known: api, token, authorize, upload)", e))
		}
	}
	checkGlobs(report, join(path, "method"), m.Method)
	checkGlobs(report, join(path, "application_key"), m.ApplicationKey)
	checkGlobs(report, join(path, "access_token"), m.AccessToken)
	checkGlobs(report, join(path, "uid"), m.UID)
	for _, name := range sortedKeys(m.Params) {
		field := join(join(path, "params"), name)
		if name == "" {
			report(field, "parameter name must not be empty")
		}
		checkGlobs(report, field, m.Params[name])
	}
}

func isEndpoint(e Endpoint) bool {
	for _, k := range Endpoints {
		if e == k {
			return true
		}
	}
	return false
}

func checkGlobs(report func(field, msg string), field string, pats []string) {
	for i, p := range pats {
		if err := checkGlob(p); err != nil {
			report(listField(field, i, len(pats)), fmt.Sprintf("%s: %q", err, p))
		}
	}
}

// listField addresses item i of a list field, or the field itself when it
// holds a single value (written as a plain string).
func listField(field string, i, n int) string {
	if n == 1 {
		return field
	}
	return index(field, i)
}

func (w *When) validate(path string, report func(field, msg string)) {
	for _, c := range []struct {
		key string
		v   int64
	}{{"nth", w.Nth}, {"first", w.First}, {"every", w.Every}} {
		if c.v < 0 {
			report(join(path, c.key), "must be >= 1")
		}
	}
	if w.After < 0 {
		report(join(path, "after"), "must be >= 0")
	}
	if w.Probability < 0 || w.Probability > 1 || math.IsNaN(w.Probability) {
		report(join(path, "probability"), "must be > 0 and <= 1")
	}
	if !w.From.IsZero() && !w.Until.IsZero() && !w.Until.After(w.From) {
		report(join(path, "until"), "must be after from")
	}
	if w.FromOffset < 0 {
		report(join(path, "from_ms"), "must be >= 0")
	}
	if w.UntilOffset < 0 {
		report(join(path, "until_ms"), "must be >= 1")
	}
	if w.UntilOffset > 0 && w.UntilOffset <= w.FromOffset {
		report(join(path, "until_ms"), "must be greater than from_ms")
	}
	if w.Nth > 0 {
		switch {
		case w.First > 0 && w.Nth > w.First:
			report(join(path, "nth"), "can never fire: nth is beyond first")
		case w.Nth <= w.After:
			report(join(path, "nth"), "can never fire: nth is not after the skipped calls (after)")
		case w.Every > 0 && w.Nth%w.Every != 0:
			report(join(path, "nth"), "can never fire: nth is not a multiple of every")
		}
	}
	if w.First > 0 && w.First <= w.After {
		report(join(path, "first"), "can never fire: first ends before after lets calls through")
	}
}

func (r *Respond) validate(path string, endpoints []Endpoint, report func(field, msg string)) {
	field := func(key string) string { return join(path, key) }
	if r.ErrorCode < 0 || r.ErrorCode > maxErrorCodeValue {
		report(field("error_code"), fmt.Sprintf("must be between 1 and %d", maxErrorCodeValue))
	}
	if r.ErrorCode == 0 && r.RateLimit == nil {
		if r.ErrorMsg != "" {
			report(field("error_msg"), "needs error_code")
		}
		if r.ErrorData != nil {
			report(field("error_data"), "needs error_code")
		}
	}
	if r.ErrorData != nil && !json.Valid(r.ErrorData) {
		report(field("error_data"), "must be valid JSON")
	}
	r.validateOAuth(field, endpoints, report)
	r.validateHTTP(field, report)
	r.validateDelay(field("delay_ms"), report)
	r.validateFault(field, report)
	if rl := r.RateLimit; rl != nil {
		if !validPer(rl.Per) {
			report(field("rate_limit.per"), fmt.Sprintf("unknown value %q (known: application, user, param:NAME)", rl.Per))
		}
		if rl.Limit < 1 || rl.Limit > MaxRateLimit {
			report(field("rate_limit.limit"), fmt.Sprintf("must be between 1 and %d", MaxRateLimit))
		}
		if rl.Window <= 0 || rl.Window > MaxRateLimitSpan {
			report(field("rate_limit.window_ms"), fmt.Sprintf("must be between 1 and %d (30 days)", MaxRateLimitSpan.Milliseconds()))
		}
	}
	if !r.answers() && r.Delay.Max == 0 && !r.ExpireToken && !r.RevokeToken && r.ErrorMsg == "" && r.ErrorData == nil {
		report(path, "does nothing: set error_code, oauth_error, http_status, body, content_type, headers, delay_ms, fault, expire_token, revoke_token or rate_limit")
	}
}

func validPer(per RateLimitKey) bool {
	switch per {
	case "", PerApplication, PerUser:
		return true
	}
	name, ok := strings.CutPrefix(string(per), PerParamPrefix)
	return ok && name != ""
}

// onlyOn reports whether every endpoint is one of allowed.
func onlyOn(endpoints []Endpoint, allowed ...Endpoint) bool {
	for _, e := range endpoints {
		if !isEndpointIn(e, allowed) {
			return false
		}
	}
	return true
}

func isEndpointIn(e Endpoint, list []Endpoint) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

func (r *Respond) validateOAuth(field func(string) string, endpoints []Endpoint, report func(field, msg string)) {
	if r.ErrorCode != 0 && onlyOn(endpoints, EndpointToken, EndpointAuthorize) {
		report(field("error_code"), "the token and authorize endpoints answer OAuth errors: use oauth_error")
	}
	if r.OAuthError == nil {
		return
	}
	if r.ErrorCode != 0 {
		report(field("oauth_error"), "cannot be combined with error_code: a call answers one kind of error")
	}
	if onlyOn(endpoints, EndpointAPI, EndpointUpload) {
		report(field("oauth_error"), "only the token and authorize endpoints answer OAuth errors (set match.endpoint)")
	}
	if !oauthPattern.MatchString(r.OAuthError.Error) {
		report(field("oauth_error.error"), "required: an OAuth error code such as invalid_grant (printable ASCII, no spaces, quotes or backslashes)")
	}
	if strings.ContainsAny(r.OAuthError.Description, "\r\n") {
		report(field("oauth_error.error_description"), "must be one line")
	}
}

func (r *Respond) validateHTTP(field func(string) string, report func(field, msg string)) {
	if r.HTTPStatus != 0 && (r.HTTPStatus < 100 || r.HTTPStatus > 599) {
		report(field("http_status"), "must be an HTTP status between 100 and 599")
	}
	if strings.ContainsAny(r.ContentType, "\r\n\x00") {
		report(field("content_type"), "must be one line")
	}
	for _, name := range sortedKeys(r.Headers) {
		if !headerPattern.MatchString(name) {
			report(join(field("headers"), name), "is not a valid header name")
		}
		if strings.ContainsAny(r.Headers[name], "\r\n\x00") {
			report(join(field("headers"), name), "value must be one line")
		}
	}
}

func (r *Respond) validateDelay(field string, report func(field, msg string)) {
	d := r.Delay
	fixed := d.Min == d.Max
	minField, maxField := field, field
	if !fixed {
		minField, maxField = join(field, "min"), join(field, "max")
	}
	switch {
	case d.Min < 0:
		report(minField, "must be >= 0")
	case d.Max < d.Min:
		report(maxField, "must be >= min")
	case d.Max > MaxDelay:
		report(maxField, fmt.Sprintf("must be <= %d (%s)", MaxDelay.Milliseconds(), MaxDelay))
	}
}

func (r *Respond) validateFault(field func(string) string, report func(field, msg string)) {
	switch r.Fault {
	case FaultNone, FaultTruncate, FaultMalformed:
		return
	case FaultReset, FaultEmpty:
		if r.ErrorCode != 0 || r.OAuthError != nil || r.HTTPStatus != 0 || r.Body != nil || r.ContentType != "" || len(r.Headers) > 0 {
			report(field("fault"), fmt.Sprintf("%s sends no HTTP answer, so error_code, oauth_error, http_status, body, content_type and headers cannot apply", r.Fault))
		}
	default:
		report(field("fault"), fmt.Sprintf("unknown fault %q (known: reset, empty, truncate, malformed)", r.Fault))
	}
}
