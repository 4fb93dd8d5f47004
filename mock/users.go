package mock

import (
	"time"

	"github.com/okmock/okmock/mock/world"
)

var usersHandlers = map[string]methodHandler{
	"users.getCurrentUser":   usersGetCurrentUser,
	"users.getInfo":          usersGetInfo,
	"users.getLoggedInUser":  usersGetLoggedInUser,
	"users.hasAppPermission": usersHasAppPermission,
	"users.isAppUser":        usersIsAppUser,
}

// defaultUserFields is what users.getCurrentUser returns without `fields`:
// the field set of the real captures.
var defaultUserFields = fieldSet{
	"uid": true, "birthday": true, "age": true, "first_name": true, "last_name": true,
	"name": true, "locale": true, "gender": true, "has_email": true, "location": true,
	"online": true, "pic_1": true, "pic_2": true,
}

// maxInfoUIDs is OK's limit on users.getInfo.
const maxInfoUIDs = 100

func usersGetCurrentUser(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	if f := c.params.Value("fields"); f != "" {
		fields := parseFields(f)
		// The user's id is always there: clients key on it.
		fields["uid"] = true
		return c.renderUser(u, fields), nil
	}
	// The common call renders into the call's own buffers: the answer is
	// encoded before the call is recycled.
	c.userBuf = u
	return c.renderUserFields(c.fieldBuf[:0], &c.userBuf, defaultUserFieldList, nil), nil
}

func usersGetInfo(c *apiCall) (any, *Error) {
	return renderMany(c, c.world.User, c.renderUser)
}

// usersGetLoggedInUser answers the uid as a bare JSON string (the Android
// SDK checks the body is quoted digits).
func usersGetLoggedInUser(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	return u.UID, nil
}

// usersHasAppPermission answers a bare boolean: whether the user granted
// ext_perm to this application.
func usersHasAppPermission(c *apiCall) (any, *Error) {
	perm := upperASCII(c.params.Value("ext_perm"))
	if c.session != nil {
		return c.session.HasScope(perm), nil
	}
	uid := c.params.Value("uid")
	if uid == "" {
		return nil, errMissing("uid")
	}
	return c.store.granted(c.app.Key, uid, perm), nil
}

// usersIsAppUser answers a bare boolean: whether the user has authorized
// this application.
func usersIsAppUser(c *apiCall) (any, *Error) {
	if c.session != nil && c.params.Value("uid") == "" {
		return true, nil
	}
	uid := c.params.Value("uid")
	if uid == "" {
		return nil, errMissing("uid")
	}
	if _, ok := c.world.User(uid); !ok {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	return c.store.isAppUser(c.app.Key, uid), nil
}

// actingUser is the session's user, or the uid parameter's for a call
// without a session.
func (c *apiCall) actingUser() (world.User, *Error) {
	uid := c.uid()
	if uid == "" {
		return world.User{}, errParam("Either session_key or uid must be specified")
	}
	u, ok := c.world.User(uid)
	if !ok {
		return world.User{}, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	return u, nil
}

// renderUser returns the requested fields of u under OK's names, in the
// order of the captured default answer.
func (c *apiCall) renderUser(u world.User, f fieldSet) object {
	n := len(f)
	if f == nil {
		n = len(userFields)
	}
	return c.renderUserFields(make(object, 0, n), &u, userFields, f)
}

// renderUserFields appends to m the fields of list that f asks for; a nil
// f asks for all of them. The values point into u.
func (c *apiCall) renderUserFields(m object, u *world.User, list []userField, f fieldSet) object {
	for _, uf := range list {
		if (f == nil || f[uf.name]) && c.fieldAllowed(uf.name) {
			if v, ok := uf.value(c, u); ok {
				m = append(m, field{uf.name, v})
			}
		}
	}
	return m
}

// defaultUserFieldList is userFields cut to defaultUserFields: the common
// getCurrentUser call then looks no field name up.
var defaultUserFieldList = func() []userField {
	var out []userField
	for _, uf := range userFields {
		if defaultUserFields[uf.name] {
			out = append(out, uf)
		}
	}
	return out
}()

// userField is one field of a user object; value is only computed when
// the field is asked for, and says false to leave the field out. String
// fields are answered as pointers into the user: boxing a pointer in an
// interface allocates nothing, boxing a string does, and they encode the
// same.
type userField struct {
	name  string
	value func(c *apiCall, u *world.User) (any, bool)
}

// userFields are the fields OK answers for a user, in the order of the
// captured default answer.
var userFields = []userField{
	{"uid", func(_ *apiCall, u *world.User) (any, bool) { return &u.UID, true }},
	{"birthday", func(_ *apiCall, u *world.User) (any, bool) { return &u.Birthday, true }},
	{"age", func(c *apiCall, u *world.User) (any, bool) { age, ok := u.Age(c.now); return age, ok }},
	{"first_name", func(_ *apiCall, u *world.User) (any, bool) { return &u.FirstName, true }},
	{"last_name", func(_ *apiCall, u *world.User) (any, bool) { return &u.LastName, true }},
	{"name", func(_ *apiCall, u *world.User) (any, bool) { return userName{u}, true }},
	{"locale", func(_ *apiCall, u *world.User) (any, bool) { return &u.Locale, true }},
	{"gender", func(_ *apiCall, u *world.User) (any, bool) { return &u.Gender, true }},
	{"has_email", func(_ *apiCall, u *world.User) (any, bool) { return u.Email != "", true }},
	{"email", func(_ *apiCall, u *world.User) (any, bool) { return &u.Email, u.Email != "" }},
	{"location", func(_ *apiCall, u *world.User) (any, bool) { return userLocation{u}, true }},
	{"online", func(_ *apiCall, u *world.User) (any, bool) { return &u.Online, u.Online != "" }},
	{"pic_1", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic1, true }},
	{"pic_2", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic2, true }},
	{"pic_3", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic3, true }},
	{"pic_4", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic4, true }},
	{"pic50x50", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic1, true }},
	{"pic128x128", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic2, true }},
	{"pic190x190", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic3, true }},
	{"pic640x480", func(_ *apiCall, u *world.User) (any, bool) { return &u.Pic4, true }},
	{"last_online_ms", func(_ *apiCall, u *world.User) (any, bool) { return u.LastOnline.UnixMilli(), true }},
	{"last_online", func(_ *apiCall, u *world.User) (any, bool) {
		return u.LastOnline.In(moscow).Format("2006-01-02 15:04:05"), true
	}},
	{"url_profile", func(_ *apiCall, u *world.User) (any, bool) { return "https://ok.ru/profile/" + u.UID, true }},
	{"current_status", func(_ *apiCall, u *world.User) (any, bool) { return u.Status, u.Status != "" }},
	{"friend", func(c *apiCall, u *world.User) (any, bool) {
		viewer := c.uid()
		return c.world.AreFriends(viewer, u.UID), viewer != "" && viewer != u.UID
	}},
	{"vip", func(c *apiCall, u *world.User) (any, bool) { w, _ := c.world.Wallet(u.UID); return w.VIP, true }},
}

// moscow is the zone OK writes local times in (UTC+3, no DST since 2014).
var moscow = time.FixedZone("MSK", 3*60*60)
