package world

import "encoding/json"

// coverStore holds the main photo chosen for an album
// (photos.setAlbumMainPhoto): album id to photo id. An album without one
// shows its newest photo.
type coverStore struct {
	byAlbum map[string]string
}

func init() {
	registerKind("albumcovers", func() extension { return &coverStore{byAlbum: map[string]string{}} })
}

func (s *coverStore) has(string) bool { return false }

// populate chooses no cover: seeded albums show their newest photo.
func (s *coverStore) populate(*generator) {}

func (s *coverStore) forget(kind, id string) {
	switch kind {
	case "album":
		delete(s.byAlbum, id)
	case "photo":
		for aid, pid := range s.byAlbum {
			if pid == id {
				delete(s.byAlbum, aid)
			}
		}
	}
}

func (s *coverStore) save() any { return s.byAlbum }

func (s *coverStore) load(data json.RawMessage) error {
	s.byAlbum = map[string]string{}
	return json.Unmarshal(data, &s.byAlbum)
}

func (w *World) coversLocked() *coverStore { return w.ext["albumcovers"].(*coverStore) }

// SetAlbumCover makes a photo of the album its main photo.
func (w *World) SetAlbumCover(aid, pid string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.albums.has(aid) {
		return notFound(ErrUnknownAlbum, aid)
	}
	p, ok := w.photos.byID[pid]
	if !ok {
		return notFound(ErrUnknownPhoto, pid)
	}
	if p.AlbumID != aid {
		return invalid("photo %s is not in album %s", pid, aid)
	}
	w.coversLocked().byAlbum[aid] = pid
	return nil
}

// AlbumCover is the album's main photo: the one chosen, else its newest;
// ok is false for an empty or unknown album.
func (w *World) AlbumCover(aid string) (Photo, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if pid, ok := w.coversLocked().byAlbum[aid]; ok {
		return w.photos.byID[pid], true
	}
	pid, ok := w.photos.newest(aid)
	return w.photos.byID[pid], ok
}
