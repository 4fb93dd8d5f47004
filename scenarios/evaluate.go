package scenarios

// Idle reports that no rule is loaded, so Evaluate would answer nil. A
// caller on a hot path checks it first: building a Request costs an
// allocation even when nothing will read it.
func (e *Engine) Idle() bool { return e.rules.Load() == nil }

// Evaluate runs the request through the rules, counts it for every rule it
// matches, and returns what the rules that fired ask for, or nil when none
// fired. With no rules it costs one atomic load.
//
// Rules are visited in order. For each one whose match block selects the
// request, the matched count goes up; the rule then fires if its when block
// holds, its rate limit (if any) is exceeded and its times are not used up.
// Several firing rules combine so:
//
//   - the first firing rule that decides the answer (error_code,
//     oauth_error, http_status, body, content_type, headers, fault or
//     rate_limit) wins; later answer-deciding rules do not fire for this
//     call, so they keep their times (they still count it as matched);
//   - delays of all fired rules add up;
//   - expire_token and revoke_token accumulate.
func (e *Engine) Evaluate(req Request) *Outcome {
	set := e.rules.Load()
	if set == nil {
		return nil
	}
	var out *Outcome
	answered := false
	for _, r := range set.rules {
		if !r.matches(&req) {
			continue
		}
		n := r.matched.Add(1)
		if !r.due(&req, n, e.seed) {
			continue
		}
		if r.limiter != nil && r.limiter.allow(&req) {
			continue
		}
		if r.answers && answered || !r.reserve() {
			continue
		}
		if out == nil {
			out = &Outcome{}
		}
		r.apply(out, n, e.seed)
		answered = answered || r.answers
	}
	return out
}

func (r *rule) apply(out *Outcome, n int64, seed int64) {
	out.Rules = append(out.Rules, r.label)
	out.Delay += r.delay(n, seed)
	resp := &r.spec.Respond
	out.ExpireToken = out.ExpireToken || resp.ExpireToken
	out.RevokeToken = out.RevokeToken || resp.RevokeToken
	if r.answers {
		out.Error = r.okError
		out.OAuthError = r.oauth
		out.HTTP = r.http
		out.Fault = resp.Fault
	}
}
