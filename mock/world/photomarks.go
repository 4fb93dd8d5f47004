package world

import "time"

// PhotoMark is a rating a user gave a photo: 1 to 5, or 6 for OK's "5+".
type PhotoMark struct {
	PhotoID  string    `json:"photo_id"`
	OwnerUID string    `json:"owner_uid"` // the photo's owner, whose marks these are
	UID      string    `json:"uid"`       // who rated it
	Mark     int       `json:"mark"`
	Created  time.Time `json:"created"`
}

// markID names a mark: one per user and photo. It is not digits, so it
// never meets an object id.
func markID(m PhotoMark) string { return m.PhotoID + "/" + m.UID }

// markStore holds photo marks, listed per owner of the rated photo.
type markStore struct {
	table[PhotoMark]
}

func init() {
	registerKind("photomarks", func() extension {
		return &markStore{newTable(markID, func(m PhotoMark) string { return m.OwnerUID },
			func(m PhotoMark) time.Time { return m.Created })}
	})
}

// populate has friends rate about one personal photo in four; the example
// friend gave the example photo a 5.
func (s *markStore) populate(g *generator) {
	g = g.kindGenerator("photomarks")
	if p, ok := g.w.photos.byID[ExamplePhotoID]; ok {
		s.put(PhotoMark{PhotoID: p.ID, OwnerUID: p.OwnerUID, UID: ExampleFriendID, Mark: 5, Created: g.after(p.Created)})
	}
	for _, pid := range g.w.photos.where(func(p Photo) bool { return p.GroupID == "" && p.ID != ExamplePhotoID }) {
		p := g.w.photos.byID[pid]
		friends := g.w.friends.lists[p.OwnerUID]
		if len(friends) == 0 || !g.chance(0.25) {
			continue
		}
		for _, uid := range g.shuffled(friends)[:g.between(1, min(3, len(friends)))] {
			s.put(PhotoMark{PhotoID: pid, OwnerUID: p.OwnerUID, UID: uid, Mark: g.between(3, 6), Created: g.after(p.Created)})
		}
	}
}

func (s *markStore) has(string) bool { return false }

func (s *markStore) forget(kind, id string) {
	var gone []string
	switch kind {
	case "photo":
		gone = s.where(func(m PhotoMark) bool { return m.PhotoID == id })
	case "user":
		gone = s.where(func(m PhotoMark) bool { return m.UID == id || m.OwnerUID == id })
	}
	for _, mid := range gone {
		s.remove(mid)
	}
}

// PhotoMarks returns the marks given to the user's photos, newest first.
func (w *World) PhotoMarks(uid string) []PhotoMark {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.ext["photomarks"].(*markStore).list(uid)
}
