package world

import (
	"bytes"
	"strconv"
	"testing"
)

// TestMintedIDsAvoidNamedOnes: ids the counter makes never meet an id a
// caller named or a snapshot holds, whatever its kind.
func TestMintedIDsAvoidNamedOnes(t *testing.T) {
	t.Run("a user put with an id in the counter band", func(t *testing.T) {
		w := newTestWorld(t, 1)
		// The next short id the counter would make, and one beyond it.
		next := strconv.FormatUint(counterShort+w.nextID+1, 10)
		later := strconv.FormatUint(counterShort+w.nextID+5, 10)
		for _, uid := range []string{next, later} {
			must(t, w.PutUser(User{UID: uid, FirstName: "Анна", LastName: "Иванова", Gender: "female"}))
		}
		aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: w.DefaultUID(), Title: "после"}))
		if aid == next || aid == later {
			t.Fatalf("album id %s is a user's", aid)
		}
		if _, ok := w.User(aid); ok {
			t.Fatalf("album id %s names a user", aid)
		}
	})
	t.Run("a hand-edited snapshot with an id above its counter", func(t *testing.T) {
		w := newTestWorld(t, 1)
		tid := mustID(t)(w.PostTopic(Topic{AuthorUID: w.DefaultUID(), Media: textMedia("первый")}))
		data := snapshot(t, w)
		// Move the topic's id past NextID, where the counter would get to, as an editor might.
		far := strconv.FormatUint(counterLong+w.nextID+2, 10)
		edited := bytes.ReplaceAll(data, []byte(`"`+tid+`"`), []byte(`"`+far+`"`))
		r, err := Restore(edited)
		must(t, err)
		if _, ok := r.Topic(far); !ok {
			t.Fatal("edited topic not restored")
		}
		for range 3 {
			id := mustID(t)(r.PostTopic(Topic{AuthorUID: r.DefaultUID(), Media: textMedia("новый")}))
			if id == far {
				t.Fatalf("minted %s, the restored topic's id", id)
			}
		}
	})
}

// TestReserveIgnoresIDsOutsideTheBands keeps seeded and example ids from
// moving the counter.
func TestReserveIgnoresIDsOutsideTheBands(t *testing.T) {
	for _, id := range []string{"575000000001", "512000000001", "62000000000000", "abc", "", "5900000000001", "590000000000"} {
		w := newEmpty(1, testNow)
		w.reserveLocked(id)
		if w.nextID != 0 {
			t.Errorf("reserve(%q) moved the counter to %d", id, w.nextID)
		}
	}
	w := newEmpty(1, testNow)
	w.reserveLocked("590000000042")
	w.reserveLocked("59000000000007")
	if w.nextID != 42 {
		t.Errorf("counter at %d, want 42", w.nextID)
	}
}
