package openapi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Session says whether a method takes a user session (x-ok-session).
type Session string

// The session rules of ok-methods.tsv.
const (
	// SessionRequired: a user session (access_token or session_key) is required.
	SessionRequired Session = "oauth,web"
	// SessionOptional: a session is optional; without one the call is signed
	// with the application secret.
	SessionOptional Session = "oauth,web,no_session"
	// SessionProhibited: a session is forbidden (error 451 with one); the
	// call is signed with the application secret.
	SessionProhibited Session = "server_only"
)

// The x-ok-* extensions the catalogue reads.
const (
	extMethod           = "x-ok-method"
	extSession          = "x-ok-session"
	extPermissions      = "x-ok-permissions"
	extFieldPermissions = "x-ok-field-permissions"
	extUnsigned         = "x-ok-unsigned"
	extWrites           = "x-ok-writes"
	extResponseSource   = "x-ok-response-source"
	extInvalidCode      = "x-ok-invalid-code"
	extInvalidMessage   = "x-ok-invalid-message"
)

// responseSources are the allowed values of x-ok-response-source.
var responseSources = map[string]bool{"P": true, "P-SDK": true, "T": true, "T-cap": true, "inferred": true}

// commonParams are the parameters of every call, which the server checks
// itself; they are not part of a method's own Params.
var commonParams = map[string]bool{
	"application_key": true, "method": true, "sig": true, "access_token": true,
	"session_key": true, "format": true, "call_id": true, "__online": true,
}

// Method is one OK REST method as the document describes it.
type Method struct {
	// Name is the method as OK spells it: "users.getInfo".
	Name string
	// Group and Short are the two halves of Name: "users", "getInfo".
	Group, Short string
	// Path is the method's literal path: "/api/users/getInfo".
	Path string
	// Session is the method's session rule.
	Session Session
	// Permissions are the scopes a session must hold (possibly none).
	Permissions []string
	// FieldPermissions maps a result field to the scope it needs; without
	// the scope the field is left out.
	FieldPermissions map[string]string
	// Unsigned methods are answered whether signed or not.
	Unsigned bool
	// Writes says the method changes state.
	Writes bool
	// ResponseSource says where the result shape comes from: P, P-SDK, T,
	// T-cap or inferred.
	ResponseSource string
	// Params are the method's own parameters in document order (the common
	// ones, application_key, sig and the like, are left out).
	Params []Param
	// The method keeps nothing of the document (see Catalogue); package
	// openapi/document finds its result schema (document.ResponseSchema).
}

func newMethod(path string, item *pathNode, tree *docTree) (*Method, error) {
	fail := func(format string, args ...any) (*Method, error) {
		return nil, fmt.Errorf("openapi: %s: %s", path, fmt.Sprintf(format, args...))
	}
	name, ok := item.Method.(string)
	group, short, found := strings.Cut(name, ".")
	if !ok || !found || group == "" || short == "" || strings.Contains(short, ".") {
		return fail("%s must be group.method, not %v", extMethod, item.Method)
	}
	if want := "/api/" + group + "/" + short; path != want {
		return fail("the path of %s must be %s", name, want)
	}
	m := &Method{Name: name, Group: group, Short: short, Path: path}

	session, _ := item.Session.(string)
	switch Session(session) {
	case SessionRequired, SessionOptional, SessionProhibited:
		m.Session = Session(session)
	default:
		return fail("%s %q is not one of %q, %q, %q", extSession, session, SessionRequired, SessionOptional, SessionProhibited)
	}
	perms, ok := stringList(item.Permissions)
	if !ok {
		return fail("%s must be a list of scope names", extPermissions)
	}
	m.Permissions = perms
	if len(item.FieldPermissions) > 0 {
		var fields map[string]any
		if err := json.Unmarshal(item.FieldPermissions, &fields); err != nil || fields == nil {
			return fail("%s must map fields to scopes", extFieldPermissions)
		}
		m.FieldPermissions = make(map[string]string, len(fields))
		for field, scope := range fields {
			s, ok := scope.(string)
			if !ok || s == "" {
				return fail("%s of %s must be a scope name", extFieldPermissions, field)
			}
			m.FieldPermissions[field] = s
		}
	}
	if m.Unsigned, ok = optionalBool(item.Unsigned); !ok {
		return fail("%s must be a boolean", extUnsigned)
	}
	if m.Writes, ok = optionalBool(item.Writes); !ok {
		return fail("%s must be a boolean", extWrites)
	}
	m.ResponseSource, _ = item.ResponseSource.(string)
	if !responseSources[m.ResponseSource] {
		return fail("%s %q is not one of P, P-SDK, T, T-cap, inferred", extResponseSource, m.ResponseSource)
	}

	if item.Get == nil || item.Post == nil {
		return fail("every method answers both GET and POST")
	}
	// Checked here so that a document whose results cannot be found is
	// refused at load, not when a test asks for one.
	if err := tree.checkResult(item.Get); err != nil {
		return fail("%v", err)
	}

	params, err := methodParams(item, tree)
	if err != nil {
		return fail("%v", err)
	}
	m.Params = params
	return m, nil
}

// methodParams compiles the method's own parameters: the path item's, with
// the GET operation's overriding them by name.
func methodParams(item *pathNode, tree *docTree) ([]Param, error) {
	var own []*paramNode
	for _, list := range [][]*paramNode{item.Parameters, item.Get.Parameters} {
		for _, ref := range list {
			p, err := tree.param(ref)
			if err != nil {
				return nil, err
			}
			if p == nil {
				return nil, fmt.Errorf("a parameter is null")
			}
			if !commonParams[p.Name] {
				own = append(own, p)
			}
		}
	}
	// Sized up front: a Param carries its compiled check, and growing
	// the list by appending left ~150 KB of garbage at every start (the
	// catalogue keeps ~250 KB).
	out := make([]Param, 0, len(own))
	index := make(map[string]int, len(own))
	for _, p := range own {
		param, err := compileParam(p, tree)
		if err != nil {
			return nil, err
		}
		if i, seen := index[p.Name]; seen {
			out[i] = param
			continue
		}
		index[p.Name] = len(out)
		out = append(out, param)
	}
	return out, nil
}

// checkResult makes sure a 200 answer has a result schema: the branch of
// its anyOf/oneOf that is not the shared error object, or the whole
// schema. package openapi/document finds the same schema in kin-openapi's
// model (document.ResponseSchema).
func (t *docTree) checkResult(op *opNode) error {
	resp, err := t.response(op.Responses["200"])
	if err != nil {
		return err
	}
	if resp == nil {
		return fmt.Errorf("no 200 response")
	}
	media, ok := resp.Content["application/json"]
	if !ok || media.Schema == nil {
		return fmt.Errorf("the 200 response has no application/json schema")
	}
	s, err := t.schema(media.Schema)
	if err != nil {
		return err
	}
	if s == nil {
		return fmt.Errorf("the 200 response has no application/json schema")
	}
	for _, branches := range [][]*schemaNode{s.AnyOf, s.OneOf} {
		for _, b := range branches {
			if b == nil {
				return fmt.Errorf("a null branch in the result schema")
			}
			if _, err := t.schema(b); err != nil {
				return err
			}
		}
	}
	return nil
}

func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok || s == "" {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func optionalBool(v any) (bool, bool) {
	if v == nil {
		return false, true
	}
	b, ok := v.(bool)
	return b, ok
}
