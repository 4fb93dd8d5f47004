package world

import (
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentWritesAndReads hammers one world from many goroutines
// (run it with -race): every acknowledged write must be readable at once
// and afterwards, and ids must never be handed out twice.
func TestConcurrentWritesAndReads(t *testing.T) {
	w := newTestWorld(t, 41)
	uids := w.UserIDs()
	const writers, readers, rounds = 8, 8, 60

	var mu sync.Mutex
	acked := map[string]string{} // id -> kind
	ack := func(id, kind string) {
		mu.Lock()
		defer mu.Unlock()
		if prev, dup := acked[id]; dup {
			t.Errorf("id %s handed out twice (%s, %s)", id, prev, kind)
		}
		acked[id] = kind
	}

	var wg sync.WaitGroup
	for n := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			uid := fmt.Sprintf("1000000%05d", n)
			if err := w.PutUser(User{UID: uid, FirstName: "Поток", LastName: "Потоков"}); err != nil {
				t.Error(err)
				return
			}
			for i := range rounds {
				aid, err := w.CreateAlbum(Album{OwnerUID: uid, Title: "Альбом"})
				if err != nil {
					t.Error(err)
					return
				}
				ack(aid, "album")
				pid, err := w.AddPhoto(Photo{AlbumID: aid})
				if err != nil {
					t.Error(err)
					return
				}
				ack(pid, "photo")
				if p, ok := w.Photo(pid); !ok || p.AlbumID != aid {
					t.Errorf("photo %s not readable after AddPhoto", pid)
				}
				tid, err := w.PostTopic(Topic{AuthorUID: uid, Media: textMedia("Привет")})
				if err != nil {
					t.Error(err)
					return
				}
				ack(tid, "topic")
				friend := uids[(n*rounds+i)%len(uids)]
				if err := w.AddFriendship(uid, friend); err != nil || !w.AreFriends(friend, uid) {
					t.Errorf("friendship %s-%s not readable: %v", uid, friend, err)
				}
				if i%3 == 0 {
					if err := w.RemoveFriendship(uid, friend); err != nil || w.AreFriends(uid, friend) {
						t.Errorf("friendship %s-%s survived: %v", uid, friend, err)
					}
				}
				if err := w.JoinGroup(ExampleGroupID, uid); err != nil || !w.IsMember(ExampleGroupID, uid) {
					t.Errorf("membership of %s not readable: %v", uid, err)
				}
				text := fmt.Sprintf("статус %d", i)
				if err := w.SetStatus(uid, text); err != nil {
					t.Error(err)
				} else if s, _ := w.Status(uid); s != text {
					t.Errorf("status of %s = %q after setting %q", uid, s, text)
				}
				w.PersonalAlbum(uid)
			}
		}()
	}
	for n := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds * 4 {
				uid := uids[(n+i)%len(uids)]
				if _, ok := w.User(uid); !ok {
					t.Errorf("seeded user %s vanished", uid)
				}
				for _, fid := range w.Friends(uid) {
					w.User(fid)
				}
				w.UserGroups(uid)
				w.GroupMembers(ExampleGroupID)
				w.Topics(uid)
				w.Albums(uid)
				w.Events(uid)
				if i%40 == 0 {
					if _, err := w.Snapshot(); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()

	for id, kind := range acked {
		var ok bool
		switch kind {
		case "album":
			_, ok = w.Album(id)
		case "photo":
			_, ok = w.Photo(id)
		case "topic":
			_, ok = w.Topic(id)
		}
		if !ok {
			t.Errorf("%s %s lost", kind, id)
		}
	}
	if want := writers * rounds * 3; len(acked) != want {
		t.Errorf("%d acknowledged writes, want %d", len(acked), want)
	}
	if _, err := Restore(snapshot(t, w)); err != nil {
		t.Errorf("the world after the storm does not restore: %v", err)
	}
}
