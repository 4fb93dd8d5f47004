package mock

import (
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/okmock/okmock/mock/world"
)

var videoHandlers = map[string]methodHandler{
	"video.getUploadUrl": videoGetUploadURL,
	"video.update":       videoUpdate,
	"video.delete":       videoDelete,
	"video.subscribe":    videoSubscribe,
}

// Limits of video uploads and descriptions.
const (
	minVideoBytes   = 16 << 10
	maxVideoTagText = 1000
)

// videoExtensions are the file types OK takes as videos.
var videoExtensions = []string{
	".mp4", ".mov", ".avi", ".mkv", ".wmv", ".flv", ".webm", ".3gp", ".mpg", ".mpeg", ".m4v", ".ts", ".vob", ".ogv",
}

// videoUpload is video.getUploadUrl's answer.
type videoUpload struct {
	UploadURL string `json:"upload_url"`
	VideoID   int64  `json:"video_id"`
}

// videoGetUploadURL starts a video of the acting user (or of a group they
// manage, or in a channel of theirs) and hands out where to upload its
// file; video.update completes it.
func videoGetUploadURL(c *apiCall) (any, *Error) {
	u, gid, err := c.authorIn()
	if err != nil {
		return nil, err
	}
	if size, _ := c.int64Param("file_size", 0); size > 0 && size < minVideoBytes {
		return nil, errParam("FileToSmall")
	}
	name := c.params.Value("file_name")
	switch ext := strings.ToLower(path.Ext(name)); {
	case strings.EqualFold(name, "VIDEO_TS.VOB"):
		return nil, errParam("DvdMenu")
	case name != "" && !slices.Contains(videoExtensions, ext):
		return nil, errParam("BadFormat")
	}
	cid := c.params.Value("cid")
	if err := c.ownChannel(cid, u.UID); err != nil {
		return nil, err
	}
	title := strings.TrimSuffix(name, path.Ext(name))
	if title == "" {
		title = "Видео"
	}
	size, _ := c.int64Param("file_size", 0)
	token := randomURLSafe(24)
	id, werr := c.world.AddVideo(world.Video{
		OwnerUID: u.UID, GroupID: gid, ChannelID: cid, Title: title, FileName: name, Size: size,
		Status: world.VideoUploading, UploadToken: token, Created: c.now,
	})
	if werr != nil {
		return nil, worldError(werr)
	}
	q := url.Values{"video_id": {id}, "upload_token": {token}}
	vid, _ := parseVideoID(id)
	return videoUpload{c.srv.publicBase(c.req) + videoUploadPath + "?" + q.Encode(), vid}, nil
}

// ownChannel checks a channel named by a video method: it must exist (300)
// and be the user's (24). An empty cid names none.
func (c *apiCall) ownChannel(cid, uid string) *Error {
	if cid == "" {
		return nil
	}
	ch, ok := c.world.VideoChannel(cid)
	if !ok {
		return Errorf(CodeNotFound, "Channel %s not found", cid)
	}
	if ch.OwnerUID != uid {
		return NewError(CodeNotOwner, "")
	}
	return nil
}

// ownVideo finds the video of the vid parameter and checks the acting
// user may change it: its owner, or a manager of its group.
func (c *apiCall) ownVideo() (world.Video, *Error) {
	id := c.params.Value("vid")
	v, ok := c.world.Video(id)
	if !ok {
		return world.Video{}, Errorf(CodeNotFound, "Video %s not found", id)
	}
	uid := c.uid()
	if v.OwnerUID != uid && (v.GroupID == "" || !c.managesGroup(v.GroupID, uid)) {
		return world.Video{}, NewError(CodeNotOwner, "")
	}
	return v, nil
}

// videoUpdate changes a video's title, description, tags, privacy,
// channel and cover, and completes an upload. It answers an empty object
// (OK: an empty body).
func videoUpdate(c *apiCall) (any, *Error) {
	v, err := c.ownVideo()
	if err != nil {
		return nil, err
	}
	cid, cidSent := c.params.Get("cid")
	if err := c.ownChannel(cid, c.uid()); err != nil {
		return nil, err
	}
	tags, tagsSent := c.params.Get("tags")
	if utf8.RuneCountInString(tags) > maxVideoTagText {
		return nil, errParam("Tags are longer than %d characters", maxVideoTagText)
	}
	cover, coverSent := c.params.Get("cover_photo_id")
	if coverSent && c.params.Value("cover_photo_upload_token") == "" {
		if _, ok := c.world.Photo(cover); !ok {
			return nil, Errorf(CodePhotoID, "Invalid photo id %s", cover)
		}
	}
	_, werr := c.world.EditVideo(v.ID, func(v *world.Video) error {
		if t, ok := c.params.Get("title"); ok {
			v.Title = t
		}
		if d, ok := c.params.Get("description"); ok {
			v.Description = d
		}
		if tagsSent {
			v.Tags = idList(tags)
		}
		if p := c.params.Value("privacy"); p != "" {
			v.Privacy = p
		}
		if cidSent {
			v.ChannelID = cid
		}
		if coverSent {
			v.CoverPhotoID = cover
		}
		v.Status, v.UploadToken = world.VideoReady, ""
		return nil
	})
	if werr != nil {
		return nil, worldError(werr)
	}
	return struct{}{}, nil
}

// videoDelete deletes a video and answers an empty object. A dedicated
// example video that is already gone answers the same again.
func videoDelete(c *apiCall) (any, *Error) {
	id := c.params.Value("vid")
	if _, ok := c.world.Video(id); !ok && world.IsDedicatedExample(id) {
		return struct{}{}, nil
	}
	v, err := c.ownVideo()
	if err != nil {
		return nil, err
	}
	if werr := c.world.DeleteVideo(v.ID); werr != nil {
		return nil, worldError(werr)
	}
	return struct{}{}, nil
}

// videoSubscribe subscribes the user to a video channel; subscribing
// again changes nothing.
func videoSubscribe(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	if _, werr := c.world.SubscribeChannel(c.params.Value("cid"), u.UID); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}
