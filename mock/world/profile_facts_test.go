package world

import (
	"slices"
	"testing"
	"time"
)

func TestRelationsAgreeOnBothSides(t *testing.T) {
	w := newTestWorld(t, 10)
	related := 0
	for _, uid := range w.UserIDs() {
		for _, r := range w.Relations(uid) {
			related++
			back := w.relationType(r.FriendUID, uid)
			want := r.Type
			if inv, ok := relationInverse[r.Type]; ok {
				want = inv
			}
			if back != want {
				t.Errorf("%s is %s's %s, but %s sees %s as %q", r.FriendUID, uid, r.Type, r.FriendUID, uid, back)
			}
			if !w.AreFriends(uid, r.FriendUID) {
				t.Errorf("%s relates to a non-friend %s", uid, r.FriendUID)
			}
		}
	}
	if related == 0 {
		t.Error("nobody has a relation")
	}
	if rels := w.Relations(DefaultUserID); !slices.Contains(rels, Relation{ExampleFriendID, "CLOSEFRIEND"}) {
		t.Errorf("the example friend is not the default user's close friend: %+v", rels)
	}
}

func TestFactsComeFromTheSeedAlone(t *testing.T) {
	a, b := newTestWorld(t, 11), New(Options{Seed: 11, Now: testNow.Add(24 * time.Hour)})
	for _, uid := range []string{DefaultUserID, ExampleFriendID, ExampleFriend2ID} {
		if !slices.Equal(a.UserDevices(uid), b.UserDevices(uid)) || !slices.Equal(a.Interests(uid), b.Interests(uid)) {
			t.Errorf("%s: facts differ between two worlds of one seed", uid)
		}
		if n := len(a.Interests(uid)); n < 2 || n > 6 {
			t.Errorf("%s has %d interests", uid, n)
		}
	}
	if a.Interests("1") != nil {
		t.Error("an unknown user has interests")
	}
	devices := map[string]bool{}
	for _, uid := range a.UserIDs() {
		for _, d := range a.UserDevices(uid) {
			devices[d] = true
		}
	}
	if !devices[DeviceAndroid] || !devices[DeviceIOS] {
		t.Errorf("devices seen: %v", devices)
	}
}

func TestAppState(t *testing.T) {
	w := newTestWorld(t, 12)
	start := testNow.Add(48 * time.Hour)
	must(t, w.SetAppPromo("APP", AppPromo{TopicID: ExampleTopicID, Text: "Двойные монеты", Start: start, End: start.Add(time.Hour)}))
	if p, ok := w.AppPromo("APP"); !ok || p.Text != "Двойные монеты" {
		t.Errorf("promo = %+v, %v", p, ok)
	}
	if _, ok := w.AppPromo("OTHER"); ok {
		t.Error("a promo leaked to another application")
	}
	if err := w.SetAppPromo("APP", AppPromo{TopicID: "1", Text: "x", Start: start, End: start.Add(time.Hour)}); err == nil {
		t.Error("a promo of an unknown topic was accepted")
	}
	if !w.RemoveAppPromo("APP") || w.RemoveAppPromo("APP") {
		t.Error("RemoveAppPromo reports wrongly")
	}
	must(t, w.SetVIPOffers("APP", []string{"Сундук", "Ларец"}))
	if got := w.VIPOffers("APP"); !slices.Equal(got, []string{"Сундук", "Ларец"}) {
		t.Errorf("offers %v", got)
	}
	if err := w.SetVIPOffers("APP", []string{"1", "2", "3", "4", "5", "6"}); err == nil {
		t.Error("six offers were accepted")
	}
	must(t, w.SetVIPOfferGiven("APP", DefaultUserID, 2, true))
	if !w.VIPOfferGiven("APP", DefaultUserID, 2) || w.VIPOfferGiven("APP", DefaultUserID, 1) || w.VIPOfferGiven("APP", ExampleFriendID, 2) {
		t.Error("VIP slots are not kept per application, user and slot")
	}
	must(t, w.SetVIPOfferGiven("APP", DefaultUserID, 2, false))
	if w.VIPOfferGiven("APP", DefaultUserID, 2) {
		t.Error("given=false did not clear the slot")
	}
	must(t, w.AddAppInvite(AppInvite{AppKey: "APP", FromUID: DefaultUserID, ToUID: ExampleFriend2ID}))
	if inv := w.AppInvites("APP", DefaultUserID); len(inv) != 1 || inv[0].ToUID != ExampleFriend2ID {
		t.Errorf("invites %+v", inv)
	}
	if err := w.AddAppInvite(AppInvite{AppKey: "APP", FromUID: DefaultUserID, ToUID: ExampleGuestID}); err == nil && !w.AreFriends(DefaultUserID, ExampleGuestID) {
		t.Error("an invite to a non-friend was accepted")
	}
}
