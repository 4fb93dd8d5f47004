package world

import (
	"slices"
	"time"
)

// Album visibility types, as photos.getAlbums reports them.
const (
	AlbumPublic  = "PUBLIC"
	AlbumFriends = "FRIENDS"
	AlbumPrivate = "PRIVATE"
)

// personalAlbumTitle names the album photos go to when none is given.
const personalAlbumTitle = "Личные фото"

// Album is a photo album of a user or, when GroupID is set, of a group
// (OwnerUID is then the user who created it).
type Album struct {
	ID          string    `json:"id"`
	OwnerUID    string    `json:"owner_uid"`
	GroupID     string    `json:"group_id,omitempty"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	Type        string    `json:"type"`
	Created     time.Time `json:"created"`
	// Personal marks the user's default album (PersonalAlbum).
	Personal bool `json:"personal,omitempty"`
}

// owner is the id the album is listed under: its group, else its user.
func (a Album) owner() string {
	if a.GroupID != "" {
		return a.GroupID
	}
	return a.OwnerUID
}

// albumStore holds albums, listed per owner (Album.owner).
type albumStore = table[Album]

func newAlbumStore() albumStore {
	return newTable(func(a Album) string { return a.ID }, Album.owner, func(a Album) time.Time { return a.Created })
}

// Album returns the album with the id.
func (w *World) Album(aid string) (Album, bool) {
	w.mu.RLock()
	a, ok := w.albums.byID[aid]
	w.mu.RUnlock()
	return a, ok
}

// Albums returns the albums of a user (their own, not the group albums
// they created) or of a group, newest first.
func (w *World) Albums(owner string) []Album {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.albums.list(owner)
}

// CreateAlbum adds an album and returns its new id (a.ID is ignored). The
// owner, and the group when GroupID is set, must exist; the type defaults
// to PUBLIC and the creation time to Now.
func (w *World) CreateAlbum(a Album) (string, error) {
	keepAll(&a)
	if a.Title == "" {
		return "", invalid("empty album title")
	}
	if a.Type == "" {
		a.Type = AlbumPublic
	}
	if !slices.Contains([]string{AlbumPublic, AlbumFriends, AlbumPrivate}, a.Type) {
		return "", invalid("album type %q", a.Type)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkOwnerLocked(a.OwnerUID, a.GroupID); err != nil {
		return "", err
	}
	a.ID = w.newIDLocked(shortID)
	a.Created = w.stamp(a.Created)
	w.albums.put(a)
	return a.ID, nil
}

// PersonalAlbum returns the id of the user's personal album, where photos
// uploaded without an album go, creating it on first use; "" for an
// unknown user.
func (w *World) PersonalAlbum(uid string) string {
	w.mu.RLock()
	aid, known := w.personalAlbumLocked(uid)
	w.mu.RUnlock()
	if aid != "" || !known {
		return aid
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	// Another writer may have made it between the two locks.
	if aid, known = w.personalAlbumLocked(uid); aid != "" || !known {
		return aid
	}
	a := Album{
		ID: w.newIDLocked(shortID), OwnerUID: uid, Title: personalAlbumTitle,
		Type: AlbumPublic, Created: w.now, Personal: true,
	}
	w.albums.put(a)
	return a.ID
}

func (w *World) personalAlbumLocked(uid string) (aid string, knownUser bool) {
	if !w.users.has(uid) {
		return "", false
	}
	for _, id := range w.albums.ids(uid) {
		if w.albums.byID[id].Personal {
			return id, true
		}
	}
	return "", true
}

// DeleteAlbum removes an album with its photos.
func (w *World) DeleteAlbum(aid string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.albums.has(aid) {
		return notFound(ErrUnknownAlbum, aid)
	}
	w.deleteAlbumLocked(aid)
	return nil
}

func (w *World) deleteAlbumLocked(aid string) {
	for _, pid := range w.photos.ids(aid) {
		w.deletePhotoLocked(pid)
	}
	w.albums.remove(aid)
	w.forgetLocked("album", aid)
}
