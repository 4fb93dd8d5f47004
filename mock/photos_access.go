package mock

import (
	"strings"

	"github.com/okmock/okmock/mock/world"
)

// Error codes of the photo methods beyond the common ones of errors.go.
const (
	codeNotAdmin           = 50  // NOT_ADMIN
	codePrivacyRestriction = 458 // PRIVACY_RESTRICTION
	codeAlbumNotUsers      = 512 // PHOTO_ALBUM_NOT_BELONGS_TO_USER
	codeAlbumNotGroups     = 513 // PHOTO_ALBUM_NOT_BELONGS_TO_GROUP
)

// optionalGroup checks the gid parameter when it is sent: an unknown group
// is 160.
func (c *apiCall) optionalGroup() (string, *Error) {
	gid := c.params.Value("gid")
	if gid == "" {
		return "", nil
	}
	if _, ok := c.world.Group(gid); !ok {
		return "", Errorf(CodeGroupID, "Invalid group id %s", gid)
	}
	return gid, nil
}

// authorIn is who adds content and where: the acting user, and the group
// of the optional gid parameter, which must exist (160) and which they
// must manage (50); "" when no gid was sent.
func (c *apiCall) authorIn() (world.User, string, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return u, "", err
	}
	gid, err := c.optionalGroup()
	if err != nil || gid == "" {
		return u, "", err
	}
	if !c.managesGroup(gid, u.UID) {
		return u, "", Errorf(codeNotAdmin, "User %s may not add content to group %s", u.UID, gid)
	}
	return u, gid, nil
}

// findAlbum resolves the aid parameter against the optional gid: an
// unknown album is 120 (as worldError answers it), a user's album named with a gid or a group's album
// named with another gid is 513.
func (c *apiCall) findAlbum() (world.Album, *Error) {
	gid, err := c.optionalGroup()
	if err != nil {
		return world.Album{}, err
	}
	aid := c.params.Value("aid")
	a, ok := c.world.Album(aid)
	if !ok {
		return world.Album{}, Errorf(CodeAlbumID, "Invalid album id %s", aid)
	}
	if gid != "" && a.GroupID != gid {
		return world.Album{}, NewError(codeAlbumNotGroups, "")
	}
	return a, nil
}

// findPhoto resolves a photo id against the optional gid like findAlbum;
// an unknown photo is 121.
func (c *apiCall) findPhoto(pid string) (world.Photo, *Error) {
	gid, err := c.optionalGroup()
	if err != nil {
		return world.Photo{}, err
	}
	p, ok := c.world.Photo(pid)
	if !ok {
		return world.Photo{}, Errorf(CodePhotoID, "Invalid photo id %s", pid)
	}
	if gid != "" && p.GroupID != gid {
		return world.Photo{}, NewError(codeAlbumNotGroups, "")
	}
	return p, nil
}

// albumVisible reports whether viewer ("" for nobody in particular) may
// see the album: a group's album when the group is open or they are a
// member; a user's album by its type (PUBLIC, FRIENDS, PRIVATE).
func (c *apiCall) albumVisible(viewer string, a world.Album) bool {
	if a.GroupID != "" {
		g, ok := c.world.Group(a.GroupID)
		return ok && (g.AccessType == world.AccessOpen || c.world.IsMember(a.GroupID, viewer))
	}
	switch {
	case viewer == a.OwnerUID, a.Type == world.AlbumPublic:
		return true
	case a.Type == world.AlbumFriends:
		return c.world.AreFriends(viewer, a.OwnerUID)
	}
	return false
}

// seeAlbum is albumVisible as an error: 458 for an album the viewer may
// not see.
func (c *apiCall) seeAlbum(a world.Album) *Error {
	if !c.albumVisible(c.uid(), a) {
		return Errorf(codePrivacyRestriction, "Album %s is not accessible", a.ID)
	}
	return nil
}

// seePhoto checks the photo's album is visible to the viewer.
func (c *apiCall) seePhoto(p world.Photo) *Error {
	a, ok := c.world.Album(p.AlbumID)
	if !ok || !c.albumVisible(c.uid(), a) {
		return Errorf(codePrivacyRestriction, "Photo %s is not accessible", p.ID)
	}
	return nil
}

// managesGroup reports whether the user may change the group's content:
// its staff (world.IsGroupStaff, as for the group's other methods).
func (c *apiCall) managesGroup(gid, uid string) bool { return c.world.IsGroupStaff(gid, uid) }

// mayChangeAlbum lets the owner change a user's album (512 for others)
// and a group's managers change a group's (50 for others).
func (c *apiCall) mayChangeAlbum(a world.Album) *Error {
	uid := c.uid()
	if a.GroupID != "" {
		if !c.managesGroup(a.GroupID, uid) {
			return Errorf(codeNotAdmin, "User %s may not change albums of group %s", uid, a.GroupID)
		}
		return nil
	}
	if a.OwnerUID != uid {
		return NewError(codeAlbumNotUsers, "")
	}
	return nil
}

// mayChangePhoto lets the photo's author, the owner of its album and, in
// a group, the group's managers change it; others get 24.
func (c *apiCall) mayChangePhoto(p world.Photo) *Error {
	uid := c.uid()
	if p.OwnerUID == uid || (p.GroupID != "" && c.managesGroup(p.GroupID, uid)) {
		return nil
	}
	if a, ok := c.world.Album(p.AlbumID); ok && a.GroupID == "" && a.OwnerUID == uid {
		return nil
	}
	return NewError(CodeNotOwner, "")
}

// albumOwnerParam is whose albums or photos a call is about: the group of
// gid, else the user of fid, else the acting user. An unknown fid is 110.
func (c *apiCall) albumOwnerParam() (string, *Error) {
	gid, err := c.optionalGroup()
	if err != nil || gid != "" {
		return gid, err
	}
	owner := c.params.Value("fid")
	if owner == "" {
		owner = c.uid()
	}
	if owner == "" {
		return "", errParam("Either session_key or uid must be specified")
	}
	if !c.world.HasUser(owner) {
		return "", Errorf(CodeUserID, "Invalid uid %s", owner)
	}
	return owner, nil
}

// photoFields reads a fields parameter of photo methods: OK accepts the
// names bare or prefixed with the object ("photo.pic640x480"); without
// fields the default set is used. The id is always returned.
func photoFields(raw, prefix string, def fieldSet) fieldSet {
	if raw == "" {
		return def
	}
	f := fieldSet{}
	for name := range parseFields(raw) {
		f[strings.TrimPrefix(name, prefix)] = true
	}
	return f
}
