package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

func TestBookmarksAreReadBack(t *testing.T) {
	ts, token := newWriteServer(t)
	var gid string
	for _, id := range ts.srv.world.GroupIDs() {
		if !ts.srv.world.Bookmarked(world.DefaultUserID, world.BookmarkGroup, id) {
			gid = id
			break
		}
	}
	groupBookmarked := func() any {
		var got []map[string]any
		ts.ok(token, callParams("group.getInfo", "uids", gid, "fields", "uid,bookmarked"), &got)
		return got[0]["bookmarked"]
	}
	if groupBookmarked() != false {
		t.Fatalf("group.getInfo shows group %s bookmarked", gid)
	}
	ts.ok(token, callParams("bookmark.add", "ref_id", gid, "bookmark_type", "group"), nil)
	ts.ok(token, callParams("bookmark.add", "ref_id", gid, "bookmark_type", "group"), nil)
	if groupBookmarked() != true {
		t.Error("bookmark.add did not show in group.getInfo")
	}
	ts.ok(token, callParams("bookmark.delete", "ref_id", gid, "bookmark_type", "group"), nil)
	if groupBookmarked() != false {
		t.Error("bookmark.delete did not show in group.getInfo")
	}
	ts.fails(CodeNotFound, token, callParams("bookmark.delete", "ref_id", gid, "bookmark_type", "group"))

	if ts.topicRead(token, world.ExampleFriendTopicID)["bookmarked"] != true {
		t.Error("the example friend's topic is not bookmarked")
	}
	for range 2 {
		ts.ok(token, callParams("bookmark.delete", "ref_id", world.ExampleFriendTopicID, "bookmark_type", "topic"), nil)
	}
	if ts.topicRead(token, world.ExampleFriendTopicID)["bookmarked"] != false {
		t.Error("the deleted bookmark still shows")
	}
	ts.fails(CodeNotFound, token, callParams("bookmark.add", "ref_id", "1", "bookmark_type", "user"))
	ts.fails(CodeParam, token, callParams("bookmark.add", "ref_id", "1", "bookmark_type", "planet"))
}
