package world

import (
	"hash/fnv"
	"time"
)

// Photo is a photo in an album. GroupID is set when the album is a group's.
type Photo struct {
	ID             string    `json:"id"`
	AlbumID        string    `json:"album_id"`
	OwnerUID       string    `json:"owner_uid"`
	GroupID        string    `json:"group_id,omitempty"`
	Text           string    `json:"text,omitempty"`
	StandardWidth  int       `json:"standard_width"`
	StandardHeight int       `json:"standard_height"`
	Created        time.Time `json:"created"`
	// Token names the picture on the CDN (PicURL).
	Token string `json:"token"`
}

// photoFieldFns maps OK's photo picture fields to CDN resize names.
var photoFieldFns = map[string]string{
	"pic50x50":    "sqr_50",
	"pic128x128":  "sqr_128",
	"pic190x190":  "sqr_190",
	"pic640x480":  "w_640",
	"pic1024x768": "w_1024",
}

// PicURL is the CDN address of the photo for one of OK's picture fields
// (pic50x50, pic128x128, pic190x190, pic640x480, pic1024x768); any other
// name gives the original size.
func (p Photo) PicURL(field string) string {
	fn, ok := photoFieldFns[field]
	if !ok {
		fn = "orig"
	}
	return cdnPic(p.Token, fn)
}

// photoSizes are the standard sizes of seeded and uploaded photos.
var photoSizes = [][2]int{
	{1280, 960}, {960, 1280}, {1024, 768}, {800, 600}, {1280, 720},
	{720, 1280}, {1080, 1080}, {603, 286}, {1600, 1200}, {640, 480},
}

// photoSize picks a standard size from the id, so that uploads get one
// without drawing from the world's random sequence.
func photoSize(id string) (width, height int) {
	h := fnv.New32a()
	h.Write([]byte(id))
	s := photoSizes[h.Sum32()%uint32(len(photoSizes))]
	return s[0], s[1]
}

// photoStore holds photos, listed per album.
type photoStore = table[Photo]

func newPhotoStore() photoStore {
	return newTable(func(p Photo) string { return p.ID }, func(p Photo) string { return p.AlbumID },
		func(p Photo) time.Time { return p.Created })
}

// Photo returns the photo with the id.
func (w *World) Photo(id string) (Photo, bool) {
	w.mu.RLock()
	p, ok := w.photos.byID[id]
	w.mu.RUnlock()
	return p, ok
}

// Photos returns the album's photos, newest first.
func (w *World) Photos(aid string) []Photo {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.photos.list(aid)
}

// PhotoCount is the number of photos in the album.
func (w *World) PhotoCount(aid string) int {
	w.mu.RLock()
	n := w.photos.count(aid)
	w.mu.RUnlock()
	return n
}

// AddPhoto stores a photo in an existing album and returns its new id
// (p.ID and p.Token are ignored). The owner defaults to the album's owner,
// the group is the album's, the size is a standard one and the creation
// time Now.
func (w *World) AddPhoto(p Photo) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	a, ok := w.albums.byID[p.AlbumID]
	if !ok {
		return "", notFound(ErrUnknownAlbum, p.AlbumID)
	}
	if p.OwnerUID == "" {
		p.OwnerUID = a.OwnerUID
	}
	if !w.users.has(p.OwnerUID) {
		return "", notFound(ErrUnknownUser, p.OwnerUID)
	}
	if p.GroupID != "" && p.GroupID != a.GroupID {
		return "", invalid("album %s is not in group %s", a.ID, p.GroupID)
	}
	p.GroupID = a.GroupID
	p.ID = w.newIDLocked(shortID)
	p.Token = cdnToken(w.seed, "photo", p.ID)
	if p.StandardWidth <= 0 || p.StandardHeight <= 0 {
		p.StandardWidth, p.StandardHeight = photoSize(p.ID)
	}
	p.Created = w.stamp(p.Created)
	w.photos.put(p)
	return p.ID, nil
}

// DeletePhoto removes a photo.
func (w *World) DeletePhoto(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.photos.has(id) {
		return notFound(ErrUnknownPhoto, id)
	}
	w.deletePhotoLocked(id)
	return nil
}

func (w *World) deletePhotoLocked(id string) {
	w.photos.remove(id)
	w.forgetLocked("photo", id)
}
