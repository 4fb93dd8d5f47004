package world

import "encoding/json"

// Photos uploaded for the example group and never committed
// (openapi/EXAMPLES.md): group.setMainPhoto makes the first the group's
// main photo; market.addCatalog and market.editCatalog picture catalogs
// with the second. Every world accepts them as photos of the example
// group's uploads; UploadedGroupPhoto tells them apart.
const (
	ExampleGroupUploadID  = "575000000916"
	ExampleGroupUpload2ID = "575000000917"
)

// UploadedGroupPhoto reports whether id is one of the example group's
// standing uploads.
func UploadedGroupPhoto(gid, id string) bool {
	return gid == ExampleGroupID && (id == ExampleGroupUploadID || id == ExampleGroupUpload2ID)
}

// MainPhoto is a group's main photo: a photo of the world or an uploaded
// one, pictured through its CDN token.
type MainPhoto struct {
	PhotoID string `json:"photo_id"`
	Token   string `json:"token"`
}

// PicURL is the address of the main photo for one of OK's picture fields
// (pic50x50 ... pic1024x768; any other name gives the original size).
func (m MainPhoto) PicURL(field string) string {
	return Photo{Token: m.Token}.PicURL(field)
}

// groupPhotoStore holds the main photo of groups that set one (the others
// show their seeded avatar).
type groupPhotoStore struct {
	byGroup map[string]MainPhoto
}

func init() {
	registerKind("group_photos", func() extension { return &groupPhotoStore{byGroup: map[string]MainPhoto{}} })
}

func (s *groupPhotoStore) has(string) bool     { return false }
func (s *groupPhotoStore) populate(*generator) {}
func (s *groupPhotoStore) save() any           { return s.byGroup }
func (s *groupPhotoStore) forget(kind, id string) {
	if kind == "group" {
		delete(s.byGroup, id)
	}
}

func (s *groupPhotoStore) load(data json.RawMessage) error {
	s.byGroup = map[string]MainPhoto{}
	return json.Unmarshal(data, &s.byGroup)
}

// SetGroupMainPhoto makes a photo the group's main photo. The photo is a
// world photo (its picture is kept) or an uploaded one the caller vouches
// for (its picture comes from the id).
func (w *World) SetGroupMainPhoto(gid, photoID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.groups.has(gid) {
		return notFound(ErrUnknownGroup, gid)
	}
	m := MainPhoto{PhotoID: photoID, Token: cdnToken(w.seed, "photo", photoID)}
	if p, ok := w.photos.byID[photoID]; ok {
		m.Token = p.Token
	}
	w.ext["group_photos"].(*groupPhotoStore).byGroup[gid] = m
	return nil
}

// GroupMainPhoto returns the main photo a group set, if any.
func (w *World) GroupMainPhoto(gid string) (MainPhoto, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	m, ok := w.ext["group_photos"].(*groupPhotoStore).byGroup[gid]
	return m, ok
}
