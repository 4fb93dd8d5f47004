package openapi

import (
	"strings"
	"unicode/utf8"
)

// Problem is why a call's parameters are refused: the server answers
// Code with Message after the code's name ("PARAM : " + Message).
type Problem struct {
	// Param is the parameter at fault.
	Param string
	// Missing says the parameter was absent or empty.
	Missing bool
	// Code is the OK error code: 100 for a missing parameter, the
	// parameter's InvalidCode for a malformed one.
	Code int
	// Message is OK's text without the name prefix, e.g.
	// "Missing required parameter fields" or "Invalid UID value BlaBlaBla".
	Message string
}

// maxEcho bounds how much of a bad value a message repeats.
const maxEcho = 100

// Validate checks the method's parameters in document order: required ones
// must be present and non-empty, present ones must match their schema (for
// lists, every non-empty item). lookup returns a parameter's value and
// whether it was sent. It returns the first problem, or nil; it does not
// allocate when the call is valid.
func (m *Method) Validate(lookup func(name string) (string, bool)) *Problem {
	for i := range m.Params {
		p := &m.Params[i]
		v, sent := lookup(p.Name)
		if !sent || v == "" {
			if p.Required {
				return &Problem{Param: p.Name, Missing: true, Code: 100, Message: p.missing}
			}
			continue
		}
		if !p.list {
			if !p.check.ok(v) {
				return p.invalidValue(v)
			}
			continue
		}
		items := 0
		for rest := v; ; {
			item, tail, more := strings.Cut(rest, ",")
			if item = strings.TrimSpace(item); item != "" {
				if !p.check.ok(item) {
					return p.invalidValue(item)
				}
				items++
			}
			if !more {
				break
			}
			rest = tail
		}
		switch {
		case items == 0 && p.Required:
			return &Problem{Param: p.Name, Missing: true, Code: 100, Message: p.missing}
		case p.maxItems > 0 && items > p.maxItems:
			return &Problem{Param: p.Name, Code: p.InvalidCode, Message: p.tooMany}
		}
	}
	return nil
}

func (p *Param) invalidValue(v string) *Problem {
	if len(v) > maxEcho {
		cut := maxEcho
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		v = v[:cut]
	}
	return &Problem{Param: p.Name, Code: p.InvalidCode, Message: strings.ReplaceAll(p.invalid, "{value}", v)}
}
