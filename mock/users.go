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
	fields := defaultUserFields
	if f := c.params.Value("fields"); f != "" {
		fields = parseFields(f)
		// The user's id is always there: clients key on it.
		fields["uid"] = true
	}
	return c.renderUser(u, fields), nil
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

// renderUser returns the requested fields of u under OK's names.
func (c *apiCall) renderUser(u world.User, f fieldSet) object {
	m := make(object, 0, len(f))
	put := func(name string, v any) {
		if f[name] && c.fieldAllowed(name) {
			m = append(m, field{name, v})
		}
	}
	// The order of the captured default answer.
	put("uid", u.UID)
	put("birthday", u.Birthday)
	if age, ok := u.Age(c.now); ok {
		put("age", age)
	}
	put("first_name", u.FirstName)
	put("last_name", u.LastName)
	put("name", u.Name())
	put("locale", u.Locale)
	put("gender", u.Gender)
	put("has_email", u.Email != "")
	if u.Email != "" {
		put("email", u.Email)
	}
	put("location", object{{"city", u.City}, {"country", u.Country}, {"countryCode", u.CountryCode}})
	if u.Online != "" {
		put("online", u.Online)
	}
	put("pic_1", u.Pic1)
	put("pic_2", u.Pic2)
	put("pic_3", u.Pic3)
	put("pic_4", u.Pic4)
	put("pic50x50", u.Pic1)
	put("pic128x128", u.Pic2)
	put("pic190x190", u.Pic3)
	put("pic640x480", u.Pic4)
	put("last_online_ms", u.LastOnline.UnixMilli())
	put("last_online", u.LastOnline.In(moscow).Format("2006-01-02 15:04:05"))
	put("url_profile", "https://ok.ru/profile/"+u.UID)
	return m
}

// moscow is the zone OK writes local times in (UTC+3, no DST since 2014).
var moscow = time.FixedZone("MSK", 3*60*60)
