package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Request is what the engine needs to know about one incoming call.
type Request struct {
	// Endpoint the call arrived on; empty means EndpointAPI.
	Endpoint Endpoint
	// Method is the OK method name on the API endpoint. Elsewhere the server
	// may leave it empty (rules can match params such as grant_type instead).
	Method string
	// ApplicationKey, UID and AccessToken identify the caller; empty when the
	// call carries none.
	ApplicationKey, UID, AccessToken string
	// Param looks up a request parameter; nil means the call has none.
	Param func(name string) (string, bool)
	// Time is the server clock's time of the call. Time windows and rate
	// limits use it, never the wall clock.
	Time time.Time
}

// Engine holds the active rules and decides, for each request, which of
// them fire. It is safe for concurrent use. Rules are evaluated in the order
// they were added; see Evaluate for how several firing rules combine.
type Engine struct {
	seed  int64
	rules atomic.Pointer[ruleSet] // nil when there are no rules

	mu     sync.Mutex // serializes writers; readers only load rules
	serial uint64
	clock  func() time.Time
}

// ruleSet is an immutable snapshot: writers copy it, so Evaluate reads it
// without locking.
type ruleSet struct {
	rules []*rule
}

// NewEngine returns an empty engine. seed makes probabilities and delay
// ranges reproducible: the same seed, rules and call sequence give the same
// decisions.
func NewEngine(seed int64) *Engine { return &Engine{seed: seed} }

// SetClock gives the engine the server's clock. It is read when a rule is
// added (or replaced), as the start of the rule's from_ms/until_ms window.
// Without a clock that start is the Time of the first request the rule
// matches.
func (e *Engine) SetClock(now func() time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.clock = now
}

// ErrNoSuchRule is returned by Replace for an unknown rule id.
var ErrNoSuchRule = errors.New("scenarios: no rule with this id")

// Add validates doc and appends its rules, returning what was added (with
// the ids the engine assigned, "r1", "r2", ..., never reused).
func (e *Engine) Add(doc *Document) ([]RuleInfo, error) {
	if doc == nil {
		return nil, errors.New("scenarios: Add needs a document")
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	added := make([]*rule, 0, len(doc.Rules))
	for i := range doc.Rules {
		e.serial++
		added = append(added, e.compile(doc, &doc.Rules[i], "r"+strconv.FormatUint(e.serial, 10), e.serial))
	}
	var list []*rule
	if cur := e.rules.Load(); cur != nil {
		list = append(list, cur.rules...)
	}
	e.store(append(list, added...))
	return infos(added), nil
}

// Replace swaps the rule with the given id for the single rule of doc. The
// new rule keeps the id and the position, and starts afresh: its counters,
// rate-limit windows and relative time window restart.
func (e *Engine) Replace(id string, doc *Document) (RuleInfo, error) {
	if doc == nil || len(doc.Rules) != 1 {
		return RuleInfo{}, errors.New("scenarios: Replace needs a document with exactly one rule")
	}
	if err := doc.Validate(); err != nil {
		return RuleInfo{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	cur := e.rules.Load()
	if cur != nil {
		for i, old := range cur.rules {
			if old.id == id {
				list := append([]*rule(nil), cur.rules...)
				list[i] = e.compile(doc, &doc.Rules[0], id, old.serial)
				e.store(list)
				return list[i].info(), nil
			}
		}
	}
	return RuleInfo{}, fmt.Errorf("%w: %q", ErrNoSuchRule, id)
}

// Remove deletes the rule with the given id and reports whether it existed.
func (e *Engine) Remove(id string) bool {
	return e.removeWhere(func(r *rule) bool { return r.id == id }) > 0
}

// RemoveDocument deletes every rule that came from the document with the
// given name and returns how many there were.
func (e *Engine) RemoveDocument(name string) int {
	return e.removeWhere(func(r *rule) bool { return r.document == name })
}

func (e *Engine) removeWhere(drop func(*rule) bool) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	cur := e.rules.Load()
	if cur == nil {
		return 0
	}
	var keep []*rule
	for _, r := range cur.rules {
		if !drop(r) {
			keep = append(keep, r)
		}
	}
	e.store(keep)
	return len(cur.rules) - len(keep)
}

// Clear deletes every rule.
func (e *Engine) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rules.Store(nil)
}

// List describes the active rules in evaluation order, with their counters.
func (e *Engine) List() []RuleInfo {
	cur := e.rules.Load()
	if cur == nil {
		return nil
	}
	return infos(cur.rules)
}

// Rule describes one active rule.
func (e *Engine) Rule(id string) (RuleInfo, bool) {
	if cur := e.rules.Load(); cur != nil {
		for _, r := range cur.rules {
			if r.id == id {
				return r.info(), true
			}
		}
	}
	return RuleInfo{}, false
}

// store publishes a new snapshot; an empty one is stored as nil so that
// Evaluate's fast path is a single atomic load and nil check.
func (e *Engine) store(list []*rule) {
	if len(list) == 0 {
		e.rules.Store(nil)
		return
	}
	e.rules.Store(&ruleSet{rules: list})
}

func infos(rules []*rule) []RuleInfo {
	out := make([]RuleInfo, len(rules))
	for i, r := range rules {
		out[i] = r.info()
	}
	return out
}
