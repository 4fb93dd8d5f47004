package mock

import (
	"github.com/okmock/okmock/mock/world"
)

var photosHandlers = map[string]methodHandler{
	"photos.getAlbums":          photosGetAlbums,
	"photos.getAlbumInfo":       photosGetAlbumInfo,
	"photos.getPhotos":          photosGetPhotos,
	"photos.getUserAlbumPhotos": photosGetUserAlbumPhotos,
	"photos.getUserPhotos":      photosGetUserPhotos,
	"photos.getInfo":            photosGetInfo,
	"photos.getPhotoInfo":       photosGetPhotoInfo,
	"photos.getTags":            photosGetTags,
	"photos.getPhotoLikes":      photosGetPhotoLikes,
	"photos.getAlbumLikes":      photosGetAlbumLikes,
	"photos.getPhotoMarks":      photosGetPhotoMarks,
	"photos.createAlbum":        photosCreateAlbum,
	"photos.editAlbum":          photosEditAlbum,
	"photos.deleteAlbum":        photosDeleteAlbum,
	"photos.setAlbumMainPhoto":  photosSetAlbumMainPhoto,
	"photos.editPhoto":          photosEditPhoto,
	"photos.deletePhoto":        photosDeletePhoto,
	"photos.deleteTags":         photosDeleteTags,
	"photos.addPhotoLike":       photosAddPhotoLike,
	"photos.addAlbumLike":       photosAddAlbumLike,
}

// Page sizes of the photo lists.
const (
	photosPageDefault = 20
	photosPageMax     = 100
)

// albumPage is photos.getAlbums' answer, keys in the captured order.
type albumPage struct {
	HasMore      *bool    `json:"hasMore,omitempty"`
	PagingAnchor string   `json:"pagingAnchor,omitempty"`
	Albums       []object `json:"albums"`
	TotalCount   *int     `json:"totalCount,omitempty"`
}

// photosGetAlbums lists the albums of a group, a user or the acting user
// that the viewer may see, newest first.
func photosGetAlbums(c *apiCall) (any, *Error) {
	owner, err := c.albumOwnerParam()
	if err != nil {
		return nil, err
	}
	typ := c.params.Value("album_type")
	var list []world.Album
	for _, a := range c.world.Albums(owner) {
		if c.albumVisible(c.uid(), a) && (typ == "" || a.Type == typ) {
			list = append(list, a)
		}
	}
	pg, err := c.paginate(len(list), "pagingAnchor", photosPageDefault, photosPageMax)
	if err != nil {
		return nil, err
	}
	f := photoFields(c.params.Value("fields"), "album.", defaultAlbumFields)
	out := albumPage{Albums: make([]object, 0, pg.end-pg.start)}
	for _, a := range list[pg.start:pg.end] {
		out.Albums = append(out.Albums, c.renderAlbum(a, f))
	}
	if len(list) > 0 {
		// OK answers a bare {"albums":[]} when there are none.
		out.HasMore, out.PagingAnchor = &pg.hasMore, pg.anchor
	}
	if c.boolParam("detectTotalCount", false) {
		n := len(list)
		out.TotalCount = &n
	}
	return out, nil
}

// photosGetAlbumInfo answers {"album": {...}}.
func photosGetAlbumInfo(c *apiCall) (any, *Error) {
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.seeAlbum(a); err != nil {
		return nil, err
	}
	def := fieldSet{"description": true, "main_photo": true}
	for k := range defaultAlbumFields {
		def[k] = true
	}
	return struct {
		Album object `json:"album"`
	}{c.renderAlbum(a, photoFields(c.params.Value("fields"), "album.", def))}, nil
}

// photoPage is photos.getPhotos' answer, keys in the captured order.
type photoPage struct {
	HasMore    bool     `json:"hasMore"`
	Anchor     string   `json:"anchor,omitempty"`
	Photos     []object `json:"photos"`
	TotalCount *int     `json:"total_count,omitempty"`
}

// photosGetPhotos lists the photos of an album (the owner's personal
// album by default; "tags" for the photos the user is tagged on), newest
// first.
func photosGetPhotos(c *apiCall) (any, *Error) {
	photos, inGroup, err := c.requestedPhotos()
	if err != nil {
		return nil, err
	}
	pg, err := c.listPage(len(photos), photosPageDefault, photosPageMax)
	if err != nil {
		return nil, err
	}
	f := photoFields(c.params.Value("fields"), "photo.", defaultPhotoFields)
	out := photoPage{HasMore: pg.hasMore, Anchor: pg.anchor, Photos: c.renderPhotos(photos[pg.start:pg.end], f)}
	if c.boolParam("detectTotalCount", false) && !inGroup {
		// OK does not count group albums.
		n := len(photos)
		out.TotalCount = &n
	}
	return out, nil
}

// requestedPhotos resolves photos.getPhotos' fid, gid and aid to the
// photos the viewer may see.
func (c *apiCall) requestedPhotos() (photos []world.Photo, inGroup bool, err *Error) {
	owner, err := c.albumOwnerParam()
	if err != nil {
		return nil, false, err
	}
	inGroup = c.params.Value("gid") != ""
	switch aid := c.params.Value("aid"); {
	case aid == "tags" && !inGroup:
		for _, p := range c.world.TaggedPhotos(owner) {
			if c.seePhoto(p) == nil {
				photos = append(photos, p)
			}
		}
		return photos, false, nil
	case aid == "tags", aid == "application", aid == "group_main":
		// okmock keeps no application albums or group avatar history.
		return nil, inGroup, nil
	case aid != "":
		a, err := c.findAlbum()
		if err != nil {
			return nil, inGroup, err
		}
		if err := c.seeAlbum(a); err != nil {
			return nil, inGroup, err
		}
		return c.world.Photos(a.ID), a.GroupID != "", nil
	}
	// No album: a group's photos across its albums, or the user's
	// personal album.
	for _, a := range c.world.Albums(owner) {
		if (inGroup || a.Personal) && c.albumVisible(c.uid(), a) {
			photos = append(photos, c.world.Photos(a.ID)...)
		}
	}
	return photos, inGroup, nil
}

// userPhotoPage is the answer of the deprecated photos.getUser*Photos:
// getPhotos' shape with getAlbums' paging names.
type userPhotoPage struct {
	HasMore      bool     `json:"hasMore"`
	PagingAnchor string   `json:"pagingAnchor,omitempty"`
	Photos       []object `json:"photos"`
	TotalCount   *int     `json:"totalCount,omitempty"`
}

// userPhotoPage cuts a page of photos with getAlbums' paging names.
func (c *apiCall) userPhotoPage(photos []world.Photo) (any, *Error) {
	pg, err := c.paginate(len(photos), "pagingAnchor", photosPageDefault, photosPageMax)
	if err != nil {
		return nil, err
	}
	out := userPhotoPage{HasMore: pg.hasMore, PagingAnchor: pg.anchor, Photos: c.renderPhotos(photos[pg.start:pg.end], defaultPhotoFields)}
	if c.boolParam("detectTotalCount", false) {
		n := len(photos)
		out.TotalCount = &n
	}
	return out, nil
}

// photosGetUserAlbumPhotos lists an album's photos (deprecated method).
func photosGetUserAlbumPhotos(c *apiCall) (any, *Error) {
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.seeAlbum(a); err != nil {
		return nil, err
	}
	return c.userPhotoPage(c.world.Photos(a.ID))
}

// photosGetUserPhotos lists a user's personal photos, or the photos of
// theirs named in `photos` (deprecated method).
func photosGetUserPhotos(c *apiCall) (any, *Error) {
	owner, err := c.albumOwnerParam()
	if err != nil {
		return nil, err
	}
	var photos []world.Photo
	if ids := idList(c.params.Value("photos")); len(ids) > 0 {
		for _, id := range ids {
			if p, ok := c.world.Photo(id); ok && p.OwnerUID == owner && c.seePhoto(p) == nil {
				photos = append(photos, p)
			}
		}
		return c.userPhotoPage(photos)
	}
	for _, a := range c.world.Albums(owner) {
		if a.Personal && c.albumVisible(c.uid(), a) {
			photos = c.world.Photos(a.ID)
		}
	}
	return c.userPhotoPage(photos)
}

// photosGetInfo answers {"photos": [...]} for the known, visible photos
// among photo_ids (of the album aid, when sent).
func photosGetInfo(c *apiCall) (any, *Error) {
	if _, err := c.albumOwnerParam(); err != nil {
		return nil, err
	}
	aid := c.params.Value("aid")
	if aid != "" {
		if _, err := c.findAlbum(); err != nil {
			return nil, err
		}
	}
	gid := c.params.Value("gid")
	f := photoFields(c.params.Value("fields"), "photo.", defaultPhotoFields)
	out := []object{}
	for _, id := range idList(c.params.Value("photo_ids")) {
		p, ok := c.world.Photo(id)
		if !ok || (aid != "" && p.AlbumID != aid) || (gid != "" && p.GroupID != gid) || c.seePhoto(p) != nil {
			continue
		}
		out = append(out, c.renderPhoto(p, f))
	}
	return struct {
		Photos []object `json:"photos"`
	}{out}, nil
}

// photosGetPhotoInfo answers {"photo": {...}}.
func photosGetPhotoInfo(c *apiCall) (any, *Error) {
	p, err := c.findPhoto(c.params.Value("photo_id"))
	if err != nil {
		return nil, err
	}
	if err := c.seePhoto(p); err != nil {
		return nil, err
	}
	return struct {
		Photo object `json:"photo"`
	}{c.renderPhoto(p, photoFields(c.params.Value("fields"), "photo.", defaultPhotoFields))}, nil
}

// photoTag is one row of photos.getTags.
type photoTag struct {
	ID   string `json:"id"`
	UID  string `json:"uid"`
	X    int    `json:"x"`
	Y    int    `json:"y"`
	Text string `json:"text,omitempty"`
}

// photosGetTags answers {"photo_tags": [...]}, newest tag first.
func photosGetTags(c *apiCall) (any, *Error) {
	p, err := c.findPhoto(c.params.Value("photo_id"))
	if err != nil {
		return nil, err
	}
	if err := c.seePhoto(p); err != nil {
		return nil, err
	}
	out := []photoTag{}
	for _, t := range c.world.PhotoTags(p.ID) {
		out = append(out, photoTag{t.ID, t.UID, t.X, t.Y, t.Text})
	}
	return struct {
		Tags []photoTag `json:"photo_tags"`
	}{out}, nil
}

// photosGetPhotoLikes lists who liked a photo.
func photosGetPhotoLikes(c *apiCall) (any, *Error) {
	p, err := c.findPhoto(c.params.Value("photo_id"))
	if err != nil {
		return nil, err
	}
	if err := c.seePhoto(p); err != nil {
		return nil, err
	}
	return c.userPage(c.world.Likers(world.LikePhoto, p.ID))
}

// photosGetAlbumLikes lists who liked an album.
func photosGetAlbumLikes(c *apiCall) (any, *Error) {
	a, err := c.findAlbum()
	if err != nil {
		return nil, err
	}
	if err := c.seeAlbum(a); err != nil {
		return nil, err
	}
	return c.userPage(c.world.Likers(world.LikeAlbum, a.ID))
}

// photoMark is one row of photos.getPhotoMarks.
type photoMark struct {
	UID     string `json:"uid"`
	Mark    int    `json:"mark"`
	PhotoID string `json:"photo_id"`
}

// photosGetPhotoMarks lists the marks others gave the user's photos,
// newest first.
func photosGetPhotoMarks(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	marks := c.world.PhotoMarks(u.UID)
	pg, err := c.paginate(len(marks), "pagingAnchor", photosPageDefault, photosPageMax)
	if err != nil {
		return nil, err
	}
	out := struct {
		Marks        []photoMark `json:"marks"`
		PagingAnchor string      `json:"pagingAnchor"`
		HasMore      bool        `json:"hasMore"`
		TotalCount   *int        `json:"totalCount,omitempty"`
	}{Marks: []photoMark{}, PagingAnchor: pg.anchor, HasMore: pg.hasMore}
	for _, m := range marks[pg.start:pg.end] {
		out.Marks = append(out.Marks, photoMark{m.UID, m.Mark, m.PhotoID})
	}
	if c.boolParam("detectTotalCount", false) {
		n := len(marks)
		out.TotalCount = &n
	}
	return out, nil
}
