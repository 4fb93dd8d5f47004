package world

import "encoding/json"

// maskStore holds the 32-bit mask each application keeps per user
// (users.updateMask), which notifications.sendMass filters on: application
// key to uid to mask. A user without one has mask 0.
type maskStore struct {
	byApp map[string]map[string]uint32
}

func init() {
	registerKind("appmasks", func() extension { return &maskStore{byApp: map[string]map[string]uint32{}} })
}

func (s *maskStore) has(string) bool { return false }

// populate sets no mask: applications set their own.
func (s *maskStore) populate(*generator) {}

func (s *maskStore) forget(kind, id string) {
	if kind != "user" {
		return
	}
	for app, masks := range s.byApp {
		delete(masks, id)
		if len(masks) == 0 {
			delete(s.byApp, app)
		}
	}
}

func (s *maskStore) save() any { return s.byApp }

func (s *maskStore) load(data json.RawMessage) error {
	s.byApp = map[string]map[string]uint32{}
	return json.Unmarshal(data, &s.byApp)
}

func (w *World) masksLocked() *maskStore { return w.ext["appmasks"].(*maskStore) }

// AppMask is the mask the application keeps for the user.
func (w *World) AppMask(appKey, uid string) uint32 {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.masksLocked().byApp[appKey][uid]
}

// UpdateAppMask replaces the application's mask of the user with
// change(old) and returns the new mask. The user must exist.
func (w *World) UpdateAppMask(appKey, uid string, change func(old uint32) uint32) (uint32, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return 0, err
	}
	s := w.masksLocked()
	m := change(s.byApp[appKey][uid])
	switch {
	case m != 0 && s.byApp[appKey] == nil:
		s.byApp[keep(appKey)] = map[string]uint32{keep(uid): m}
	case m != 0:
		s.byApp[appKey][keep(uid)] = m
	default:
		delete(s.byApp[appKey], uid)
		if len(s.byApp[appKey]) == 0 {
			delete(s.byApp, appKey)
		}
	}
	return m, nil
}
