package mock

import (
	"slices"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

// friendsGetAppUsers answers {"uids": [...]}: the user's friends who have
// authorized this application (a grant or a session of it).
func friendsGetAppUsers(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	return struct {
		UIDs []string `json:"uids"`
	}{c.appUserFriends(u.UID)}, nil
}

func (c *apiCall) appUserFriends(uid string) []string {
	out := []string{}
	for _, fid := range c.world.Friends(uid) {
		if c.store.isAppUser(c.app.Key, fid) {
			out = append(out, fid)
		}
	}
	return out
}

// friendsGetAppUsersOnline answers {"friends": [...]}: the friends who use
// this application and are online now; platforms keeps those online on
// one of the listed portals (WEB, MOBILE).
func friendsGetAppUsersOnline(c *apiCall) (any, *Error) {
	var want []string
	for _, p := range idList(c.params.Value("platforms")) {
		want = append(want, strings.ToUpper(p))
	}
	out := []string{}
	for _, fid := range c.appUserFriends(c.session.UID) {
		f, ok := c.world.User(fid)
		if ok && f.Online != "" && (len(want) == 0 || slices.Contains(want, strings.ToUpper(f.Online))) {
			out = append(out, fid)
		}
	}
	return struct {
		Friends []string `json:"friends"`
	}{out}, nil
}

// friendsAppInvite invites friends to this application. Each invitee must
// be a friend who does not use the application yet; with devices, one who
// has used OK on one of them. Invitations are recorded in the world
// (World.AppInvites) and answered {"success": true}.
func friendsAppInvite(c *apiCall) (any, *Error) {
	from := c.session.UID
	var devices []string
	for _, d := range idList(c.params.Value("devices")) {
		devices = append(devices, strings.ToUpper(d))
	}
	var invites []world.AppInvite
	for _, to := range idList(c.params.Value("uids")) {
		if !c.world.HasUser(to) {
			return nil, Errorf(CodeUserID, "Invalid uid %s", to)
		}
		if !c.world.AreFriends(from, to) {
			return nil, errParam("User %s is not a friend of %s", to, from)
		}
		if c.store.isAppUser(c.app.Key, to) {
			return nil, errParam("User %s already uses the application", to)
		}
		inv := world.AppInvite{AppKey: c.app.Key, FromUID: from, ToUID: to, Text: c.params.Value("text"), Created: c.now}
		if len(devices) > 0 {
			used := c.world.UserDevices(to)
			inv.Devices = slices.DeleteFunc(slices.Clone(devices), func(d string) bool { return !slices.Contains(used, d) })
			if len(inv.Devices) == 0 {
				return nil, errParam("User %s has not used OK on %s", to, strings.Join(devices, ", "))
			}
		}
		invites = append(invites, inv)
	}
	for _, inv := range invites {
		if err := c.world.AddAppInvite(inv); err != nil {
			return nil, worldError(err)
		}
	}
	return success(), nil
}
