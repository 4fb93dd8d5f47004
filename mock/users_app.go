package mock

import (
	"strconv"

	"github.com/okmock/okmock/mock/world"
)

// userAppInfo is one row of users.getAdditionalInfo.
type userAppInfo struct {
	UserID string `json:"user_id"`
	Info   struct {
		AppPayer    bool   `json:"app_payer"`
		OKPayer     bool   `json:"ok_payer"`
		Player      bool   `json:"player"`
		Balance     string `json:"balance"`
		LastPayment string `json:"last_payment"`
	} `json:"info"`
}

// balanceBucket is how users.getAdditionalInfo rounds a balance.
func balanceBucket(oks int) string {
	switch {
	case oks <= 0:
		return "0"
	case oks < 30:
		return "1-29"
	case oks < 100:
		return "30-99"
	}
	return "100+"
}

// usersGetAdditionalInfo answers what OK tells an application about its
// users' money: {"users": [{"user_id": ..., "info": {...}}]}; unknown uids
// are left out. A payment the application reported makes the user an
// app_payer who last paid by card.
func usersGetAdditionalInfo(c *apiCall) (any, *Error) {
	out := []userAppInfo{}
	for _, uid := range idList(c.params.Value("uids")) {
		w, ok := c.world.Wallet(uid)
		if !ok {
			continue
		}
		var row userAppInfo
		row.UserID = uid
		row.Info.OKPayer, row.Info.Balance, row.Info.LastPayment = w.OKPayer, balanceBucket(w.Balance), w.LastPayment
		row.Info.Player = c.store.isAppUser(c.app.Key, uid)
		if len(c.world.Payments(c.app.Key, uid)) > 0 {
			row.Info.AppPayer, row.Info.Player, row.Info.LastPayment = true, true, "CARD"
		}
		out = append(out, row)
	}
	return struct {
		Users []userAppInfo `json:"users"`
	}{out}, nil
}

// callsLeft is one row of users.getCallsLeft.
type callsLeft struct {
	Available bool   `json:"available"`
	CallsLeft *int   `json:"callsLeft,omitempty"`
	Name      string `json:"name"`
}

// showNotificationPerDay is the daily quota of the JS SDK's
// showNotification (the special name notifications.sendFromUser).
const showNotificationPerDay = 20

// usersGetCallsLeft answers, per method, whether the application may call
// it for the user and how many calls are left today, as a bare array.
// notifications.sendSimple counts what was sent today; methods outside the
// catalogue are not available.
func usersGetCallsLeft(c *apiCall) (any, *Error) {
	uid := c.uid()
	out := []callsLeft{}
	for _, name := range idList(c.params.Value("methods")) {
		row := callsLeft{Name: name}
		switch m, known := c.srv.catalogue.Lookup(name); {
		case name == "notifications.sendFromUser":
			row.Available, row.CallsLeft = true, intPtr(showNotificationPerDay)
		case !known:
		case m.Name == "notifications.sendSimple" && uid != "":
			left := max(0, simplePerUserPerDay-c.simpleSentToday(uid))
			row.Name, row.Available, row.CallsLeft = m.Name, left > 0, intPtr(left)
		default:
			row.Name, row.Available = m.Name, true
		}
		out = append(out, row)
	}
	return out, nil
}

func intPtr(n int) *int { return &n }

// appInfo is an application in users.getGames.
type appInfo struct {
	AppID       string `json:"app_id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Icon        string `json:"icon"`
	Pic128      string `json:"pic128x128"`
	URL         string `json:"url"`
}

// usersGetGames lists the applications the user installed: the okmock
// applications they authorized, then the catalogue games they play.
func usersGetGames(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	seed := c.world.Seed()
	out := []appInfo{}
	for _, a := range c.store.appList() {
		if c.store.isAppUser(a.Key, u.UID) {
			id := strconv.FormatInt(a.ID, 10)
			icon := world.CatalogApp{ID: id}
			out = append(out, appInfo{id, a.Name, "", icon.Icon(seed, "50x50"), icon.Icon(seed, "128x128"), "https://ok.ru/game/" + id})
		}
	}
	for _, g := range c.world.UserGames(u.UID) {
		out = append(out, appInfo{g.ID, g.Name, g.Description, g.Icon(seed, "50x50"), g.Icon(seed, "128x128"), "https://ok.ru/game/" + g.Shortname})
	}
	return struct {
		Apps []appInfo `json:"apps"`
	}{out}, nil
}

// invitable is one row of users.getInvitableFriends.
type invitable struct {
	UID        string `json:"uid"`
	Selectable bool   `json:"selectable"`
}

// usersGetInvitableFriends lists the friends the user may invite to the
// application: those who do not use it yet, or with suggestOnly those who
// already do. A friend the user already invited is not selectable.
func usersGetInvitableFriends(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	suggest := c.boolParam("suggestOnly", false)
	invited := map[string]bool{}
	for _, inv := range c.world.AppInvites(c.app.Key, u.UID) {
		invited[inv.ToUID] = true
	}
	out := []invitable{}
	for _, fid := range c.world.Friends(u.UID) {
		if c.store.isAppUser(c.app.Key, fid) == suggest {
			out = append(out, invitable{fid, !invited[fid]})
		}
	}
	return struct {
		Users []invitable `json:"users"`
	}{out}, nil
}

// usersRemoveAppPermissions takes permissions back from the application:
// the session's user, or uid without a session.
func usersRemoveAppPermissions(c *apiCall) (any, *Error) {
	uid := c.uid()
	if uid == "" {
		return nil, errMissing("uid")
	}
	if !c.world.HasUser(uid) {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	c.store.revokeScopes(c.app.Key, uid, idList(c.params.Value("ext_perm")))
	return true, nil
}

// maskResult is users.updateMask's answer.
type maskResult struct {
	Mask uint32 `json:"mask"`
}

// maskChange reads mask and orUpdate: OR into the mask, AND with it, or
// (orUpdate not sent) replace it; no mask only reads.
func (c *apiCall) maskChange() func(uint32) uint32 {
	mask, sent := c.int64Param("mask", 0)
	if !sent {
		return func(old uint32) uint32 { return old }
	}
	m := uint32(mask)
	switch v := c.params.Value("orUpdate"); {
	case v == "":
		return func(uint32) uint32 { return m }
	case c.boolParam("orUpdate", false):
		return func(old uint32) uint32 { return old | m }
	}
	return func(old uint32) uint32 { return old & m }
}

// usersUpdateMask changes and answers the application's mask of the user.
func usersUpdateMask(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	m, werr := c.world.UpdateAppMask(c.app.Key, u.UID, c.maskChange())
	if werr != nil {
		return nil, worldError(werr)
	}
	return maskResult{m}, nil
}

// updateMasks applies change to the masks of the known users among uids
// and answers {"masks": {uid: mask}}.
func (c *apiCall) updateMasks(change func(uint32) uint32) (any, *Error) {
	out := map[string]uint32{}
	for _, uid := range idList(c.params.Value("uids")) {
		if m, err := c.world.UpdateAppMask(c.app.Key, uid, change); err == nil {
			out[uid] = m
		}
	}
	return struct {
		Masks map[string]uint32 `json:"masks"`
	}{out}, nil
}

// usersUpdateMasks is users.updateMask for many users (server only).
func usersUpdateMasks(c *apiCall) (any, *Error) { return c.updateMasks(c.maskChange()) }

// usersUpdateMasksV2 ORs or_mask into each mask, then ANDs it with
// and_mask.
func usersUpdateMasksV2(c *apiCall) (any, *Error) {
	or, _ := c.int64Param("or_mask", 0)
	and, _ := c.int64Param("and_mask", 0xFFFFFFFF)
	return c.updateMasks(func(old uint32) uint32 { return (old | uint32(or)) & uint32(and) })
}
