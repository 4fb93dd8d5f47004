package world

import (
	"encoding/json"
	"fmt"
	"time"
)

// snapshotVersion is the format of Snapshot; Restore refuses others.
const snapshotVersion = 1

// snapshotDoc is the JSON form of a world.
type snapshotDoc struct {
	Version    int                        `json:"version"`
	Seed       int64                      `json:"seed"`
	Now        time.Time                  `json:"now"`
	NextID     uint64                     `json:"next_id"`
	DefaultUID string                     `json:"default_uid"`
	Kinds      map[string]json.RawMessage `json:"kinds"`
}

// part is what a kind does to be saved and restored.
type part interface {
	save() any
	load(data json.RawMessage) error
}

// partsLocked are every kind of the world by name, core and extensions.
func (w *World) partsLocked() map[string]part {
	parts := map[string]part{
		"users": &w.users, "friends": &w.friends, "groups": &w.groups,
		"albums": &w.albums, "photos": &w.photos, "topics": &w.topics, "events": &w.events,
	}
	for name, e := range w.ext {
		parts[name] = e
	}
	return parts
}

// Snapshot returns the whole world as JSON, id counter included, for
// Restore. Equal worlds give equal bytes: maps are written in key order.
func (w *World) Snapshot() ([]byte, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	doc := snapshotDoc{
		Version: snapshotVersion, Seed: w.seed, Now: w.now, NextID: w.nextID,
		DefaultUID: w.defaultUID, Kinds: map[string]json.RawMessage{},
	}
	for name, p := range w.partsLocked() {
		raw, err := json.Marshal(p.save())
		if err != nil {
			return nil, fmt.Errorf("world: snapshot of %s: %w", name, err)
		}
		doc.Kinds[name] = raw
	}
	return json.Marshal(doc)
}

// Restore rebuilds a world from Snapshot's JSON. The restored world goes on
// with the same ids as the one that was saved. Kinds missing from the data
// are empty; unknown kinds are an error.
func Restore(data []byte) (*World, error) {
	var doc snapshotDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("world: restore: %w", err)
	}
	if doc.Version != snapshotVersion {
		return nil, fmt.Errorf("world: restore: snapshot version %d, want %d", doc.Version, snapshotVersion)
	}
	w := newEmpty(doc.Seed, normTime(doc.Now))
	w.nextID = doc.NextID
	parts := w.partsLocked()
	for name, raw := range doc.Kinds {
		p, ok := parts[name]
		if !ok {
			return nil, fmt.Errorf("world: restore: unknown kind %q", name)
		}
		if err := p.load(raw); err != nil {
			return nil, fmt.Errorf("world: restore %s: %w", name, err)
		}
		// A hand-edited snapshot may hold ids above its NextID.
		w.reserveIDsInLocked(raw)
	}
	if doc.DefaultUID != "" {
		w.defaultUID = doc.DefaultUID
	}
	if !w.users.has(w.defaultUID) {
		return nil, fmt.Errorf("world: restore: default user %s missing", w.defaultUID)
	}
	return w, nil
}
