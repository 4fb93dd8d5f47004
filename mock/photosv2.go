package mock

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

var photosV2Handlers = map[string]methodHandler{
	"photosV2.getUploadUrl": photosV2GetUploadURL,
	"photosV2.commit":       photosV2Commit,
}

// maxUploadCount caps photos per upload URL.
const maxUploadCount = 100

// uploadURL is the answer of photosV2.getUploadUrl: the current page's
// expires_ms and ttl_ms next to the 2014 capture's expires, so that old
// and new clients both find theirs.
type uploadURL struct {
	PhotoIDs  []string `json:"photo_ids"`
	UploadURL string   `json:"upload_url"`
	Expires   string   `json:"expires"`
	ExpiresMs int64    `json:"expires_ms"`
	TTLMs     int64    `json:"ttl_ms"`
}

// photosV2GetUploadURL reserves `count` photos and hands out the URL to
// upload them to (served by okmock itself).
func photosV2GetUploadURL(c *apiCall) (any, *Error) {
	uid := c.uid()
	if uid == "" {
		return nil, errParam("Either session_key or uid must be specified")
	}
	count := 1
	if v := c.params.Value("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, errParam("Invalid parameter count value %s", v)
		}
		count = min(n, maxUploadCount)
	}
	aid, gid := c.params.Value("aid"), c.params.Value("gid")
	if gid != "" {
		if _, ok := c.world.Group(gid); !ok {
			return nil, Errorf(CodeGroupID, "Invalid group id %s", gid)
		}
	}
	if aid != "" {
		a, ok := c.world.Album(aid)
		if !ok {
			return nil, Errorf(CodeAlbumID, "Invalid album id %s", aid)
		}
		if gid == "" && a.OwnerUID != uid {
			return nil, NewError(512, "")
		}
		if gid != "" && a.GroupID != gid {
			return nil, NewError(513, "")
		}
	}
	apiToken := randomURLSafe(24)
	expires := c.now.Add(uploadTTL)
	ids := make([]string, count)
	for i := range ids {
		ids[i] = newPhotoUploadID()
		c.srv.currentUploads().add(&uploadSlot{
			photoID: ids[i], apiToken: apiToken, appKey: c.app.Key, uid: uid,
			albumID: aid, groupID: gid, expires: expires,
		})
	}
	q := url.Values{"apiToken": {apiToken}, "photoIds": {strings.Join(ids, ",")}}
	return uploadURL{
		PhotoIDs:  ids,
		UploadURL: c.srv.publicBase(c.req) + uploadPath + "?" + q.Encode(),
		Expires:   expires.In(moscow).Format("2006.01.02 15:04"),
		ExpiresMs: expires.UnixMilli(),
		TTLMs:     uploadTTL.Milliseconds(),
	}, nil
}

// newPhotoUploadID looks like OK's upload photo ids: standard base64, with
// '/' and '+' that clients must URL-encode.
func newPhotoUploadID() string {
	b := make([]byte, 30)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// commitItem is one photo to commit.
type commitItem struct {
	PhotoID string `json:"photo_id"`
	Token   string `json:"token"`
	Comment string `json:"comment"`
}

// commitResult is one row of photosV2.commit's answer.
type commitResult struct {
	PhotoID  string `json:"photo_id"`
	Status   string `json:"status"`
	Assigned string `json:"assigned_photo_id,omitempty"`
}

// photosV2Commit turns uploaded photos into photos of the album they were
// reserved for (the user's personal album when none). A call naming no
// photo at all commits nothing and answers an empty list, so that a
// generic client calling it with no parameters (none is required) gets an
// answer.
func photosV2Commit(c *apiCall) (any, *Error) {
	var items []commitItem
	_, hasID := c.params.Get("photo_id")
	_, hasToken := c.params.Get("token")
	switch raw := c.params.Value("photos"); {
	case raw != "":
		if err := json.Unmarshal([]byte(raw), &items); err != nil || len(items) == 0 {
			return nil, errParam("Invalid parameter photos value")
		}
	case !hasID && !hasToken:
		return struct {
			Photos []commitResult `json:"photos"`
		}{[]commitResult{}}, nil
	default:
		items = []commitItem{{c.params.Value("photo_id"), c.params.Value("token"), c.params.Value("comment")}}
		if items[0].PhotoID == "" {
			return nil, errMissing("photo_id")
		}
		if items[0].Token == "" {
			return nil, errMissing("token")
		}
	}
	out := make([]commitResult, 0, len(items))
	aid := ""
	for _, it := range items {
		res := commitResult{PhotoID: it.PhotoID, Status: "FAILED"}
		if id, album, ok := c.commitPhoto(it); ok {
			res.Status, res.Assigned, aid = "SUCCESS", id, album
		}
		out = append(out, res)
	}
	return struct {
		Photos []commitResult `json:"photos"`
		AID    string         `json:"aid,omitempty"`
	}{out, aid}, nil
}

// commitPhoto stores one uploaded photo in the world.
func (c *apiCall) commitPhoto(it commitItem) (id, album string, ok bool) {
	ups := c.srv.currentUploads()
	slot, found := ups.byUploadToken(it.Token)
	if !found || slot.photoID != it.PhotoID || slot.appKey != c.app.Key || slot.assigned != "" {
		return "", "", false
	}
	album, group := slot.albumID, slot.groupID
	if album == "" {
		// Without an album a photo lands in the user's personal album,
		// never a group's (OK: photos for group topics are not committed).
		album, group = c.world.PersonalAlbum(slot.uid), ""
	}
	id, err := c.world.AddPhoto(world.Photo{
		AlbumID:  album,
		OwnerUID: slot.uid,
		GroupID:  group,
		Text:     it.Comment,
		Created:  c.now,
	})
	if err != nil || !ups.assign(it.Token, id) {
		return "", "", false
	}
	return id, album, true
}
