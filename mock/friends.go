package mock

var friendsHandlers = map[string]methodHandler{
	"friends.appInvite":         friendsAppInvite,
	"friends.get":               friendsGet,
	"friends.getAppUsers":       friendsGetAppUsers,
	"friends.getAppUsersOnline": friendsGetAppUsersOnline,
	"friends.getBirthdays":      friendsGetBirthdays,
	"friends.getByDevices":      friendsGetByDevices,
	"friends.getMutualFriends":  friendsGetMutualFriends,
	"friends.getOnline":         friendsGetOnline,
	"friends.getRelatives":      friendsGetRelatives,
	"friends.getRelativesV2":    friendsGetRelativesV2,
	"friends.getSuggestions":    friendsGetSuggestions,
}

// friendsOf resolves whose friends are asked for: fid, else the acting user.
func (c *apiCall) friendsOf() (string, *Error) {
	uid := c.params.Value("fid")
	if uid == "" {
		uid = c.uid()
	}
	if uid == "" {
		return "", errParam("Either session_key or uid must be specified")
	}
	if _, ok := c.world.User(uid); !ok {
		return "", Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	return uid, nil
}

// friendsGet answers a bare array of string uids.
func friendsGet(c *apiCall) (any, *Error) {
	uid, err := c.friendsOf()
	if err != nil {
		return nil, err
	}
	c.ids = c.world.AppendFriends(c.ids[:0], uid)
	return nonNil(c.ids), nil
}

// friendsGetOnline answers the friends who are online, as a bare array of
// uids (the shape of friends.get; not captured live).
func friendsGetOnline(c *apiCall) (any, *Error) {
	uid, err := c.friendsOf()
	if err != nil {
		return nil, err
	}
	portal := c.params.Value("online")
	out := []string{}
	for _, fid := range c.world.Friends(uid) {
		if f, ok := c.world.User(fid); ok && f.Online != "" && (portal == "" || portal == f.Online) {
			out = append(out, fid)
		}
	}
	return out, nil
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
