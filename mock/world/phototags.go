package world

import (
	"slices"
	"time"
)

// ExamplePhotoTagID is the tag of the example friend on ExamplePhotoID,
// removed by the photos.deleteTags example (openapi/EXAMPLES.md).
const ExamplePhotoTagID = "575000000913"

// PhotoTag marks a user on a photo at a point (in percent of the photo's
// width and height).
type PhotoTag struct {
	ID      string    `json:"id"`
	PhotoID string    `json:"photo_id"`
	UID     string    `json:"uid"`
	X       int       `json:"x"`
	Y       int       `json:"y"`
	Text    string    `json:"text,omitempty"`
	Created time.Time `json:"created"`
}

// tagStore holds photo tags, listed per photo.
type tagStore struct {
	table[PhotoTag]
}

func init() {
	registerKind("phototags", func() extension {
		return &tagStore{newTable(func(t PhotoTag) string { return t.ID }, func(t PhotoTag) string { return t.PhotoID },
			func(t PhotoTag) time.Time { return t.Created })}
	})
}

// populate tags the example friend on the example photo, and friends of
// the owner on about one photo in eight.
func (s *tagStore) populate(g *generator) {
	g = g.kindGenerator("phototags")
	if p, ok := g.w.photos.byID[ExamplePhotoID]; ok {
		s.put(PhotoTag{ID: ExamplePhotoTagID, PhotoID: p.ID, UID: ExampleFriendID, X: 40, Y: 35, Created: p.Created})
	}
	for _, pid := range g.w.photos.where(func(p Photo) bool { return p.GroupID == "" }) {
		p := g.w.photos.byID[pid]
		friends := g.w.friends.lists[p.OwnerUID]
		if len(friends) == 0 || !g.chance(0.125) {
			continue
		}
		s.put(PhotoTag{
			ID: g.randomID(seededShort), PhotoID: pid, UID: g.pick(friends),
			X: g.between(5, 95), Y: g.between(5, 95), Created: g.after(p.Created),
		})
	}
}

func (s *tagStore) forget(kind, id string) {
	switch kind {
	case "photo":
		for _, tid := range s.ids(id) {
			s.remove(tid)
		}
	case "user":
		for _, tid := range s.where(func(t PhotoTag) bool { return t.UID == id }) {
			s.remove(tid)
		}
	}
}

func (w *World) tagsLocked() *tagStore { return w.ext["phototags"].(*tagStore) }

// PhotoTags returns the tags on a photo, newest first.
func (w *World) PhotoTags(pid string) []PhotoTag {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.tagsLocked().list(pid)
}

// TaggedPhotos returns the ids of the photos the user is tagged on, newest
// photo first.
func (w *World) TaggedPhotos(uid string) []Photo {
	w.mu.RLock()
	defer w.mu.RUnlock()
	tags := w.tagsLocked()
	var out []Photo
	seen := map[string]bool{}
	for _, tid := range tags.where(func(t PhotoTag) bool { return t.UID == uid }) {
		pid := tags.byID[tid].PhotoID
		if !seen[pid] {
			seen[pid] = true
			out = append(out, w.photos.byID[pid])
		}
	}
	slices.SortFunc(out, func(a, b Photo) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return compareIDs(b.ID, a.ID)
	})
	return out
}

// DeletePhotoTags removes the tags with the ids from the photo and returns
// how many were there; ids of tags on other photos are left alone.
func (w *World) DeletePhotoTags(pid string, ids []string) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.photos.has(pid) {
		return 0, notFound(ErrUnknownPhoto, pid)
	}
	tags := w.tagsLocked()
	n := 0
	for _, id := range ids {
		if t, ok := tags.byID[id]; ok && t.PhotoID == pid {
			tags.remove(id)
			n++
		}
	}
	return n, nil
}
