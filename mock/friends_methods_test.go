package mock

import (
	"slices"
	"testing"
	"time"

	"github.com/okmock/okmock/mock/world"
)

func TestAppInvitesAndAppUsers(t *testing.T) {
	ts, token := newWriteServer(t)
	w := ts.srv.world
	ts.ok(token, callParams("friends.appInvite", "uids", world.ExampleFriend2ID, "text", "Сыграем?"), nil)
	if inv := w.AppInvites(DemoApp().Key, world.DefaultUserID); len(inv) != 1 || inv[0].ToUID != world.ExampleFriend2ID || inv[0].Text != "Сыграем?" {
		t.Errorf("invites %+v", inv)
	}
	var stranger string
	for _, uid := range w.UserIDs() {
		if uid != world.DefaultUserID && !w.AreFriends(world.DefaultUserID, uid) {
			stranger = uid
			break
		}
	}
	ts.fails(CodeParam, token, callParams("friends.appInvite", "uids", stranger))

	var users struct {
		UIDs []string `json:"uids"`
	}
	ts.ok(token, callParams("friends.getAppUsers"), &users)
	if slices.Contains(users.UIDs, world.ExampleFriendID) {
		t.Fatal("the example friend uses the application before any session of theirs")
	}
	ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS")
	ts.ok(token, callParams("friends.getAppUsers"), &users)
	if !slices.Contains(users.UIDs, world.ExampleFriendID) {
		t.Errorf("a friend with a session is not an app user: %v", users.UIDs)
	}
	ts.fails(CodeParam, token, callParams("friends.appInvite", "uids", world.ExampleFriendID))
}

func TestFriendLists(t *testing.T) {
	ts, token := newWriteServer(t)
	w := ts.srv.world
	// A friend whose birthday is tomorrow (Moscow).
	f, _ := w.User(world.ExampleFriend2ID)
	f.Birthday = "1990-" + testEpoch.In(moscow).Add(24*time.Hour).Format("01-02")
	if err := w.PutUser(f); err != nil {
		t.Fatal(err)
	}
	var soon []string
	ts.ok(token, callParams("friends.getBirthdays", "future", "false"), &soon)
	if !slices.Contains(soon, world.ExampleFriend2ID) {
		t.Errorf("tomorrow's birthday missing: %v", soon)
	}

	var android []string
	ts.ok(token, callParams("friends.getByDevices", "devices", "ANDROID"), &android)
	for _, fid := range w.Friends(world.DefaultUserID) {
		if want := slices.Contains(w.UserDevices(fid), world.DeviceAndroid); slices.Contains(android, fid) != want {
			t.Errorf("friend %s on Android: listed %v, want %v", fid, !want, want)
		}
	}

	var mutual []string
	ts.ok(token, callParams("friends.getMutualFriends", "target_id", world.ExampleFriendID), &mutual)
	for _, fid := range mutual {
		if !w.AreFriends(fid, world.DefaultUserID) || !w.AreFriends(fid, world.ExampleFriendID) {
			t.Errorf("%s is not a mutual friend", fid)
		}
	}
	ts.fails(CodeUserID, token, callParams("friends.getMutualFriends", "target_id", "1"))

	var rel struct {
		Relations []relationGroup `json:"relations"`
		Total     int             `json:"totalCount"`
	}
	ts.ok(token, callParams("friends.getRelativesV2", "uid", world.DefaultUserID, "friend_ids", world.ExampleFriendID), &rel)
	if len(rel.Relations) != 1 || rel.Relations[0].TypeID != "CLOSEFRIEND" || rel.Total != 1 {
		t.Errorf("relations of the example friend: %+v", rel)
	}
	ts.fails(CodeParam, token, callParams("friends.getRelativesV2", "uid", world.DefaultUserID, "friend_ids", world.ExampleFriendID, "reltypes", "ALL"))

	var sugg struct {
		Users []struct {
			UID    string `json:"uid"`
			Common int    `json:"common_friends_count"`
		} `json:"users"`
	}
	ts.ok(token, callParams("friends.getSuggestions", "count", "100"), &sugg)
	for i, u := range sugg.Users {
		if u.UID == world.DefaultUserID || w.AreFriends(world.DefaultUserID, u.UID) || u.Common < 1 {
			t.Errorf("suggestion %+v", u)
		}
		if i > 0 && sugg.Users[i-1].Common < u.Common {
			t.Error("suggestions are not sorted by common friends")
		}
	}
}

// TestFriendsGetAfterALongerList: calls are recycled with the buffer that
// held the last friends.get answer; a shorter list after a longer one
// (and an empty one after that) must come back exactly, with nothing left
// over from the call before.
func TestFriendsGetAfterALongerList(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	w := ts.srv.world
	// The users with the most and the fewest friends among the session
	// user's friends, so that the lists differ in length.
	most, fewest := g.UID, ""
	for _, f := range w.Friends(g.UID) {
		if len(w.Friends(f)) > len(w.Friends(most)) {
			most = f
		}
		if fewest == "" || len(w.Friends(f)) < len(w.Friends(fewest)) {
			fewest = f
		}
	}
	if len(w.Friends(most)) <= len(w.Friends(fewest)) {
		t.Fatalf("the world has no friends lists of different lengths to compare")
	}
	const loner = "575999999999"
	if err := w.PutUser(world.User{UID: loner, FirstName: "Одинокий", LastName: "Пользователь"}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		for _, uid := range []string{most, fewest, loner, most} {
			var got []string
			ts.call(g.AccessToken, map[string]string{"method": "friends.get", "fid": uid}, &got)
			want := w.Friends(uid)
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("friends.get fid=%s = %v, want %v", uid, got, want)
			}
		}
	}
}
