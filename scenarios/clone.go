package scenarios

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Clone returns a deep copy of the document, safe to modify.
func (d *Document) Clone() *Document {
	c := *d
	c.Rules = make([]Rule, len(d.Rules))
	for i := range d.Rules {
		c.Rules[i] = cloneRule(d.Rules[i])
	}
	return &c
}

// Scoped returns a copy of the document whose rules only match calls of
// the given application (match.application_key is replaced). Library
// scenarios match every application; scoping one lets a test break a
// single application without trapping others sharing the server. The copy
// is named "<name>@<applicationKey>" (characters a name cannot hold become
// '_') so that it can be told apart and removed with Engine.RemoveDocument.
func (d *Document) Scoped(applicationKey string) *Document {
	c := d.Clone()
	if c.Name != "" {
		c.Name = truncateName(c.Name + "@" + nameSafe(applicationKey))
	}
	for i := range c.Rules {
		c.Rules[i].Match.ApplicationKey = []string{escapeGlob(applicationKey)}
	}
	return c
}

// nameSafe replaces what a document name cannot hold.
func nameSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '.' || r == '_' || r == '@' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '_'
	}, s)
}

func truncateName(s string) string {
	if len(s) > maxNameLength {
		return s[:maxNameLength]
	}
	return s
}

// escapeGlob quotes the glob metacharacters of a literal value.
func escapeGlob(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func cloneRule(r Rule) Rule {
	m := &r.Match
	m.Endpoints = slices.Clone(m.Endpoints)
	m.Method = slices.Clone(m.Method)
	m.ApplicationKey = slices.Clone(m.ApplicationKey)
	m.AccessToken = slices.Clone(m.AccessToken)
	m.UID = slices.Clone(m.UID)
	if m.Params != nil {
		params := make(map[string][]string, len(m.Params))
		for k, v := range m.Params {
			params[k] = slices.Clone(v)
		}
		m.Params = params
	}
	resp := &r.Respond
	resp.ErrorData = json.RawMessage(slices.Clone([]byte(resp.ErrorData)))
	if resp.OAuthError != nil {
		o := *resp.OAuthError
		resp.OAuthError = &o
	}
	if resp.Body != nil {
		b := *resp.Body
		resp.Body = &b
	}
	resp.Headers = maps.Clone(resp.Headers)
	if resp.RateLimit != nil {
		rl := *resp.RateLimit
		resp.RateLimit = &rl
	}
	return r
}
