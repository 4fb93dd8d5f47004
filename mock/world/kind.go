package world

import (
	"encoding/json"
	"fmt"
	"slices"
)

// extension is a kind of world object kept in its own file (bookmarks,
// likes, videos, ...). The World holds one instance per registered kind,
// guarded by the World's lock, and drives it through these hooks, so that
// adding a kind touches no core file:
//
//	func init() { registerKind("bookmarks", func() extension { return &bookmarks{} }) }
//	func (w *World) Bookmarks(uid string) []Bookmark { w.mu.RLock(); defer w.mu.RUnlock(); ... w.ext["bookmarks"].(*bookmarks) ... }
type extension interface {
	// has reports whether the kind holds an object with this id, so that
	// new ids of every kind stay distinct.
	has(id string) bool
	// populate adds the seeded content of a new world, after the core
	// kinds; it draws only from g so that worlds stay reproducible.
	populate(g *generator)
	// forget drops whatever refers to an object that was removed: kind is
	// "user", "group", "album", "photo", "topic" or another extension's name.
	forget(kind, id string)
	// save returns the kind's content for a snapshot (marshalled to JSON).
	save() any
	// load replaces the content with a snapshot's and rebuilds indexes.
	load(data json.RawMessage) error
}

// kindFactories are the registered extensions, by name.
var kindFactories = map[string]func() extension{}

// registerKind makes every new World carry an extension. It is meant for
// init functions; a name may be registered once and may not shadow a core
// kind.
func registerKind(name string, factory func() extension) {
	if _, dup := kindFactories[name]; dup || slices.Contains(coreKinds, name) {
		panic(fmt.Sprintf("world: kind %q registered twice", name))
	}
	kindFactories[name] = factory
}

// coreKinds are the kinds the World holds in fields of its own, in the
// order snapshots and cascades visit them.
var coreKinds = []string{"users", "friends", "groups", "albums", "photos", "topics", "events"}

// newExtensions builds one instance of every registered extension and
// returns them with their names in a fixed (sorted) order.
func newExtensions() (map[string]extension, []string) {
	ext := make(map[string]extension, len(kindFactories))
	names := make([]string, 0, len(kindFactories))
	for name, factory := range kindFactories {
		ext[name] = factory()
		names = append(names, name)
	}
	slices.Sort(names)
	return ext, names
}

// forgetLocked tells every extension that an object was removed.
func (w *World) forgetLocked(kind, id string) {
	for _, name := range w.extNames {
		w.ext[name].forget(kind, id)
	}
}
