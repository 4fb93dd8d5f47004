package scenarios

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Keys each mapping of the format accepts. Anything else is an error, so a
// typo cannot silently turn a condition off.
var (
	documentKeys  = []string{"version", "name", "description", "rules"}
	ruleKeys      = []string{"name", "match", "when", "times", "respond"}
	matchKeys     = []string{"endpoint", "method", "application_key", "access_token", "uid", "params"}
	whenKeys      = []string{"nth", "first", "every", "after", "probability", "from", "until", "from_ms", "until_ms"}
	respondKeys   = []string{"error_code", "error_msg", "error_data", "oauth_error", "http_status", "body", "content_type", "headers", "delay_ms", "fault", "expire_token", "revoke_token", "rate_limit"}
	oauthKeys     = []string{"error", "error_description"}
	delayKeys     = []string{"min", "max"}
	rateLimitKeys = []string{"per", "limit", "window_ms"}
)

// form is the shape a document was written in; it decides how field paths
// of rules are spelled in messages.
type form int

const (
	formDocument form = iota // {version, name, rules: [...]}
	formList                 // [rule, rule]
	formRule                 // a bare rule object
)

// rulePath spells the path of rule i for the given form.
func (f form) rulePath(i int) string {
	switch f {
	case formList:
		return fmt.Sprintf("[%d]", i)
	case formRule:
		return ""
	default:
		return fmt.Sprintf("rules[%d]", i)
	}
}

// decoder turns a yaml.Node tree into a Document, reporting structural
// problems (wrong kinds, unknown keys, bad scalars) with their line and
// remembering the line of every field for later semantic checks.
type decoder struct {
	probs  *problems
	lines  map[string]int
	failed []string // fields with a structural problem
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// deref follows aliases. Cycles and expansion bombs were rejected before
// decoding started (see checkExpansion), so this terminates.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.probs.add(line, path, format, args...)
	d.failed = append(d.failed, path)
}

// related reports whether a semantic problem at field is only a consequence
// of a structural one already reported (at the field, inside it, or around
// it), so that one mistake gives one message.
func (d *decoder) related(field string) bool {
	for _, f := range d.failed {
		if f == field || isWithin(field, f) || isWithin(f, field) {
			return true
		}
	}
	return false
}

// isWithin reports whether field is inside parent ("a.b[0]" is inside "a.b").
func isWithin(field, parent string) bool {
	if parent == "" {
		return true
	}
	return len(field) > len(parent) && strings.HasPrefix(field, parent) &&
		(field[len(parent)] == '.' || field[len(parent)] == '[')
}

// line records where a field is written, keeping the first record: a key's
// line beats the line its block value starts on.
func (d *decoder) line(path string, n *yaml.Node) {
	if _, ok := d.lines[path]; !ok {
		d.lines[path] = n.Line
	}
}

// document decodes the root value in whichever of the three forms it has.
func (d *decoder) document(root *yaml.Node) (*Document, form) {
	doc := &Document{Version: FormatVersion}
	n := deref(root)
	switch {
	case n.Kind == yaml.SequenceNode:
		d.rules(root, "", formList, doc)
		return doc, formList
	case n.Kind == yaml.MappingNode && isDocumentMapping(n):
		d.mapping(root, "", documentKeys, func(key string, v *yaml.Node, path string) {
			switch key {
			case "version":
				if ver, ok := d.integer(v, path); ok {
					doc.Version = int(ver)
				}
			case "name":
				doc.Name, _ = d.str(v, path)
			case "description":
				doc.Description, _ = d.str(v, path)
			case "rules":
				d.rules(v, path, formDocument, doc)
			}
		})
		if _, ok := d.lines["rules"]; !ok {
			d.errorf(root, "rules", "required: a document needs a list of rules")
		}
		return doc, formDocument
	case n.Kind == yaml.MappingNode:
		doc.Rules = []Rule{d.rule(root, "")}
		return doc, formRule
	default:
		d.errorf(root, "", "must be a scenario document (version, name, rules), a rule (match, when, times, respond) or a list of rules")
		return doc, formDocument
	}
}

// isDocumentMapping tells a document from a bare rule: only documents carry
// version, rules or description.
func isDocumentMapping(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch deref(n.Content[i]).Value {
		case "version", "rules", "description":
			return true
		}
	}
	return false
}

func (d *decoder) rules(v *yaml.Node, path string, f form, doc *Document) {
	n := deref(v)
	if n.Kind != yaml.SequenceNode {
		d.errorf(v, path, "must be a list of rules")
		return
	}
	d.line(path, v)
	for i, item := range n.Content {
		doc.Rules = append(doc.Rules, d.rule(item, f.rulePath(i)))
	}
}

func (d *decoder) rule(v *yaml.Node, path string) Rule {
	var r Rule
	d.line(path, v)
	d.mapping(v, path, ruleKeys, func(key string, v *yaml.Node, path string) {
		switch key {
		case "name":
			r.Name, _ = d.str(v, path)
		case "match":
			d.match(v, path, &r.Match)
		case "when":
			d.when(v, path, &r.When)
		case "times":
			r.Times = d.count(v, path)
		case "respond":
			d.respond(v, path, &r.Respond)
		}
	})
	if _, ok := d.lines[join(path, "respond")]; !ok && deref(v).Kind == yaml.MappingNode {
		d.errorf(v, join(path, "respond"), "required: a rule must say what it does")
	}
	return r
}

func (d *decoder) match(v *yaml.Node, path string, m *Match) {
	patterns := map[string]*[]string{"method": &m.Method, "application_key": &m.ApplicationKey, "access_token": &m.AccessToken, "uid": &m.UID}
	d.mapping(v, path, matchKeys, func(key string, v *yaml.Node, path string) {
		switch key {
		case "endpoint":
			for _, s := range d.strList(v, path) {
				m.Endpoints = append(m.Endpoints, Endpoint(s))
			}
		case "params":
			m.Params = map[string][]string{}
			d.mapping(v, path, nil, func(name string, v *yaml.Node, path string) {
				m.Params[name] = d.strList(v, path)
			})
		default:
			*patterns[key] = d.strList(v, path)
		}
	})
}

func (d *decoder) when(v *yaml.Node, path string, w *When) {
	counts := map[string]*int64{"nth": &w.Nth, "first": &w.First, "every": &w.Every}
	d.mapping(v, path, whenKeys, func(key string, v *yaml.Node, path string) {
		if c, ok := counts[key]; ok {
			*c = d.count(v, path)
			return
		}
		switch key {
		case "after":
			w.After, _ = d.integer(v, path)
		case "probability":
			if p, ok := d.number(v, path); ok {
				if p == 0 {
					d.errorf(v, path, "must be > 0 and <= 1 (remove the rule to disable it)")
				}
				w.Probability = p
			}
		case "from":
			w.From = d.timestamp(v, path)
		case "until":
			w.Until = d.timestamp(v, path)
		case "from_ms":
			if ms, ok := d.integer(v, path); ok {
				w.FromOffset = millis(ms)
			}
		case "until_ms":
			w.UntilOffset = millis(d.count(v, path))
		}
	})
}

func (d *decoder) respond(v *yaml.Node, path string, r *Respond) {
	d.mapping(v, path, respondKeys, func(key string, v *yaml.Node, path string) {
		switch key {
		case "error_code":
			r.ErrorCode = int(d.count(v, path))
		case "error_msg":
			r.ErrorMsg, _ = d.str(v, path)
		case "error_data":
			r.ErrorData = d.json(v, path)
		case "oauth_error":
			r.OAuthError = &OAuthError{}
			d.mapping(v, path, oauthKeys, func(key string, v *yaml.Node, path string) {
				if key == "error" {
					r.OAuthError.Error, _ = d.str(v, path)
				} else {
					r.OAuthError.Description, _ = d.str(v, path)
				}
			})
		case "http_status":
			r.HTTPStatus = int(d.count(v, path))
		case "body":
			r.Body = d.body(v, path)
		case "content_type":
			r.ContentType, _ = d.str(v, path)
		case "headers":
			r.Headers = map[string]string{}
			d.mapping(v, path, nil, func(name string, v *yaml.Node, path string) {
				r.Headers[name], _ = d.str(v, path)
			})
		case "delay_ms":
			d.delay(v, path, &r.Delay)
		case "fault":
			s, _ := d.str(v, path)
			r.Fault = Fault(s)
		case "expire_token":
			r.ExpireToken = d.boolean(v, path)
		case "revoke_token":
			r.RevokeToken = d.boolean(v, path)
		case "rate_limit":
			r.RateLimit = &RateLimit{Per: PerApplication}
			d.mapping(v, path, rateLimitKeys, func(key string, v *yaml.Node, path string) {
				switch key {
				case "per":
					s, _ := d.str(v, path)
					r.RateLimit.Per = RateLimitKey(s)
				case "limit":
					r.RateLimit.Limit = int(d.count(v, path))
				case "window_ms":
					r.RateLimit.Window = millis(d.count(v, path))
				}
			})
		}
	})
}

// delay reads delay_ms: a number of milliseconds or {min, max}.
func (d *decoder) delay(v *yaml.Node, path string, out *Delay) {
	if deref(v).Kind != yaml.MappingNode {
		if ms, ok := d.integer(v, path); ok {
			out.Min, out.Max = millis(ms), millis(ms)
		}
		return
	}
	d.mapping(v, path, delayKeys, func(key string, v *yaml.Node, path string) {
		ms, ok := d.integer(v, path)
		if !ok {
			return
		}
		if key == "min" {
			out.Min = millis(ms)
		} else {
			out.Max = millis(ms)
		}
	})
	if _, ok := d.lines[join(path, "max")]; !ok {
		d.errorf(v, join(path, "max"), "required in a delay range")
	}
}

// millis converts milliseconds to a Duration, saturating instead of
// overflowing so that absurd values are reported by the range checks.
func millis(ms int64) time.Duration {
	const limit = int64(1<<63-1) / int64(time.Millisecond)
	switch {
	case ms > limit:
		return time.Duration(1<<63 - 1)
	case ms < -limit:
		return time.Duration(-1 << 63)
	}
	return time.Duration(ms) * time.Millisecond
}

// mapping walks the pairs of a mapping, reporting anything that is not a
// mapping, non-scalar, duplicate or unknown keys (keys == nil accepts any
// name, for user-named entries such as params and headers).
func (d *decoder) mapping(v *yaml.Node, path string, keys []string, each func(key string, v *yaml.Node, path string)) {
	n := deref(v)
	if n.Kind != yaml.MappingNode {
		d.errorf(v, path, "must be a mapping, not %s", kindName(n))
		return
	}
	d.line(path, v)
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		k := deref(kn)
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!null" {
			d.errorf(kn, path, "keys must be plain names, not %s", kindName(k))
			continue
		}
		key := k.Value
		field := join(path, key)
		switch {
		case key == "<<" && k.ShortTag() == "!!merge":
			d.errorf(kn, path, "merge keys (<<) are not supported; repeat the keys instead")
			continue
		case seen[key]:
			d.errorf(kn, field, "duplicate key")
			continue
		case keys != nil && !contains(keys, key):
			d.errorf(kn, field, "unknown key%s (known: %s)", suggest(key, keys), strings.Join(keys, ", "))
			continue
		}
		seen[key] = true
		d.lines[field] = kn.Line
		each(key, vn, field)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest names the known key closest to a misspelt one.
func suggest(key string, keys []string) string {
	best, bestDist := "", len(key)/3+1
	for _, k := range keys {
		if dist := editDistance(strings.ToLower(key), k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance, bounded to short keys (longer
// inputs are never close to a known key anyway).
func editDistance(a, b string) int {
	if len(a) > 64 {
		return len(a)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "null"
		}
		return fmt.Sprintf("%q", n.Value)
	default:
		return "nothing"
	}
}

// sortedKeys returns a map's keys in order, so that compiled rules and
// summaries do not depend on map iteration order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
