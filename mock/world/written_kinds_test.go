package world

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// Writes to the kinds of guests, masks, mailings, notes, videos and the
// feed survive a snapshot, and the example objects they hold exist in
// every seed.
func TestWrittenKindsSurviveASnapshot(t *testing.T) {
	w := newTestWorld(t, 11)
	must(t, w.VisitProfile(ExampleFriendID, DefaultUserID, time.Time{}))
	_, err := w.UpdateAppMask("APP", DefaultUserID, func(uint32) uint32 { return 9 })
	must(t, err)
	mustID(t)(w.AddMailing(Mailing{AppKey: "APP", Kind: MailingMass, Text: "Привет", Expires: testNow.Add(day)}))
	mustID(t)(w.SendNotification(Notification{AppKey: "APP", UID: ExampleFriendID, Text: "Ход"}))
	_, err = w.SendNote(Note{AppKey: "APP", UID: ExampleFriendID, FromUID: DefaultUserID, Text: "Подарок"})
	must(t, err)
	vid := mustID(t)(w.AddVideo(Video{OwnerUID: DefaultUserID, Title: "Ролик", Tags: []string{"тег"}}))
	_, err = w.SubscribeChannel(ExampleVideoChannelID, ExampleFriendID)
	must(t, err)
	must(t, w.HideFeedEntry(DefaultUserID, ExampleFeedItemID))
	must(t, w.SetAlbumCover(ExampleAlbumID, ExamplePhotoID))
	_, err = w.ReportPayment(Payment{TrxID: "T1", AppKey: "APP", UID: DefaultUserID})
	must(t, err)

	data := snapshot(t, w)
	r, err := Restore(data)
	must(t, err)
	if !bytes.Equal(snapshot(t, r), data) {
		t.Fatal("a restored world snapshots differently")
	}
	if r.AppMask("APP", DefaultUserID) != 9 || len(r.Notes("APP", ExampleFriendID)) != 1 ||
		len(r.Notifications("APP", ExampleFriendID)) != 1 || !r.FeedEntryHidden(DefaultUserID, ExampleFeedItemID) ||
		len(r.Payments("APP", DefaultUserID)) != 1 || len(r.ChannelSubscribers(ExampleVideoChannelID)) != 1 {
		t.Error("a write was lost in the snapshot")
	}
	if v, ok := r.Video(vid); !ok || v.Tags[0] != "тег" {
		t.Errorf("video after restore: %+v", v)
	}
	if g := r.Guests(ExampleFriendID); len(g) == 0 || g[0].UID != DefaultUserID {
		t.Errorf("guests after restore: %+v", g)
	}
}

func TestDedicatedExamplesOfG2KindsExist(t *testing.T) {
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		if tags := w.PhotoTags(ExamplePhotoID); !hasTag(tags, ExamplePhotoTagID, ExampleFriendID) {
			t.Errorf("seed %d: tag %s missing: %+v", seed, ExamplePhotoTagID, tags)
		}
		for _, id := range []string{ExampleDeletableVideoID, ExampleVideoID} {
			if v, ok := w.Video(id); !ok || v.OwnerUID != DefaultUserID {
				t.Errorf("seed %d: video %s: %+v", seed, id, v)
			}
		}
		if c, ok := w.VideoChannel(ExampleVideoChannelID); !ok || c.OwnerUID != DefaultUserID {
			t.Errorf("seed %d: channel: %+v", seed, c)
		}
		if n := len(w.Mailings("ANY")); n != 3 {
			t.Errorf("seed %d: %d example mailings", seed, n)
		}
		if g := w.Guests(DefaultUserID); !hasGuest(g, ExampleGuestID) {
			t.Errorf("seed %d: guest %s missing", seed, ExampleGuestID)
		}
		if err := w.HideFeedEntry(DefaultUserID, ExampleSpamFeedItemID); err != nil {
			t.Errorf("seed %d: %v", seed, err)
		}
	}
}

func hasTag(tags []PhotoTag, id, uid string) bool {
	for _, tg := range tags {
		if tg.ID == id && tg.UID == uid {
			return true
		}
	}
	return false
}

func hasGuest(guests []Guest, uid string) bool {
	for _, g := range guests {
		if g.UID == uid {
			return true
		}
	}
	return false
}

// A mailing is changed only by its application, and only with the
// method of its kind.
func TestMailingsBelongToTheirApplication(t *testing.T) {
	w := newTestWorld(t, 3)
	id := mustID(t)(w.AddMailing(Mailing{AppKey: "A", Kind: MailingFavPromo, Text: "x"}))
	stop := func(m *Mailing) error { m.Stopped = true; return nil }
	for _, tc := range []struct{ app, kind, id string }{{"B", MailingFavPromo, id}, {"A", MailingMass, id}, {"A", MailingFavPromo, "1"}} {
		if _, err := w.ChangeMailing(tc.app, tc.kind, tc.id, stop); !errors.Is(err, ErrUnknownObject) {
			t.Errorf("%+v: %v, want ErrUnknownObject", tc, err)
		}
	}
	if m, err := w.ChangeMailing("A", MailingFavPromo, id, stop); err != nil || !m.Stopped {
		t.Errorf("own mailing: %+v, %v", m, err)
	}
	// The examples belong to every application.
	if _, err := w.ChangeMailing("B", MailingMass, ExampleMassMailingID, stop); err != nil {
		t.Error(err)
	}
}

// Removing a user removes what they left in other kinds.
func TestRemovedUsersLeaveNoTraces(t *testing.T) {
	w := newTestWorld(t, 4)
	must(t, w.VisitProfile(DefaultUserID, ExampleFriend2ID, time.Time{}))
	_, err := w.SubscribeChannel(ExampleVideoChannelID, ExampleFriend2ID)
	must(t, err)
	must(t, w.RemoveUser(ExampleFriend2ID))
	if hasGuest(w.Guests(DefaultUserID), ExampleFriend2ID) || len(w.ChannelSubscribers(ExampleVideoChannelID)) != 0 {
		t.Error("the removed user is still a guest or a subscriber")
	}
	if _, ok := w.Wallet(ExampleFriend2ID); ok {
		t.Error("a removed user still has a wallet")
	}
}
