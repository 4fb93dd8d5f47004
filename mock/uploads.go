package mock

import (
	"sync"
	"time"
)

// uploadPath is where photosV2.getUploadUrl sends clients.
const uploadPath = "/upload/photos"

// uploadTTL is how long an upload URL stays usable.
const uploadTTL = 24 * time.Hour

// uploadSlot is one photo reserved by photosV2.getUploadUrl, then filled by
// the upload, then turned into a photo by photosV2.commit (or attached to a
// group topic by its token).
type uploadSlot struct {
	photoID  string
	apiToken string
	appKey   string
	uid      string
	albumID  string
	groupID  string
	expires  time.Time
	token    string // set by the upload
	size     int
	assigned string // world photo id, set by the commit (or a group post)
}

// uploads tracks upload slots; it is reset with the world.
type uploads struct {
	mu      sync.Mutex
	byPhoto map[string]*uploadSlot
	byToken map[string]*uploadSlot
}

func newUploads() *uploads {
	return &uploads{byPhoto: map[string]*uploadSlot{}, byToken: map[string]*uploadSlot{}}
}

func (u *uploads) add(s *uploadSlot) {
	u.mu.Lock()
	u.byPhoto[s.photoID] = s
	u.mu.Unlock()
}

// fill records an uploaded file for photoID, if apiToken owns it and it is
// still valid; it returns the upload token.
func (u *uploads) fill(photoID, apiToken string, size int, now time.Time) (string, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	s, ok := u.byPhoto[photoID]
	if !ok || s.apiToken != apiToken || now.After(s.expires) || s.assigned != "" {
		return "", false
	}
	if s.token != "" {
		delete(u.byToken, s.token)
	}
	s.token = newUploadToken()
	s.size = size
	u.byToken[s.token] = s
	return s.token, true
}

// byUploadToken returns a copy of the slot an upload token belongs to.
func (u *uploads) byUploadToken(token string) (uploadSlot, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	s, ok := u.byToken[token]
	if !ok {
		return uploadSlot{}, false
	}
	return *s, true
}

// assign marks a slot as turned into photo id; a slot is used once.
func (u *uploads) assign(token, photoID string) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	s, ok := u.byToken[token]
	if !ok || s.assigned != "" {
		return false
	}
	s.assigned = photoID
	return true
}

// apiTokenValid reports whether apiToken reserved any slot still valid.
func (u *uploads) slotsFor(apiToken string) []uploadSlot {
	u.mu.Lock()
	defer u.mu.Unlock()
	var out []uploadSlot
	for _, s := range u.byPhoto {
		if s.apiToken == apiToken {
			out = append(out, *s)
		}
	}
	return out
}

func newUploadToken() string { return randomURLSafe(48) }
