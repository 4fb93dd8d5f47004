package mock

import "github.com/okmock/okmock/mock/world"

// groupPinGroupFeed pins a group-feed event, or unpins it when it is
// pinned: the pin id names a group topic (its feed event). Only the
// group's staff may; mediatopic.getByIds then shows the topic as pinned.
func groupPinGroupFeed(c *apiCall) (any, *Error) {
	pin := c.params.Value("pin_id")
	t, ok := c.world.GroupPinTarget(pin)
	if !ok {
		return nil, Errorf(CodeNotFound, "No group feed event with pin id %s", pin)
	}
	if err := c.requireGroupStaff(t.GroupID); err != nil {
		return nil, err
	}
	_, err := c.world.ToggleGroupPin(pin)
	return written(err)
}

// groupSetMainPhoto makes a photo the group's main photo: a photo of one
// of the group's albums, or one uploaded for the group through
// photosV2.getUploadUrl (committed or not). group.getInfo then shows it in
// pic_avatar and main_photo.
func groupSetMainPhoto(c *apiCall) (any, *Error) {
	g, err := c.groupOf("group_id")
	if err != nil {
		return nil, err
	}
	if err := c.requireGroupStaff(g.ID); err != nil {
		return nil, err
	}
	pid := c.params.Value("photo_id")
	if !c.isGroupPhoto(g.ID, pid) {
		return nil, Errorf(CodePhotoID, "Invalid photo id %s", pid)
	}
	return written(c.world.SetGroupMainPhoto(g.ID, pid))
}

// isGroupPhoto reports whether id is a photo the group may show: one of
// its albums', one uploaded for it by this application, or one of the
// example group's standing uploads.
func (c *apiCall) isGroupPhoto(gid, id string) bool {
	if p, ok := c.world.Photo(id); ok {
		return p.GroupID == gid
	}
	if s, ok := c.srv.currentUploads().slotByPhoto(id); ok {
		return s.groupID == gid && s.appKey == c.app.Key && s.token != ""
	}
	return world.UploadedGroupPhoto(gid, id)
}

// slotByPhoto returns a copy of the upload slot reserved for a photo id.
func (u *uploads) slotByPhoto(id string) (uploadSlot, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	s, ok := u.byPhoto[id]
	if !ok {
		return uploadSlot{}, false
	}
	return *s, true
}
