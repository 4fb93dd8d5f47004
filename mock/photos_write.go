package mock

import (
	"encoding/json"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

// albumTypes are the visibilities an album may have.
var albumTypes = []string{world.AlbumPublic, world.AlbumFriends, world.AlbumPrivate}

// albumTypeParam reads the `type` list of createAlbum and editAlbum: its
// first item, which must be one of albumTypes; def when not sent.
func (c *apiCall) albumTypeParam(def string) (string, *Error) {
	items := idList(c.params.Value("type"))
	if len(items) == 0 {
		return def, nil
	}
	t := strings.ToUpper(items[0])
	for _, known := range albumTypes {
		if t == known {
			return t, nil
		}
	}
	return "", errParam("Invalid parameter type value %s", items[0])
}

// checkPhotoBook reads photo_book_settings: a JSON object when sent.
func (c *apiCall) checkPhotoBook() *Error {
	raw := c.params.Value("photo_book_settings")
	if raw == "" {
		return nil
	}
	var settings struct {
		DesignID    *int64 `json:"design_id"`
		IsPhotoBook *bool  `json:"is_photo_book"`
	}
	if err := json.Unmarshal([]byte(raw), &settings); err != nil {
		return errParam("Invalid parameter photo_book_settings value %s", raw)
	}
	return nil
}

// photosCreateAlbum creates an album of the acting user or, with gid, of a
// group they manage, and answers its id as a bare string.
func photosCreateAlbum(c *apiCall) (any, *Error) {
	u, gid, err := c.authorIn()
	if err != nil {
		return nil, err
	}
	typ, err := c.albumTypeParam(world.AlbumPublic)
	if err != nil {
		return nil, err
	}
	if err := c.checkPhotoBook(); err != nil {
		return nil, err
	}
	a := world.Album{OwnerUID: u.UID, GroupID: gid, Title: c.params.Value("title"), Type: typ, Created: c.now}
	if gid == "" {
		a.Description = c.params.Value("description")
	} else {
		// Group albums take neither a description nor a visibility.
		a.Type = world.AlbumPublic
	}
	id, werr := c.world.CreateAlbum(a)
	if werr != nil {
		return nil, worldError(werr)
	}
	return id, nil
}

// photosEditAlbum changes an album's title and, for a user's album, its
// description and visibility.
func photosEditAlbum(c *apiCall) (any, *Error) {
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.mayChangeAlbum(a); err != nil {
		return nil, err
	}
	if err := c.checkPhotoBook(); err != nil {
		return nil, err
	}
	title := c.params.Value("title")
	edit := world.AlbumEdit{Title: &title}
	if a.GroupID == "" {
		if d, sent := c.params.Get("description"); sent {
			edit.Description = &d
		}
		typ, err := c.albumTypeParam(a.Type)
		if err != nil {
			return nil, err
		}
		edit.Type = &typ
	}
	if werr := c.world.EditAlbum(a.ID, edit); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosDeleteAlbum deletes an album with its photos. A dedicated example
// album that is already gone answers true again (openapi/EXAMPLES.md).
func photosDeleteAlbum(c *apiCall) (any, *Error) {
	if aid := c.params.Value("aid"); world.IsDedicatedExample(aid) {
		if _, ok := c.world.Album(aid); !ok {
			return true, nil
		}
	}
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.mayChangeAlbum(a); err != nil {
		return nil, err
	}
	if werr := c.world.DeleteAlbum(a.ID); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosSetAlbumMainPhoto makes a photo of the album its cover.
func photosSetAlbumMainPhoto(c *apiCall) (any, *Error) {
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.mayChangeAlbum(a); err != nil {
		return nil, err
	}
	pid := c.params.Value("photo_id")
	p, ok := c.world.Photo(pid)
	if !ok {
		return nil, Errorf(CodePhotoID, "Invalid photo id %s", pid)
	}
	if p.AlbumID != a.ID {
		return nil, errParam("Photo %s is not in album %s", pid, a.ID)
	}
	if werr := c.world.SetAlbumCover(a.ID, p.ID); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosEditPhoto replaces a photo's caption; without description it is
// cleared.
func photosEditPhoto(c *apiCall) (any, *Error) {
	p, err := c.findPhoto(c.params.Value("photo_id"))
	if err != nil {
		return nil, err
	}
	if err := c.mayChangePhoto(p); err != nil {
		return nil, err
	}
	if werr := c.world.SetPhotoText(p.ID, c.params.Value("description")); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosDeletePhoto deletes a photo. A dedicated example photo that is
// already gone answers true again.
func photosDeletePhoto(c *apiCall) (any, *Error) {
	pid := c.params.Value("photo_id")
	if _, ok := c.world.Photo(pid); !ok && world.IsDedicatedExample(pid) {
		return true, nil
	}
	p, err := c.findPhoto(pid)
	if err != nil {
		return nil, err
	}
	if err := c.mayChangePhoto(p); err != nil {
		return nil, err
	}
	if werr := c.world.DeletePhoto(p.ID); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosDeleteTags removes tags from one of the user's own photos; ids of
// tags that are not on it are ignored.
func photosDeleteTags(c *apiCall) (any, *Error) {
	p, err := c.findPhoto(c.params.Value("photo_id"))
	if err != nil {
		return nil, err
	}
	if p.OwnerUID != c.uid() {
		return nil, NewError(CodeNotOwner, "")
	}
	if _, werr := c.world.DeletePhotoTags(p.ID, idList(c.params.Value("tag_ids"))); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosAddPhotoLike likes someone else's photo; liking it again changes
// nothing.
func photosAddPhotoLike(c *apiCall) (any, *Error) {
	p, err := c.findPhoto(c.params.Value("photo_id"))
	if err != nil {
		return nil, err
	}
	if err := c.seePhoto(p); err != nil {
		return nil, err
	}
	if p.OwnerUID == c.uid() {
		return nil, errParam("Own photos cannot be liked")
	}
	if _, werr := c.world.AddLike(world.LikePhoto, p.ID, c.uid()); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// photosAddAlbumLike likes someone else's album.
func photosAddAlbumLike(c *apiCall) (any, *Error) {
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.seeAlbum(a); err != nil {
		return nil, err
	}
	if a.GroupID == "" && a.OwnerUID == c.uid() {
		return nil, errParam("Own albums cannot be liked")
	}
	if _, werr := c.world.AddLike(world.LikeAlbum, a.ID, c.uid()); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}
