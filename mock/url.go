package mock

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

var urlHandlers = map[string]methodHandler{
	"url.getInfo": urlGetInfo,
}

// okHosts are the names OK's web pages live under.
var okHosts = []string{"ok.ru", "odnoklassniki.ru"}

// okObject is what an ok.ru link points to.
type okObject struct {
	Type string // USER, GROUP or APP
	ID   string
}

// resolveOKURL finds the user, group or application an ok.ru link names:
// /profile/<uid>, /group/<gid>, /group<gid>, /game/<id or shortname>,
// /app/<id>, or /<shortname> of a group.
func (c *apiCall) resolveOKURL(raw string) (okObject, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return okObject{}, false
	}
	host := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), "m.")
	if !slices.Contains(okHosts, host) {
		return okObject{}, false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "profile" && c.world.HasUser(parts[1]):
		return okObject{"USER", parts[1]}, true
	case len(parts) == 2 && parts[0] == "group":
		return c.groupObject(parts[1])
	case len(parts) == 1 && strings.HasPrefix(parts[0], "group"):
		if o, ok := c.groupObject(strings.TrimPrefix(parts[0], "group")); ok {
			return o, true
		}
	case len(parts) == 2 && (parts[0] == "game" || parts[0] == "app"):
		return c.appObject(parts[1])
	}
	if len(parts) == 1 && parts[0] != "" {
		for _, gid := range c.world.GroupIDs() {
			if g, _ := c.world.Group(gid); strings.EqualFold(g.Shortname, parts[0]) {
				return okObject{"GROUP", gid}, true
			}
		}
	}
	return okObject{}, false
}

func (c *apiCall) groupObject(gid string) (okObject, bool) {
	if _, ok := c.world.Group(gid); ok {
		return okObject{"GROUP", gid}, true
	}
	return okObject{}, false
}

// appObject finds an application by numeric id (registered with okmock or
// in the catalogue) or by its catalogue shortname.
func (c *apiCall) appObject(ref string) (okObject, bool) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		if _, ok := c.store.appByID(id); ok {
			return okObject{"APP", ref}, true
		}
	}
	for _, a := range c.world.CatalogApps("", "") {
		if a.ID == ref || a.Shortname == ref {
			return okObject{"APP", a.ID}, true
		}
	}
	return okObject{}, false
}

// urlGetInfo answers what an ok.ru link points to, as
// {"objectId": 53038939046008, "type": "GROUP"}; a link to nothing okmock
// knows is 300.
func urlGetInfo(c *apiCall) (any, *Error) {
	raw := c.params.Value("url")
	o, ok := c.resolveOKURL(raw)
	if !ok {
		return nil, Errorf(CodeNotFound, "Nothing found at %s", raw)
	}
	id, _ := strconv.ParseInt(o.ID, 10, 64)
	return struct {
		ObjectID int64  `json:"objectId"`
		Type     string `json:"type"`
	}{id, o.Type}, nil
}
