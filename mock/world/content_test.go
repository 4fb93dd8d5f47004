package world

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSeededAlbumsPhotosAndTopics(t *testing.T) {
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		photos, topics := 0, 0
		owners := append(w.UserIDs(), w.GroupIDs()...)
		for _, owner := range owners {
			albums := w.Albums(owner)
			if !slices.IsSortedFunc(albums, func(a, b Album) int { return b.Created.Compare(a.Created) }) {
				t.Errorf("albums of %s are not newest first", owner)
			}
			for _, a := range albums {
				if a.owner() != owner || a.Title == "" || len(a.ID) != 12 {
					t.Errorf("album %+v listed under %s", a, owner)
				}
				for _, p := range w.Photos(a.ID) {
					photos++
					if p.AlbumID != a.ID || p.GroupID != a.GroupID || p.StandardWidth <= 0 || p.StandardHeight <= 0 ||
						p.Created.Before(a.Created) || p.Created.After(testNow) || !cdnPicture.MatchString(p.PicURL("pic640x480")) {
						t.Errorf("photo %+v in album %+v", p, a)
					}
					if a.GroupID != "" && !w.IsMember(a.GroupID, p.OwnerUID) {
						t.Errorf("photo %s by a non-member of %s", p.ID, a.GroupID)
					}
				}
			}
			for _, tp := range w.Topics(owner) {
				topics++
				if tp.owner() != owner || len(tp.ID) != 14 && !strings.HasPrefix(tp.ID, "575000000") || len(tp.Media) == 0 {
					t.Errorf("topic %s of %s listed under %s", tp.ID, tp.owner(), owner)
				}
				if tp.ID == ExamplePollTopicID {
					continue // starts with its poll
				}
				var first textBlock
				if err := json.Unmarshal(tp.Media[0], &first); err != nil || first.Type != "text" || !cyrillicText.MatchString(first.Text) {
					t.Errorf("topic %s starts with %s", tp.ID, tp.Media[0])
				}
			}
		}
		if photos < 100 || topics < 40 {
			t.Errorf("seed %d: only %d photos and %d topics", seed, photos, topics)
		}
	}
}

func TestWritesGetDeterministicFreshIDs(t *testing.T) {
	writes := func(w *World) []string {
		aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: DefaultUserID, Title: "Море"}))
		pid := mustID(t)(w.AddPhoto(Photo{AlbumID: aid, Text: "Закат"}))
		tid := mustID(t)(w.PostTopic(Topic{AuthorUID: DefaultUserID, Media: textMedia("Привет")}))
		gid := mustID(t)(w.CreateGroup(Group{Name: "Клуб", AdminUID: DefaultUserID}))
		return []string{aid, pid, tid, gid, w.PersonalAlbum(ExampleFriendID)}
	}
	a, b := writes(newTestWorld(t, 11)), writes(newTestWorld(t, 11))
	if !slices.Equal(a, b) {
		t.Errorf("same seed and writes gave ids %v and %v", a, b)
	}
	for i, id := range a {
		if slices.Contains(a[:i], id) {
			t.Errorf("id %s given twice", id)
		}
	}
	if !isDigits(a[0]) || len(a[0]) != 12 || len(a[2]) != 14 || len(a[3]) != 14 {
		t.Errorf("ids %v", a)
	}
}

func TestCounterIDsSkipTakenOnes(t *testing.T) {
	w := newTestWorld(t, 11)
	// A declared user squats the first counter id.
	must(t, w.PutUser(User{UID: "590000000001", FirstName: "Занял", LastName: "Номер"}))
	aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: DefaultUserID, Title: "Море"}))
	if aid == "590000000001" {
		t.Error("a new album took a user's id")
	}
}

func TestAlbumsAndPhotos(t *testing.T) {
	w := newTestWorld(t, 12)
	before := len(w.Albums(DefaultUserID))
	aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: DefaultUserID, Title: "Новое", Created: testNow.Add(time.Hour)}))
	albums := w.Albums(DefaultUserID)
	if len(albums) != before+1 || albums[0].ID != aid || albums[0].Type != AlbumPublic {
		t.Fatalf("new album is not first of %d: %+v", len(albums), albums[0])
	}
	p1 := mustID(t)(w.AddPhoto(Photo{AlbumID: aid, Text: "Первое"}))
	p2 := mustID(t)(w.AddPhoto(Photo{AlbumID: aid}))
	photos := w.Photos(aid)
	if len(photos) != 2 || photos[0].ID != p2 || photos[1].ID != p1 || w.PhotoCount(aid) != 2 {
		t.Fatalf("photos = %+v", photos)
	}
	if p := photos[1]; p.OwnerUID != DefaultUserID || p.Text != "Первое" || p.StandardWidth == 0 || !p.Created.Equal(testNow) {
		t.Errorf("photo = %+v", p)
	}
	must(t, w.DeletePhoto(p1))
	if _, ok := w.Photo(p1); ok || w.PhotoCount(aid) != 1 {
		t.Error("DeletePhoto left the photo")
	}
	must(t, w.DeleteAlbum(aid))
	if _, ok := w.Album(aid); ok {
		t.Error("DeleteAlbum left the album")
	}
	if _, ok := w.Photo(p2); ok {
		t.Error("DeleteAlbum left a photo")
	}

	errs := []struct {
		name string
		err  error
		want error
	}{
		{"photo in unknown album", second(w.AddPhoto(Photo{AlbumID: "1"})), ErrUnknownAlbum},
		{"photo by unknown user", second(w.AddPhoto(Photo{AlbumID: ExampleAlbumID, OwnerUID: "1"})), ErrUnknownUser},
		{"photo in a foreign group", second(w.AddPhoto(Photo{AlbumID: ExampleAlbumID, GroupID: ExampleGroupID})), ErrInvalid},
		{"album of unknown user", second(w.CreateAlbum(Album{OwnerUID: "1", Title: "x"})), ErrUnknownUser},
		{"album of unknown group", second(w.CreateAlbum(Album{OwnerUID: DefaultUserID, GroupID: "1", Title: "x"})), ErrUnknownGroup},
		{"album without title", second(w.CreateAlbum(Album{OwnerUID: DefaultUserID})), ErrInvalid},
		{"album of bad type", second(w.CreateAlbum(Album{OwnerUID: DefaultUserID, Title: "x", Type: "OPEN"})), ErrInvalid},
		{"delete unknown photo", w.DeletePhoto("1"), ErrUnknownPhoto},
		{"delete unknown album", w.DeleteAlbum("1"), ErrUnknownAlbum},
	}
	for _, e := range errs {
		if !errors.Is(e.err, e.want) {
			t.Errorf("%s: %v, want %v", e.name, e.err, e.want)
		}
	}
}

func TestPersonalAlbumIsMadeOnce(t *testing.T) {
	w := newTestWorld(t, 12)
	aid := w.PersonalAlbum(DefaultUserID)
	if aid == "" || w.PersonalAlbum(DefaultUserID) != aid {
		t.Fatalf("PersonalAlbum gave %q then another", aid)
	}
	if a, _ := w.Album(aid); !a.Personal || a.OwnerUID != DefaultUserID || a.Title == "" {
		t.Errorf("personal album = %+v", a)
	}
	if w.PersonalAlbum("1") != "" {
		t.Error("an unknown user got a personal album")
	}
}

func TestTopics(t *testing.T) {
	w := newTestWorld(t, 13)
	media := []json.RawMessage{
		json.RawMessage(`{ "type": "text", "text": "Всем привет" }`),
		json.RawMessage(`{"type":"link","url":"https://ok.ru"}`),
	}
	tid := mustID(t)(w.PostTopic(Topic{AuthorUID: DefaultUserID, Media: media, Created: testNow.Add(time.Minute)}))
	got, ok := w.Topic(tid)
	if !ok || got.Type != TopicUser || string(got.Media[0]) != `{"type":"text","text":"Всем привет"}` {
		t.Fatalf("topic = %+v", got)
	}
	if w.Topics(DefaultUserID)[0].ID != tid {
		t.Error("the new topic is not the user's newest")
	}
	gtid := mustID(t)(w.PostTopic(Topic{AuthorUID: ExampleFriendID, GroupID: ExampleGroupID, Media: media}))
	if gt, _ := w.Topic(gtid); gt.Type != TopicGroupTheme || !slices.ContainsFunc(w.Topics(ExampleGroupID), func(t Topic) bool { return t.ID == gtid }) {
		t.Errorf("group topic = %+v", gt)
	}

	got.Media[0][2] = 'X'
	if again, _ := w.Topic(tid); again.Media[0][2] == 'X' {
		t.Error("changing a returned topic changed the world")
	}
	media[0][2] = 'Y'
	if again, _ := w.Topic(tid); again.Media[0][2] == 'Y' {
		t.Error("changing the posted media changed the world")
	}

	must(t, w.DeleteTopic(tid))
	if _, ok := w.Topic(tid); ok {
		t.Error("DeleteTopic left the topic")
	}
	errs := []struct {
		name string
		t    Topic
		want error
	}{
		{"unknown author", Topic{AuthorUID: "1", Media: textMedia("x")}, ErrUnknownUser},
		{"unknown group", Topic{AuthorUID: DefaultUserID, GroupID: "1", Media: textMedia("x")}, ErrUnknownGroup},
		{"no media", Topic{AuthorUID: DefaultUserID}, ErrInvalid},
		{"media not an object", Topic{AuthorUID: DefaultUserID, Media: []json.RawMessage{json.RawMessage(`"text"`)}}, ErrInvalid},
		{"media not JSON", Topic{AuthorUID: DefaultUserID, Media: []json.RawMessage{json.RawMessage(`{`)}}, ErrInvalid},
		{"group type without group", Topic{AuthorUID: DefaultUserID, Type: TopicGroupTheme, Media: textMedia("x")}, ErrInvalid},
		{"user type in a group", Topic{AuthorUID: DefaultUserID, GroupID: ExampleGroupID, Type: TopicUser, Media: textMedia("x")}, ErrInvalid},
		{"unknown type", Topic{AuthorUID: DefaultUserID, Type: "BLOG", Media: textMedia("x")}, ErrInvalid},
	}
	for _, e := range errs {
		if _, err := w.PostTopic(e.t); !errors.Is(err, e.want) {
			t.Errorf("%s: %v, want %v", e.name, err, e.want)
		}
	}
	if err := w.DeleteTopic(tid); !errors.Is(err, ErrUnknownTopic) {
		t.Errorf("second DeleteTopic: %v", err)
	}
}

// second is the error of an (id, error) pair.
func second(_ string, err error) error { return err }
