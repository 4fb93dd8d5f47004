package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// A status set with users.setStatus is the user's current_status.
func TestStatusIsReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	var users []struct {
		Status *string `json:"current_status"`
	}
	ts.ok(tok, callParams("users.setStatus", "status", "На даче до понедельника"), nil)
	ts.ok(tok, callParams("users.getInfo", "uids", world.DefaultUserID, "fields", "uid,current_status"), &users)
	if len(users) != 1 || users[0].Status == nil || *users[0].Status != "На даче до понедельника" {
		t.Fatalf("current_status after setStatus: %+v", users)
	}
	ts.ok(tok, callParams("users.setStatus"), nil)
	users = nil
	ts.ok(tok, callParams("users.getInfo", "uids", world.DefaultUserID, "fields", "uid,current_status"), &users)
	if users[0].Status != nil {
		t.Errorf("setStatus without status left %q", *users[0].Status)
	}
}

type guestList struct {
	Guests []struct {
		UID    string
		TimeMs int64 `json:"time_ms"`
	}
}

func (g guestList) has(uid string) bool {
	for _, v := range g.Guests {
		if v.UID == uid {
			return true
		}
	}
	return false
}

// users.getInfoBy leaves a visit in the guest list (and the guests
// counter) unless asked not to; users.deleteGuests removes it.
func TestVisitsAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	friend := ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS")
	guestsCounter := func() int { return ts.eventCount(world.ExampleFriendID, world.EventGuests) }
	before := guestsCounter()

	ts.ok(tok, callParams("users.getInfoBy", "uid", world.ExampleFriendID, "register_as_guest", "false"), nil)
	var guests guestList
	ts.ok(friend, callParams("users.getGuests"), &guests)
	if guests.has(world.DefaultUserID) {
		t.Fatal("register_as_guest=false left a visit")
	}
	var user struct {
		UID    string
		Friend bool
	}
	ts.ok(tok, callParams("users.getInfoBy", "uid", world.ExampleFriendID, "fields", "uid,friend"), &user)
	if user.UID != world.ExampleFriendID || !user.Friend {
		t.Errorf("getInfoBy = %+v, want the friend marked as one", user)
	}
	ts.ok(friend, callParams("users.getGuests", "count", "1"), &guests)
	if len(guests.Guests) != 1 || guests.Guests[0].UID != world.DefaultUserID || guests.Guests[0].TimeMs != testEpoch.UnixMilli() {
		t.Fatalf("latest guest = %+v, want the default user now", guests.Guests)
	}
	if got := guestsCounter(); got != before+1 {
		t.Errorf("guests counter %d, want %d", got, before+1)
	}
	ts.ok(friend, callParams("users.deleteGuests", "uids", world.DefaultUserID), nil)
	ts.ok(friend, callParams("users.getGuests"), &guests)
	if guests.has(world.DefaultUserID) {
		t.Error("deleteGuests left the visit")
	}
}

// The application's masks: updateMask, updateMasks and updateMasksV2
// change one value each other reads.
func TestMasksAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	var one struct{ Mask uint32 }
	var many struct{ Masks map[string]uint32 }
	ts.ok(tok, callParams("users.updateMask", "mask", "5"), &one)
	ts.ok(tok, callParams("users.updateMask", "mask", "2", "orUpdate", "true"), &one)
	if one.Mask != 7 {
		t.Fatalf("5 | 2 = %d", one.Mask)
	}
	ts.ok(tok, callParams("users.updateMask", "mask", "6", "orUpdate", "false"), &one)
	if one.Mask != 6 {
		t.Fatalf("7 & 6 = %d", one.Mask)
	}
	ts.ok("", callParams("users.updateMasksV2", "uids", world.DefaultUserID+","+world.ExampleFriendID, "or_mask", "1", "and_mask", "3"), &many)
	if many.Masks[world.DefaultUserID] != 3 || many.Masks[world.ExampleFriendID] != 1 {
		t.Fatalf("(6|1)&3 and (0|1)&3: %v", many.Masks)
	}
	many.Masks = nil
	ts.ok("", callParams("users.updateMasks", "uids", world.ExampleFriendID+",1"), &many)
	if len(many.Masks) != 1 || many.Masks[world.ExampleFriendID] != 1 {
		t.Errorf("reading masks: %v", many.Masks)
	}
	ts.ok(tok, callParams("users.updateMask"), &one)
	if one.Mask != 3 {
		t.Errorf("mask read back %d, want 3", one.Mask)
	}
}

// Revoked permissions are gone from the grant and the session.
func TestRemovedPermissionsAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	var has bool
	ts.ok(tok, callParams("users.hasAppPermission", "ext_perm", "SET_STATUS"), &has)
	if !has {
		t.Fatal("the session lacks SET_STATUS to begin with")
	}
	ts.ok(tok, callParams("users.removeAppPermissions", "ext_perm", "SET_STATUS,PUBLISH_NOTE"), nil)
	ts.ok(tok, callParams("users.hasAppPermission", "ext_perm", "SET_STATUS"), &has)
	if has {
		t.Error("hasAppPermission still true")
	}
	ts.fails(CodePermissionDenied, tok, callParams("users.setStatus", "status", "x"))
	ts.ok(tok, callParams("users.hasAppPermission", "ext_perm", "PHOTO_CONTENT"), &has)
	if !has {
		t.Error("other permissions went too")
	}
}

// Reported payments and notifications show in what the application reads
// about its users.
func TestAppFactsFollowWrites(t *testing.T) {
	ts, tok := newWriteServer(t)
	var info struct {
		Users []struct {
			UserID string `json:"user_id"`
			Info   struct {
				AppPayer bool `json:"app_payer"`
				Player   bool
			}
		}
	}
	ts.ok(tok, callParams("users.getAdditionalInfo", "uids", world.DefaultUserID+",1"), &info)
	if len(info.Users) != 1 || info.Users[0].Info.AppPayer || !info.Users[0].Info.Player {
		t.Fatalf("before any payment: %+v", info.Users)
	}
	ts.ok(tok, callParams("sdk.reportPayment", "trx_id", "GPA.1", "amount", "0.99", "currency", "RUB", "platform", "ANDROID"), nil)
	ts.ok(tok, callParams("users.getAdditionalInfo", "uids", world.DefaultUserID), &info)
	if !info.Users[0].Info.AppPayer {
		t.Error("app_payer false after sdk.reportPayment")
	}

	var left []struct {
		Name      string
		Available bool
		CallsLeft *int `json:"callsLeft"`
	}
	ts.ok("", callParams("notifications.sendSimple", "uid", world.ExampleFriendID, "text", "Ваш ход!"), nil)
	ts.ok("", callParams("users.getCallsLeft", "uid", world.ExampleFriendID, "methods", "notifications.sendSimple,no.such,users.getInfo"), &left)
	if len(left) != 3 || left[0].CallsLeft == nil || *left[0].CallsLeft != simplePerUserPerDay-1 || left[1].Available || !left[2].Available {
		t.Errorf("getCallsLeft: %+v", left)
	}
}
