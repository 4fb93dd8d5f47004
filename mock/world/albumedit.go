package world

import "slices"

// AlbumEdit changes an album's title, description and type; a nil field
// stays as it is.
type AlbumEdit struct {
	Title       *string
	Description *string
	Type        *string
}

// EditAlbum applies the edit to an album (photos.editAlbum).
func (w *World) EditAlbum(aid string, e AlbumEdit) error {
	if e.Title != nil && *e.Title == "" {
		return invalid("empty album title")
	}
	if e.Type != nil && !slices.Contains([]string{AlbumPublic, AlbumFriends, AlbumPrivate}, *e.Type) {
		return invalid("album type %q", *e.Type)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	a, ok := w.albums.byID[aid]
	if !ok {
		return notFound(ErrUnknownAlbum, aid)
	}
	if e.Title != nil {
		a.Title = *e.Title
	}
	if e.Description != nil {
		a.Description = *e.Description
	}
	if e.Type != nil {
		a.Type = *e.Type
	}
	w.albums.put(a)
	return nil
}

// SetPhotoText replaces a photo's caption (photos.editPhoto); an empty
// text clears it.
func (w *World) SetPhotoText(pid, text string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, ok := w.photos.byID[pid]
	if !ok {
		return notFound(ErrUnknownPhoto, pid)
	}
	p.Text = text
	w.photos.put(p)
	return nil
}
