package scenarios

import (
	"math"
	"sync/atomic"
	"time"
)

// rule is a compiled Rule with its live counters.
type rule struct {
	id       string
	serial   uint64 // seeds this rule's draws
	label    string // "id" or "id:name", as reported in Outcome.Rules
	document string
	source   string
	spec     Rule

	endpoints uint8 // bit per Endpoint; 0 matches any
	method    globs
	appKey    globs
	token     globs
	uid       globs
	params    []paramMatch

	answers  bool // decides the answer (first such firing rule wins)
	okError  *OKError
	oauth    *OAuthError
	http     *HTTPResponse
	limiter  *limiter
	relative bool // has from_ms/until_ms

	// anchor is the start of the relative window in Unix nanoseconds, or
	// noAnchor until it is known.
	anchor  atomic.Int64
	matched atomic.Int64
	fired   atomic.Int64
}

type paramMatch struct {
	name   string
	values globs
}

const noAnchor = math.MinInt64

func endpointBit(e Endpoint) uint8 {
	switch e {
	case EndpointAPI, "":
		return 1
	case EndpointToken:
		return 2
	case EndpointAuthorize:
		return 4
	case EndpointUpload:
		return 8
	}
	return 0x80 // an endpoint no rule names
}

// compile turns a validated Rule into its runtime form. Errors cannot occur
// here: Validate has checked every pattern.
func (e *Engine) compile(doc *Document, spec *Rule, id string, serial uint64) *rule {
	r := &rule{id: id, serial: serial, label: id, document: doc.Name, source: doc.Source, spec: cloneRule(*spec)}
	if spec.Name != "" {
		r.label = id + ":" + spec.Name
	}
	m := &r.spec.Match
	if len(m.Endpoints) > 0 || len(m.Method) > 0 {
		for _, ep := range m.endpoints() {
			r.endpoints |= endpointBit(ep)
		}
	}
	r.method, _ = compileGlobs(m.Method, true)
	r.appKey, _ = compileGlobs(m.ApplicationKey, false)
	r.token, _ = compileGlobs(m.AccessToken, false)
	r.uid, _ = compileGlobs(m.UID, false)
	for _, name := range sortedKeys(m.Params) {
		values, _ := compileGlobs(m.Params[name], false)
		r.params = append(r.params, paramMatch{name: name, values: values})
	}

	resp := &r.spec.Respond
	r.answers = resp.answers()
	if resp.ErrorCode != 0 || resp.RateLimit != nil && resp.OAuthError == nil {
		code := resp.ErrorCode
		if code == 0 {
			code = FloodBlockedCode
		}
		r.okError = &OKError{Code: code, Msg: resp.ErrorMsg, Data: resp.ErrorData}
	}
	r.oauth = resp.OAuthError
	if resp.HTTPStatus != 0 || resp.Body != nil || resp.ContentType != "" || len(resp.Headers) > 0 {
		r.http = &HTTPResponse{Status: resp.HTTPStatus, Body: resp.Body, ContentType: resp.ContentType, Headers: resp.Headers}
	}
	if resp.RateLimit != nil {
		r.limiter = newLimiter(*resp.RateLimit)
	}

	w := &r.spec.When
	r.relative = w.FromOffset > 0 || w.UntilOffset > 0
	r.anchor.Store(noAnchor)
	if r.relative && e.clock != nil {
		r.anchor.Store(e.clock().UnixNano())
	}
	return r
}

// matches checks the request against the match block; it never allocates.
func (r *rule) matches(req *Request) bool {
	if r.endpoints != 0 && r.endpoints&endpointBit(req.Endpoint) == 0 {
		return false
	}
	if !r.method.match(req.Method) || !r.appKey.match(req.ApplicationKey) ||
		!r.token.match(req.AccessToken) || !r.uid.match(req.UID) {
		return false
	}
	for i := range r.params {
		if req.Param == nil {
			return false
		}
		v, ok := req.Param(r.params[i].name)
		if !ok || !r.params[i].values.match(v) {
			return false
		}
	}
	return true
}

// due checks the when block for the nth matched call.
func (r *rule) due(req *Request, n int64, seed int64) bool {
	if r.relative {
		// Without a clock the window starts at the first matched call,
		// whichever conditions that call fails.
		r.anchor.CompareAndSwap(noAnchor, req.Time.UnixNano())
	}
	w := &r.spec.When
	switch {
	case w.Nth > 0 && n != w.Nth,
		w.First > 0 && n > w.First,
		w.Every > 0 && n%w.Every != 0,
		n <= w.After:
		return false
	}
	if !w.From.IsZero() && req.Time.Before(w.From) || !w.Until.IsZero() && !req.Time.Before(w.Until) {
		return false
	}
	if r.relative && !r.inRelativeWindow(req.Time) {
		return false
	}
	if w.Probability > 0 && w.Probability < 1 && unitFloat(draw(seed, r.serial, n, saltProbability)) >= w.Probability {
		return false
	}
	return true
}

func (r *rule) inRelativeWindow(t time.Time) bool {
	elapsed := time.Duration(t.UnixNano() - r.anchor.Load())
	w := &r.spec.When
	if elapsed < w.FromOffset {
		return false
	}
	return w.UntilOffset == 0 || elapsed < w.UntilOffset
}

// reserve takes one of the rule's firings, if times allows another.
func (r *rule) reserve() bool {
	limit := r.spec.Times
	if limit == 0 {
		r.fired.Add(1)
		return true
	}
	for {
		f := r.fired.Load()
		if f >= limit {
			return false
		}
		if r.fired.CompareAndSwap(f, f+1) {
			return true
		}
	}
}

// delay draws the rule's delay for the nth matched call.
func (r *rule) delay(n int64, seed int64) time.Duration {
	d := r.spec.Respond.Delay
	if d.Max <= d.Min {
		return d.Min
	}
	span := uint64(d.Max-d.Min) + 1
	return d.Min + time.Duration(draw(seed, r.serial, n, saltDelay)%span)
}
