package mock

import (
	"net/url"
	"strings"
)

// Param is one request parameter as received, already percent-decoded.
type Param struct {
	Key   string
	Value string
}

// Params are the parameters of one request, in arrival order: the query
// string first, then the form or multipart body.
//
// A repeated key keeps its FIRST value, for lookup and for signing alike:
// that is what a Java servlet's getParameter (OK's stack) returns, and the
// signing string must never contain a key twice or clients could not
// reproduce it. Later duplicates are kept in Dropped for the journal.
type Params struct {
	list    []Param
	Dropped []Param
}

// parseParamString splits an application/x-www-form-urlencoded string into
// params and appends them to p.
//
// Unlike url.ParseQuery it is lenient the way OK's clients need it to be:
// empty segments (a trailing '&') are skipped, ';' is an ordinary character
// (scopes are ';'-joined), and a value whose percent-encoding is invalid is
// kept raw instead of dropping the key, because one real client sends
// values unencoded.
func (p *Params) parseParamString(s string) {
	for s != "" {
		var seg string
		seg, s, _ = strings.Cut(s, "&")
		if seg == "" {
			continue
		}
		k, v, _ := strings.Cut(seg, "=")
		p.Add(decodeComponent(k), decodeComponent(v))
	}
}

func decodeComponent(s string) string {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s
	}
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// Add appends a parameter unless the key is already present (first wins).
// An empty key is ignored.
func (p *Params) Add(key, value string) {
	if key == "" {
		return
	}
	if _, dup := p.Get(key); dup {
		p.Dropped = append(p.Dropped, Param{key, value})
		return
	}
	p.list = append(p.list, Param{key, value})
}

// Get returns the value of key and whether it was sent at all. Parameter
// names are case-sensitive, as on OK.
func (p *Params) Get(key string) (string, bool) {
	for i := range p.list {
		if p.list[i].Key == key {
			return p.list[i].Value, true
		}
	}
	return "", false
}

// Value returns the value of key, or "" when it was not sent.
func (p *Params) Value(key string) string {
	v, _ := p.Get(key)
	return v
}

// Len is the number of distinct parameters.
func (p *Params) Len() int { return len(p.list) }

// All returns the parameters in arrival order. The slice must not be changed.
func (p *Params) All() []Param { return p.list }

// Lookup adapts Params to the func(name) (value, ok) shape used by the
// catalogue's validators and the scenario engine.
func (p *Params) Lookup(name string) (string, bool) { return p.Get(name) }
