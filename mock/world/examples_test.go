package world

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestExampleObjectsExistOnEverySeed(t *testing.T) {
	sizes := []Options{{}, {Users: -1, Groups: -1}, {Users: 300, Groups: 40}}
	for _, seed := range testSeeds {
		for _, size := range sizes {
			size.Seed, size.Now = seed, testNow
			t.Run(fmt.Sprintf("seed %d users %d groups %d", seed, size.Users, size.Groups), func(t *testing.T) {
				checkExamples(t, New(size))
			})
		}
	}
}

func checkExamples(t *testing.T, w *World) {
	t.Helper()
	if w.DefaultUID() != DefaultUserID {
		t.Errorf("DefaultUID = %s", w.DefaultUID())
	}
	for _, uid := range exampleUserIDs {
		if _, ok := w.User(uid); !ok {
			t.Errorf("example user %s missing", uid)
		}
	}
	if u, _ := w.User(DefaultUserID); u.Email == "" {
		t.Error("the default user has no email")
	}
	for _, fid := range []string{ExampleFriendID, ExampleFriend2ID} {
		if !w.AreFriends(DefaultUserID, fid) {
			t.Errorf("%s is not a friend of the default user", fid)
		}
	}
	g, ok := w.Group(ExampleGroupID)
	if !ok || g.AdminUID != DefaultUserID || g.AccessType != AccessOpen {
		t.Errorf("example group = %+v, %v", g, ok)
	}
	if s, _ := w.MemberStatus(ExampleGroupID, DefaultUserID); s != MemberAdmin {
		t.Errorf("default user's status in the example group = %q", s)
	}
	if !w.IsMember(ExampleGroupID, ExampleFriendID) {
		t.Error("the example friend is not in the example group")
	}
	if a, ok := w.Album(ExampleAlbumID); !ok || a.OwnerUID != DefaultUserID || a.GroupID != "" || a.Type != AlbumPublic {
		t.Errorf("example album = %+v, %v", a, ok)
	}
	if a, ok := w.Album(ExampleGroupAlbumID); !ok || a.GroupID != ExampleGroupID {
		t.Errorf("example group album = %+v, %v", a, ok)
	}
	if p, ok := w.Photo(ExamplePhotoID); !ok || p.AlbumID != ExampleAlbumID || p.OwnerUID != DefaultUserID {
		t.Errorf("example photo = %+v, %v", p, ok)
	}
	if tp, ok := w.Topic(ExampleTopicID); !ok || tp.AuthorUID != DefaultUserID || tp.GroupID != "" || tp.Type != TopicUser {
		t.Errorf("example topic = %+v, %v", tp, ok)
	}
	if tp, ok := w.Topic(ExampleGroupTopicID); !ok || tp.AuthorUID != DefaultUserID || tp.GroupID != ExampleGroupID || tp.Type != TopicGroupTheme {
		t.Errorf("example group topic = %+v, %v", tp, ok)
	}
	checkDedicatedExamples(t, w)
}

// checkDedicatedExamples checks the objects of openapi/EXAMPLES.md that
// belong to the core kinds, as that table describes them.
func checkDedicatedExamples(t *testing.T, w *World) {
	t.Helper()
	if a, ok := w.Album(ExampleDeletableAlbumID); !ok || a.OwnerUID != DefaultUserID || a.GroupID != "" || a.Personal {
		t.Errorf("deletable album = %+v, %v", a, ok)
	}
	if p, ok := w.Photo(ExampleDeletablePhotoID); !ok || p.OwnerUID != DefaultUserID || p.AlbumID != ExampleAlbumID {
		t.Errorf("deletable photo = %+v, %v", p, ok)
	}
	if a, ok := w.Album(ExampleFriendAlbumID); !ok || a.OwnerUID != ExampleFriendID || a.GroupID != "" || a.Type != AlbumPublic {
		t.Errorf("friend's album = %+v, %v", a, ok)
	}
	if p, ok := w.Photo(ExampleFriendPhotoID); !ok || p.OwnerUID != ExampleFriendID || p.AlbumID != ExampleFriendAlbumID {
		t.Errorf("friend's photo = %+v, %v", p, ok)
	}
	if _, ok := w.User(ExampleGuestID); !ok {
		t.Error("the example guest is missing")
	}
	if tp, ok := w.Topic(ExampleFriendTopicID); !ok || tp.AuthorUID != ExampleFriendID || tp.GroupID != "" {
		t.Errorf("friend's topic = %+v, %v", tp, ok)
	}
	tp, ok := w.Topic(ExamplePollTopicID)
	if !ok || tp.AuthorUID != DefaultUserID || tp.GroupID != "" || len(tp.Media) == 0 {
		t.Fatalf("poll topic = %+v, %v", tp, ok)
	}
	var poll pollBlock
	if err := json.Unmarshal(tp.Media[0], &poll); err != nil || poll.Type != "poll" || poll.Question == "" || len(poll.Answers) < 2 {
		t.Errorf("the poll topic starts with %s", tp.Media[0])
	}
}

func TestExampleNamesComeFromTheSeed(t *testing.T) {
	names := map[string]bool{}
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		u, _ := w.User(DefaultUserID)
		g, _ := w.Group(ExampleGroupID)
		names[u.Name()+" / "+g.Name] = true
	}
	if len(names) < 3 {
		t.Errorf("example names barely vary with the seed: %v", names)
	}
}
