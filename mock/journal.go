package mock

import (
	"strings"
	"sync"
	"time"
)

// Endpoint kinds recorded in the journal and matched by scenarios.
const (
	EndpointAPI       = "api"
	EndpointToken     = "token"
	EndpointAuthorize = "authorize"
	EndpointUpload    = "upload"
)

// SecretsSeen flags which kinds of secret a request carried anywhere (a
// parameter, the query, a header or the body). Only the kind is recorded,
// never the value, so that a client leaking its secret can be caught.
type SecretsSeen struct {
	ApplicationSecret bool `json:"application_secret"`
	SessionSecret     bool `json:"session_secret"`
}

// Any reports whether any secret was seen.
func (s SecretsSeen) Any() bool { return s.ApplicationSecret || s.SessionSecret }

// JournalEntry is what okmock recorded about one request it answered.
type JournalEntry struct {
	ID             uint64            `json:"id"`
	Time           time.Time         `json:"time"`
	Endpoint       string            `json:"endpoint"`
	HTTPMethod     string            `json:"http_method"`
	Path           string            `json:"path"`
	Method         string            `json:"method,omitempty"`
	ApplicationKey string            `json:"application_key,omitempty"`
	UID            string            `json:"uid,omitempty"`
	Token          string            `json:"access_token,omitempty"`
	Params         map[string]string `json:"params"`
	// Duplicates are the values of repeated keys that were ignored.
	Duplicates []Param `json:"duplicate_params,omitempty"`
	// Scheme is the signature scheme that verified the call.
	Scheme Scheme `json:"signature_scheme,omitempty"`
	// SignatureError says which schemes were tried and why they failed.
	SignatureError string      `json:"signature_error,omitempty"`
	ErrorCode      int         `json:"error_code,omitempty"`
	ErrorMsg       string      `json:"error_msg,omitempty"`
	OAuthError     string      `json:"oauth_error,omitempty"`
	HTTPStatus     int         `json:"http_status"`
	LatencyMicros  int64       `json:"latency_us"`
	Secrets        SecretsSeen `json:"secrets_seen"`
	// ScenarioRules names the scenario rules that changed this request.
	ScenarioRules []string `json:"scenario_rules,omitempty"`
	// Fault is the transport fault a scenario injected, if any.
	Fault      string `json:"fault,omitempty"`
	RemoteAddr string `json:"remote_addr,omitempty"`

	// masked are the masked parameters of an API call, turned into Params
	// only when the entry is read: most entries are never read, and a map
	// per request was a measurable part of a round trip.
	masked packedParams
}

// paramIs reports whether the parameter key was journaled with value.
func (e *JournalEntry) paramIs(key, value string) bool {
	if e.Params != nil {
		v, ok := e.Params[key]
		return ok && v == value
	}
	return e.masked.has(key, value)
}

// materialized is the entry as readers see it: Params filled in.
func (e JournalEntry) materialized() JournalEntry {
	if e.Params == nil {
		e.Params = make(map[string]string, e.masked.len())
		e.masked.each(func(k, v []byte) bool {
			e.Params[string(k)] = string(v)
			return true
		})
	}
	e.masked = nil
	return e
}

// Outcome is "ok" or "error" for filtering.
func (e *JournalEntry) Outcome() string {
	if e.ErrorCode != 0 || e.OAuthError != "" || e.HTTPStatus >= 400 || e.Fault != "" {
		return "error"
	}
	return "ok"
}

// journal is a bounded ring of entries: memory stays flat however long
// okmock runs.
type journal struct {
	mu      sync.Mutex
	ring    []JournalEntry
	next    int // index of the slot the next entry goes to
	full    bool
	lastID  uint64
	enabled bool
}

func newJournal(size int) *journal {
	if size <= 0 {
		return &journal{}
	}
	return &journal{ring: make([]JournalEntry, size), enabled: true}
}

// add stores e, assigning its id.
func (j *journal) add(e *JournalEntry) {
	if !j.enabled {
		return
	}
	j.mu.Lock()
	j.lastID++
	e.ID = j.lastID
	// The slot keeps the bytes its last entry packed its parameters in:
	// the caller's are scratch, and an allocation per call was most of
	// what the journal cost the collector.
	slot := &j.ring[j.next]
	buf := keptBuf(slot.masked)
	*slot = *e
	if e.masked != nil {
		slot.masked = append(buf, e.masked...)
	}
	j.next++
	if j.next == len(j.ring) {
		j.next, j.full = 0, true
	}
	j.mu.Unlock()
}

// clear forgets every entry (ids keep growing, so "since" filters stay
// meaningful across a clear).
func (j *journal) clear() {
	j.mu.Lock()
	clear(j.ring)
	j.next, j.full = 0, false
	j.mu.Unlock()
}

// JournalFilter selects entries; zero fields match everything.
type JournalFilter struct {
	Method         string
	ApplicationKey string
	Endpoint       string
	Token          string
	// SinceID keeps entries with a larger id.
	SinceID uint64
	// Since keeps entries at or after this time.
	Since time.Time
	// Scenario keeps entries changed by a rule whose id or name contains it
	// ("*" keeps all entries changed by any rule).
	Scenario string
	// Outcome is "ok" or "error".
	Outcome string
	// ErrorCode keeps entries with this error code.
	ErrorCode int
	// Params keeps entries whose parameters have these exact values.
	Params map[string]string
	// Limit caps the number of entries returned (the newest are kept).
	Limit int
}

func (f *JournalFilter) match(e *JournalEntry) bool {
	switch {
	case f.Method != "" && !strings.EqualFold(f.Method, e.Method):
		return false
	case f.ApplicationKey != "" && f.ApplicationKey != e.ApplicationKey:
		return false
	case f.Endpoint != "" && f.Endpoint != e.Endpoint:
		return false
	case f.Token != "" && f.Token != e.Token && maskToken(f.Token) != e.Token:
		return false
	case e.ID <= f.SinceID:
		return false
	case !f.Since.IsZero() && e.Time.Before(f.Since):
		return false
	case f.Outcome != "" && f.Outcome != e.Outcome():
		return false
	case f.ErrorCode != 0 && f.ErrorCode != e.ErrorCode:
		return false
	}
	if f.Scenario != "" {
		if len(e.ScenarioRules) == 0 {
			return false
		}
		if f.Scenario != "*" && !containsSubstring(e.ScenarioRules, f.Scenario) {
			return false
		}
	}
	for k, v := range f.Params {
		if !e.paramIs(k, v) {
			return false
		}
	}
	return true
}

func containsSubstring(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// count is the number of matching entries (at most Limit when set).
func (j *journal) count(f JournalFilter) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	j.each(func(e *JournalEntry) {
		if f.match(e) {
			n++
		}
	})
	if f.Limit > 0 {
		n = min(n, f.Limit)
	}
	return n
}

// each calls fn on every entry, oldest first; j.mu must be held.
func (j *journal) each(fn func(*JournalEntry)) {
	n, start := j.next, 0
	if j.full {
		n, start = len(j.ring), j.next
	}
	for i := 0; i < n; i++ {
		fn(&j.ring[(start+i)%len(j.ring)])
	}
}

// list returns copies of the matching entries, oldest first.
func (j *journal) list(f JournalFilter) []JournalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := []JournalEntry{}
	j.each(func(e *JournalEntry) {
		if f.match(e) {
			out = append(out, *e)
		}
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[len(out)-f.Limit:]
	}
	for i := range out {
		out[i] = out[i].materialized()
	}
	return out
}

// maskedParamNames are never journaled in clear, whatever their value.
var maskedParamNames = map[string]bool{
	"application_secret_key": true,
	"session_secret_key":     true,
	"client_secret":          true,
	"access_token":           true,
	"session_key":            true,
	"refresh_token":          true,
	"code":                   true,
	"password":               true,
	"okmock_password":        true,
}

// maskToken keeps enough of a token to tell tokens apart in the journal
// without making it usable.
func maskToken(tok string) string {
	if tok == "" {
		return ""
	}
	if len(tok) <= 12 {
		return "***"
	}
	return tok[:6] + "…" + tok[len(tok)-4:]
}

// secretScan finds secrets in a request's text. It is built per request
// from the secrets that request could know.
type secretScan struct {
	appSecrets     []string
	sessionSecrets []string
	seen           SecretsSeen
	// paramsClean says the parameters were scanned and hold no secret,
	// so maskedValue copies their values instead of searching them again.
	paramsClean bool
	// token and masked remember the last token masked: a call's token is
	// journaled twice (the entry's Token, its access_token parameter).
	token, masked string
}

// maskToken is maskToken(tok), computed once per token.
func (sc *secretScan) maskToken(tok string) string {
	if tok != sc.token || sc.masked == "" {
		sc.token, sc.masked = tok, maskToken(tok)
	}
	return sc.masked
}

// scan flags the kinds of secret contained in s.
func (sc *secretScan) scan(s string) {
	if s == "" {
		return
	}
	for _, sec := range sc.appSecrets {
		if sec != "" && strings.Contains(s, sec) {
			sc.seen.ApplicationSecret = true
		}
	}
	for _, sec := range sc.sessionSecrets {
		if sec != "" && strings.Contains(s, sec) {
			sc.seen.SessionSecret = true
		}
	}
}

// mask replaces any known secret inside s with a placeholder.
func (sc *secretScan) mask(s string) string {
	for _, sec := range sc.appSecrets {
		if sec != "" && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "***APPLICATION_SECRET***")
		}
	}
	for _, sec := range sc.sessionSecrets {
		if sec != "" && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, "***SESSION_SECRET***")
		}
	}
	return s
}

// maskedValue is p's value as the journal shows it: tokens masked as
// tokens, secrets by name and by value.
func (sc *secretScan) maskedValue(p Param) string {
	switch {
	case p.Key == "access_token" || p.Key == "session_key" || p.Key == "refresh_token":
		return sc.maskToken(p.Value)
	case maskedParamNames[p.Key]:
		return "***"
	case sc.paramsClean:
		return p.Value
	default:
		return sc.mask(p.Value)
	}
}
