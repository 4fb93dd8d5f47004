package world

import (
	"sync"
	"time"
)

// World is the mutable state of a mock OK: users and what they own. It is
// safe for concurrent use. Build one with New or Restore.
type World struct {
	// mu guards everything below. Reads take the read lock only.
	mu sync.RWMutex

	seed       int64
	now        time.Time
	nextID     uint64 // the id counter of writes, see ids.go
	defaultUID string

	users   userStore
	friends friendStore
	groups  groupStore
	albums  albumStore
	photos  photoStore
	topics  topicStore
	events  eventStore

	ext      map[string]extension // registered kinds, see kind.go
	extNames []string             // sorted keys of ext
}

// New builds the world the options describe: the example objects of the
// contract, then seeded users, friendships, groups, albums, photos, topics
// and events. The same options always give the same world.
func New(opts Options) *World {
	opts = opts.normalized()
	w := newEmpty(opts.Seed, opts.Now)
	newGenerator(w, opts).run()
	return w
}

// newEmpty returns a world with no objects.
func newEmpty(seed int64, now time.Time) *World {
	w := &World{
		seed:       seed,
		now:        now,
		defaultUID: DefaultUserID,
		users:      newUserStore(),
		friends:    newFriendStore(),
		groups:     newGroupStore(),
		albums:     newAlbumStore(),
		photos:     newPhotoStore(),
		topics:     newTopicStore(),
		events:     newEventStore(),
	}
	w.ext, w.extNames = newExtensions()
	return w
}

// Seed is the seed the world was built from.
func (w *World) Seed() int64 { return w.seed }

// Now is the world's reference time (Options.Now): ages and generated dates
// are relative to it, and writes without a time are stamped with it.
func (w *World) Now() time.Time { return w.now }

// DefaultUID is the user of sessions that name none: DefaultUserID.
func (w *World) DefaultUID() string { return w.defaultUID }

// stamp is t, or the world's Now when t is zero, normalised.
func (w *World) stamp(t time.Time) time.Time {
	if t.IsZero() {
		return w.now
	}
	return normTime(t)
}
