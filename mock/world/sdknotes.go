package world

import (
	"encoding/json"
	"time"
)

// SDKSession is an anonymous session sdk.init opened for a device; later
// sdk.* calls send its token as sdkToken, and the first one made in a
// user's session binds the user to it.
type SDKSession struct {
	Token      string    `json:"token"`
	AppKey     string    `json:"app_key"`
	DeviceID   string    `json:"device_id,omitempty"`
	ClientType string    `json:"client_type,omitempty"`
	UID        string    `json:"uid,omitempty"`
	Created    time.Time `json:"created"`
}

// Note is a message one user of an application sent another inside it
// (sdk.sendNote), kept in the recipient's box until sdk.resetNotes.
type Note struct {
	ID      string    `json:"id"`
	AppKey  string    `json:"app_key"`
	UID     string    `json:"uid"` // the recipient
	FromUID string    `json:"from_uid"`
	Text    string    `json:"text"`
	Image   string    `json:"image,omitempty"`
	Payload string    `json:"payload,omitempty"`
	Created time.Time `json:"created"`
}

func noteBox(n Note) string { return n.AppKey + "/" + n.UID }

// sdkStore holds SDK sessions by token, notes per application and
// recipient, and the statistics counters sdk.reportStats adds to
// (application key to statistic id to total).
type sdkStore struct {
	sessions map[string]SDKSession
	notes    table[Note]
	stats    map[string]map[string]int
}

func init() {
	registerKind("sdk", func() extension {
		return &sdkStore{
			sessions: map[string]SDKSession{},
			notes:    newTable(func(n Note) string { return n.ID }, noteBox, func(n Note) time.Time { return n.Created }),
			stats:    map[string]map[string]int{},
		}
	})
}

func (s *sdkStore) has(id string) bool { return s.notes.has(id) }

// populate adds nothing: SDK sessions and notes come from applications.
func (s *sdkStore) populate(*generator) {}

func (s *sdkStore) forget(kind, id string) {
	if kind != "user" {
		return
	}
	for _, nid := range s.notes.where(func(n Note) bool { return n.UID == id || n.FromUID == id }) {
		s.notes.remove(nid)
	}
	for tok, sess := range s.sessions {
		if sess.UID == id {
			sess.UID = ""
			s.sessions[tok] = sess
		}
	}
}

func (s *sdkStore) save() any {
	return map[string]any{"sessions": s.sessions, "notes": s.notes.save(), "stats": s.stats}
}

func (s *sdkStore) load(data json.RawMessage) error {
	return loadNamed(data, map[string]func(json.RawMessage) error{
		"notes":    s.notes.load,
		"sessions": loadMap(&s.sessions), "stats": loadMap(&s.stats),
	})
}

func (w *World) sdkLocked() *sdkStore { return w.ext["sdk"].(*sdkStore) }

// OpenSDKSession stores a new SDK session (its Created defaults to Now).
func (w *World) OpenSDKSession(sess SDKSession) error {
	if sess.Token == "" || sess.AppKey == "" {
		return invalid("SDK session without token or application")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	sess.Created = w.stamp(sess.Created)
	w.sdkLocked().sessions[sess.Token] = sess
	return nil
}

// SDKSession returns the SDK session of a token.
func (w *World) SDKSession(token string) (SDKSession, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	sess, ok := w.sdkLocked().sessions[token]
	return sess, ok
}

// BindSDKSession gives an SDK session its user, once: a token already
// bound keeps its user. It returns the session as stored.
func (w *World) BindSDKSession(token, uid string) (SDKSession, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.sdkLocked()
	sess, ok := s.sessions[token]
	if !ok {
		return SDKSession{}, notFound(ErrUnknownObject, "SDK session")
	}
	if sess.UID == "" && w.users.has(uid) {
		sess.UID = uid
		s.sessions[token] = sess
	}
	return sess, nil
}

// SendNote puts a note in the recipient's box (n.ID is ignored) and
// returns how many notes the box then holds.
func (w *World) SendNote(n Note) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(n.UID, n.FromUID); err != nil {
		return 0, err
	}
	s := w.sdkLocked()
	n.ID = w.newIDLocked(shortID)
	n.Created = w.stamp(n.Created)
	s.notes.put(n)
	return s.notes.count(noteBox(n)), nil
}

// Notes returns the user's notes in the application, newest first.
func (w *World) Notes(appKey, uid string) []Note {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.sdkLocked().notes.list(appKey + "/" + uid)
}

// ResetNotes deletes the user's notes in the application older than
// before (all of them when before is zero) and returns how many went.
func (w *World) ResetNotes(appKey, uid string, before time.Time) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.sdkLocked()
	n := 0
	for _, id := range s.notes.ids(appKey + "/" + uid) {
		if before.IsZero() || s.notes.byID[id].Created.Before(before) {
			s.notes.remove(id)
			n++
		}
	}
	return n
}

// AddStats adds to the application's statistics counters.
func (w *World) AddStats(appKey string, counts map[string]int) {
	if len(counts) == 0 {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.sdkLocked()
	if s.stats[appKey] == nil {
		s.stats[appKey] = map[string]int{}
	}
	for id, n := range counts {
		s.stats[appKey][id] += n
	}
}

// Stats returns a copy of the application's statistics counters.
func (w *World) Stats(appKey string) map[string]int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := map[string]int{}
	for id, n := range w.sdkLocked().stats[appKey] {
		out[id] = n
	}
	return out
}
