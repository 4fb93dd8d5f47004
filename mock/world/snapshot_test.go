package world

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestSnapshotRoundTrip(t *testing.T) {
	w := newTestWorld(t, 31)
	// Writes of every kind, so that the counter and indexes are exercised.
	must(t, w.PutUser(User{UID: "100000000001", FirstName: "Ольга", LastName: "Сохранова", Gender: Female}))
	must(t, w.AddFriendship("100000000001", DefaultUserID))
	must(t, w.JoinGroup(ExampleGroupID, "100000000001"))
	aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: "100000000001", Title: "Сохранённое"}))
	mustID(t)(w.AddPhoto(Photo{AlbumID: aid}))
	mustID(t)(w.PostTopic(Topic{AuthorUID: "100000000001", Media: textMedia("Снимок")}))
	must(t, w.SetStatus(DefaultUserID, "Сохранено"))
	must(t, w.DeletePhoto(ExamplePhotoID))
	w.PersonalAlbum(DefaultUserID)

	data := snapshot(t, w)
	r, err := Restore(data)
	if err != nil {
		t.Fatal(err)
	}
	if again := snapshot(t, r); !bytes.Equal(again, data) {
		t.Fatal("a restored world snapshots differently")
	}
	for _, uid := range w.UserIDs() {
		wu, _ := w.User(uid)
		ru, _ := r.User(uid)
		if wu != ru || !slices.Equal(w.Friends(uid), r.Friends(uid)) || !slices.Equal(w.UserGroups(uid), r.UserGroups(uid)) {
			t.Fatalf("user %s differs after restore", uid)
		}
		if !slices.Equal(w.Albums(uid), r.Albums(uid)) || !slices.Equal(topicIDs(w.Topics(uid)), topicIDs(r.Topics(uid))) {
			t.Fatalf("content of %s differs after restore", uid)
		}
	}
	if !slices.Equal(w.Photos(ExampleAlbumID), r.Photos(ExampleAlbumID)) {
		t.Error("album order differs after restore")
	}
	if r.Seed() != w.Seed() || !r.Now().Equal(w.Now()) || r.DefaultUID() != w.DefaultUID() {
		t.Error("seed, Now or default user differ after restore")
	}

	// Both go on with the same ids.
	next := func(w *World) string {
		return mustID(t)(w.PostTopic(Topic{AuthorUID: DefaultUserID, Media: textMedia("Дальше")}))
	}
	if a, b := next(w), next(r); a != b {
		t.Errorf("after restore the next id is %s, the original's %s", b, a)
	}
}

func TestRestoreRejectsBadSnapshots(t *testing.T) {
	good := snapshot(t, New(Options{Seed: 1, Users: -1, Groups: -1, Now: testNow}))
	var doc map[string]json.RawMessage
	must(t, json.Unmarshal(good, &doc))
	edit := func(key, value string) []byte {
		d := map[string]json.RawMessage{}
		for k, v := range doc {
			d[k] = v
		}
		d[key] = json.RawMessage(value)
		b, _ := json.Marshal(d)
		return b
	}
	bad := map[string][]byte{
		"not JSON":        []byte("{"),
		"other version":   edit("version", "2"),
		"unknown kind":    edit("kinds", `{"dragons":{}}`),
		"malformed kind":  edit("kinds", `{"users":[1,2]}`),
		"no default user": edit("kinds", `{"users":{}}`),
		"unknown default": edit("default_uid", `"999"`),
	}
	for name, data := range bad {
		if _, err := Restore(data); err == nil {
			t.Errorf("%s: Restore succeeded", name)
		} else if !strings.HasPrefix(err.Error(), "world: restore") {
			t.Errorf("%s: error %q", name, err)
		}
	}
}

func TestRestoreRepairsOneWayFriendships(t *testing.T) {
	w := New(Options{Seed: 1, Users: -1, Groups: -1, Now: testNow})
	const loner = "100000000001"
	must(t, w.PutUser(User{UID: loner, FirstName: "Один", LastName: "Одинов"}))
	data := snapshot(t, w)
	hand := strings.Replace(string(data), `"friends":{`, `"friends":{"`+loner+`":["`+ExampleFriendID+`"],`, 1)
	r, err := Restore([]byte(hand))
	if err != nil {
		t.Fatal(err)
	}
	if !r.AreFriends(ExampleFriendID, loner) || !r.AreFriends(loner, ExampleFriendID) || !r.AreFriends(ExampleFriendID, DefaultUserID) {
		t.Error("a one-way friendship of a state file was not made symmetric")
	}
}

func topicIDs(ts []Topic) []string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}
