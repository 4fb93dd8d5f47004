package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// Entries deleted from the feed and reported as spam are kept per user;
// only entries of the user's own feed can be.
func TestFeedWritesAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	_, w := ts.srv.state()
	var done bool
	ts.ok(tok, callParams("stream.delete"), &done)
	if done {
		t.Error("stream.delete with nothing to delete answered true")
	}
	for range 2 {
		ts.ok(tok, callParams("stream.delete", "delete_id", world.ExampleFeedItemID, "banner_id", world.ExampleBannerID), &done)
	}
	if !done || !w.FeedEntryHidden(world.DefaultUserID, world.ExampleFeedItemID) || !w.BannerHidden(world.DefaultUserID, world.ExampleBannerID) {
		t.Error("the feed item or the banner is still shown")
	}
	// A friend's topic is in the feed under its own id.
	ts.ok(tok, callParams("stream.delete", "delete_ref_id", world.ExampleFriendTopicID), nil)
	if !w.FeedEntryHidden(world.DefaultUserID, world.ExampleFriendTopicID) {
		t.Error("the friend's topic is still shown")
	}
	ts.fails(CodeNotFound, tok, callParams("stream.delete", "delete_id", "590999999999"))

	ts.ok(tok, callParams("stream.markAsSpam", "mark_as_spam_id", world.ExampleSpamFeedItemID, "delete_id", world.ExampleSpamFeedItemID), nil)
	if r := w.SpamReports(world.DefaultUserID); len(r) != 1 || r[0].ItemID != world.ExampleSpamFeedItemID || r[0].Complaint != "SPAM" {
		t.Errorf("spam reports: %+v", r)
	}
	if !w.FeedEntryHidden(world.DefaultUserID, world.ExampleSpamFeedItemID) {
		t.Error("markAsSpam with delete_id left the entry")
	}
	friend := ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS")
	ts.fails(CodeNotFound, friend, callParams("stream.markAsSpam", "mark_as_spam_id", world.ExampleFeedItemID))
}

// A user's feed follows their friends and groups.
func TestFeedSubscriptions(t *testing.T) {
	ts, tok := newWriteServer(t)
	_, w := ts.srv.state()
	var stranger string
	for _, uid := range w.UserIDs() {
		if uid != world.DefaultUserID && !w.AreFriends(uid, world.DefaultUserID) {
			stranger = uid
			break
		}
	}
	for _, tc := range []struct {
		params map[string]string
		want   bool
	}{
		{callParams("stream.isSubscribed", "fid", world.ExampleFriendID), true},
		{callParams("stream.isSubscribed", "fid", stranger), false},
		{callParams("stream.isSubscribed", "gid", world.ExampleGroupID), true},
		{callParams("stream.isSubscribed"), false},
	} {
		var got bool
		ts.ok(tok, tc.params, &got)
		if got != tc.want {
			t.Errorf("%v: %v, want %v", tc.params, got, tc.want)
		}
	}
	ts.fails(CodeParam, tok, callParams("stream.isSubscribed", "fid", world.ExampleFriendID, "gid", world.ExampleGroupID))
}
