// Package world is the seeded, mutable, thread-safe world of okmock: the
// Russian-speaking OK users and what they own (friends, groups, albums,
// photos, media topics, event counters).
//
// A World is built from Options by New. The same seed and options always
// give the same world, and the same sequence of writes then gives the same
// ids, so tests and snapshots are reproducible. The fixed example objects of
// the shared contract (examples.go) exist in every world whatever the seed;
// only their names and contents come from the seed.
//
// Every read returns a copy: callers may keep and change what they get
// without touching the world. Writes are serialised by one RWMutex; reads,
// the hot path of every request, take the read lock and do O(1) map lookups.
//
// The package knows nothing of HTTP or of OK's wire format beyond the JSON
// tags used by Snapshot and Restore.
//
// New object kinds (bookmarks, likes, videos, ...) are added in their own
// files by implementing the extension interface of kind.go and registering
// it; the core (World, snapshot, id allocation, cascading deletes) needs no
// change.
package world
