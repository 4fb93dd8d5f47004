package world

import (
	"errors"
	"slices"
	"testing"
)

func TestLikes(t *testing.T) {
	w := newTestWorld(t, 6)
	if !slices.Contains(w.Likers(LikeTopic, ExampleGroupTopicID), ExampleFriendID) {
		t.Error("the example friend does not like the example group topic")
	}
	if !w.Liked(LikeComment, ExampleCommentID, ExampleFriend2ID) {
		t.Error("the second example friend does not like the example comment")
	}
	for _, p := range []string{ExampleFriendPhotoID, ExamplePhotoID} {
		if w.Liked(LikePhoto, p, DefaultUserID) {
			t.Errorf("the default user already likes photo %s", p)
		}
	}
	n := w.LikeCount(LikePhoto, ExampleFriendPhotoID)
	if added, err := w.AddLike(LikePhoto, ExampleFriendPhotoID, DefaultUserID); !added || err != nil {
		t.Fatalf("AddLike = %v, %v", added, err)
	}
	if added, _ := w.AddLike(LikePhoto, ExampleFriendPhotoID, DefaultUserID); added {
		t.Error("a second like of the same user was added")
	}
	if got := w.Likers(LikePhoto, ExampleFriendPhotoID); got[0] != DefaultUserID || len(got) != n+1 {
		t.Errorf("likers %v: the latest like comes first", got)
	}
	if removed, _ := w.RemoveLike(LikePhoto, ExampleFriendPhotoID, DefaultUserID); !removed || w.LikeCount(LikePhoto, ExampleFriendPhotoID) != n {
		t.Error("RemoveLike did not take the like back")
	}
	for name, err := range map[string]error{
		"unknown photo": func() error { _, err := w.AddLike(LikePhoto, "1", DefaultUserID); return err }(),
		"unknown user":  func() error { _, err := w.AddLike(LikePhoto, ExamplePhotoID, "1"); return err }(),
		"unknown kind":  func() error { _, err := w.AddLike("planet", ExamplePhotoID, DefaultUserID); return err }(),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	must(t, w.DeleteTopic(ExampleGroupTopicID))
	if w.LikeCount(LikeTopic, ExampleGroupTopicID) != 0 || w.CommentCount(DiscussedTopic, ExampleGroupTopicID) != 0 {
		t.Error("likes and comments of a deleted topic survived")
	}
	if _, ok := w.Comment(ExampleCommentID); ok {
		t.Error("a comment of a deleted topic survived")
	}
}

func TestBookmarks(t *testing.T) {
	w := newTestWorld(t, 7)
	if !w.Bookmarked(DefaultUserID, BookmarkTopic, ExampleFriendTopicID) {
		t.Fatal("the default user has not bookmarked the example friend's topic")
	}
	if added, err := w.AddBookmark(DefaultUserID, BookmarkGroup, ExampleGroupID); err != nil || !added {
		t.Fatalf("AddBookmark = %v, %v", added, err)
	}
	if b := w.Bookmarks(DefaultUserID); b[0].Type != BookmarkGroup || b[0].RefID != ExampleGroupID {
		t.Errorf("the newest bookmark comes first: %+v", b[0])
	}
	if _, err := w.AddBookmark(DefaultUserID, BookmarkUser, "1"); !errors.Is(err, ErrUnknownObject) {
		t.Errorf("bookmark of an unknown user: %v", err)
	}
	if _, err := w.AddBookmark(DefaultUserID, "planet", "1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("bookmark of an unknown type: %v", err)
	}
	if added, err := w.AddBookmark(DefaultUserID, BookmarkAdvert, "123"); err != nil || !added {
		t.Errorf("adverts are taken on trust: %v, %v", added, err)
	}
	if removed, _ := w.RemoveBookmark(DefaultUserID, BookmarkGroup, ExampleGroupID); !removed {
		t.Error("RemoveBookmark removed nothing")
	}
	if removed, _ := w.RemoveBookmark(DefaultUserID, BookmarkGroup, ExampleGroupID); removed {
		t.Error("a second RemoveBookmark removed something")
	}
	must(t, w.DeleteTopic(ExampleFriendTopicID))
	if w.Bookmarked(DefaultUserID, BookmarkTopic, ExampleFriendTopicID) {
		t.Error("a bookmark of a deleted topic survived")
	}
}
