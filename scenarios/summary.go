package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RuleInfo describes an active rule for listings (the control API, logs).
type RuleInfo struct {
	// ID is the engine-assigned id ("r1").
	ID string `json:"id"`
	// Name is the rule's own name, if any.
	Name string `json:"name,omitempty"`
	// Label is how Outcome.Rules names the rule: "id" or "id:name".
	Label string `json:"label"`
	// Document and Source say where the rule came from.
	Document string `json:"document,omitempty"`
	Source   string `json:"source,omitempty"`
	// Match, When and Respond summarize the rule in one line each.
	Match   string `json:"match"`
	When    string `json:"when"`
	Respond string `json:"respond"`
	// Times is the firing cap (0: none).
	Times int64 `json:"times,omitempty"`
	// Matched counts the calls the match block selected; Fired the calls
	// the rule acted on.
	Matched int64 `json:"matched"`
	Fired   int64 `json:"fired"`
	// Exhausted is true once Times firings have happened.
	Exhausted bool `json:"exhausted,omitempty"`
	// Rule is a copy of the rule as written.
	Rule Rule `json:"-"`
}

func (r *rule) info() RuleInfo {
	fired := r.fired.Load()
	return RuleInfo{
		ID: r.id, Name: r.spec.Name, Label: r.label, Document: r.document, Source: r.source,
		Match: r.spec.Match.String(), When: r.spec.When.String(), Respond: r.spec.Respond.String(),
		Times: r.spec.Times, Matched: r.matched.Load(), Fired: fired,
		Exhausted: r.spec.Times > 0 && fired >= r.spec.Times,
		Rule:      cloneRule(r.spec),
	}
}

// summary accumulates "key=value" words.
type summary []string

func (s *summary) add(key string, value any) { *s = append(*s, fmt.Sprintf("%s=%v", key, value)) }

func (s *summary) list(key string, values []string) {
	if len(values) > 0 {
		s.add(key, strings.Join(values, "|"))
	}
}

func (s summary) or(empty string) string {
	if len(s) == 0 {
		return empty
	}
	return strings.Join(s, " ")
}

// String summarizes the match block in one line, e.g.
// "endpoint=api method=photos.* params.type=USER".
func (m Match) String() string {
	var s summary
	if len(m.Endpoints) > 0 || len(m.Method) > 0 {
		eps := make([]string, 0, 4)
		for _, e := range m.endpoints() {
			eps = append(eps, string(e))
		}
		s.list("endpoint", eps)
	}
	s.list("method", m.Method)
	s.list("application_key", m.ApplicationKey)
	s.list("access_token", m.AccessToken)
	s.list("uid", m.UID)
	for _, name := range sortedKeys(m.Params) {
		s.list("params."+name, m.Params[name])
	}
	return s.or("every call")
}

// String summarizes the when block in one line, e.g. "nth=3 probability=0.3".
func (w When) String() string {
	var s summary
	for _, c := range []struct {
		key string
		v   int64
	}{{"nth", w.Nth}, {"first", w.First}, {"every", w.Every}, {"after", w.After}} {
		if c.v != 0 {
			s.add(c.key, c.v)
		}
	}
	if w.Probability != 0 {
		s.add("probability", strconv.FormatFloat(w.Probability, 'g', -1, 64))
	}
	if !w.From.IsZero() {
		s.add("from", w.From.Format(time.RFC3339Nano))
	}
	if !w.Until.IsZero() {
		s.add("until", w.Until.Format(time.RFC3339Nano))
	}
	if w.FromOffset != 0 {
		s.add("from_ms", w.FromOffset.Milliseconds())
	}
	if w.UntilOffset != 0 {
		s.add("until_ms", w.UntilOffset.Milliseconds())
	}
	return s.or("always")
}

// String summarizes the respond block in one line, e.g.
// "error_code=102 delay_ms=100..900".
func (r Respond) String() string {
	var s summary
	if r.ErrorCode != 0 {
		s.add("error_code", r.ErrorCode)
	}
	if r.ErrorMsg != "" {
		s.add("error_msg", strconv.Quote(r.ErrorMsg))
	}
	if r.ErrorData != nil {
		s.add("error_data", string(r.ErrorData))
	}
	if r.OAuthError != nil {
		s.add("oauth_error", r.OAuthError.Error)
	}
	if r.HTTPStatus != 0 {
		s.add("http_status", r.HTTPStatus)
	}
	if r.Body != nil {
		s.add("body", fmt.Sprintf("(%d bytes)", len(*r.Body)))
	}
	if r.ContentType != "" {
		s.add("content_type", r.ContentType)
	}
	s.list("headers", sortedKeys(r.Headers))
	switch {
	case r.Delay.Max > r.Delay.Min:
		s.add("delay_ms", fmt.Sprintf("%d..%d", r.Delay.Min.Milliseconds(), r.Delay.Max.Milliseconds()))
	case r.Delay.Min > 0:
		s.add("delay_ms", r.Delay.Min.Milliseconds())
	}
	if r.Fault != FaultNone {
		s.add("fault", r.Fault)
	}
	if r.ExpireToken {
		s = append(s, "expire_token")
	}
	if r.RevokeToken {
		s = append(s, "revoke_token")
	}
	if rl := r.RateLimit; rl != nil {
		per := rl.Per
		if per == "" {
			per = PerApplication
		}
		s.add("rate_limit", fmt.Sprintf("%d/%dms per %s", rl.Limit, rl.Window.Milliseconds(), per))
	}
	return s.or("nothing")
}
