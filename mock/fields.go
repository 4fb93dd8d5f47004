package mock

import "strings"

// fieldSet is a parsed `fields` parameter: lowercase names. OK treats field
// names case-insensitively (clients send both UID and uid).
type fieldSet map[string]bool

// parseFields splits a comma-separated fields parameter. Unknown names are
// kept and later ignored; "*" is an unknown name too (no capture shows it
// meaning "all").
func parseFields(s string) fieldSet {
	f := fieldSet{}
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "" {
			f[name] = true
		}
	}
	return f
}

// idList splits a comma-separated id list, trimming blanks and dropping
// empty items; order is kept and duplicates removed.
func idList(s string) []string {
	var out []string
	seen := map[string]bool{}
	for s != "" {
		var id string
		id, s, _ = strings.Cut(s, ",")
		if id = strings.TrimSpace(id); id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// fieldAllowed applies the catalogue's field permissions (email needs
// GET_EMAIL): such a field is left out, not an error, as OK does.
func (c *apiCall) fieldAllowed(field string) bool {
	scope, ok := c.method.FieldPermissions[field]
	if !ok {
		return true
	}
	if c.session != nil {
		return c.session.HasScope(scope)
	}
	return c.app.mayRequest(scope)
}

// renderMany answers the *.getInfo shape: a bare array of the known
// objects among the comma-separated `uids` (unknown ids are left out, not
// an error), each with the requested `fields`.
func renderMany[T any](c *apiCall, get func(string) (T, bool), render func(T, fieldSet) object) (any, *Error) {
	ids := idList(c.params.Value("uids"))
	if len(ids) > maxInfoUIDs {
		return nil, errParam("Too many uids, at most %d allowed", maxInfoUIDs)
	}
	fields := parseFields(c.params.Value("fields"))
	out := make([]object, 0, len(ids))
	for _, id := range ids {
		if v, ok := get(id); ok {
			out = append(out, render(v, fields))
		}
	}
	return out, nil
}
