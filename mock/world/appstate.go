package world

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// VIPOfferSlots is the number of VIP bonus slots a user has per
// application.
const VIPOfferSlots = 5

// AppPromo is an application's promo action (apps.setAppPromoInfo).
type AppPromo struct {
	TopicID string    `json:"topic_id"`
	Text    string    `json:"text"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Image   string    `json:"image"`
}

// AppInvite is an invitation to an application sent to a friend.
type AppInvite struct {
	AppKey  string    `json:"app_key"`
	FromUID string    `json:"from_uid"`
	ToUID   string    `json:"to_uid"`
	Text    string    `json:"text,omitempty"`
	Devices []string  `json:"devices,omitempty"`
	Created time.Time `json:"created"`
}

// appStateStore holds what applications keep on OK, by application key:
// promo actions, VIP offers, which VIP bonuses users received, invites.
// Applications live outside the world, so nothing is seeded.
type appStateStore struct {
	Promos    map[string]AppPromo `json:"promos"`
	VIPOffers map[string][]string `json:"vip_offers"`
	// VIPGiven maps "<app key> <uid>" to the slots whose bonus the user
	// received.
	VIPGiven map[string][]int `json:"vip_given"`
	Invites  []AppInvite      `json:"invites"`
}

func newAppStateStore() *appStateStore {
	return &appStateStore{Promos: map[string]AppPromo{}, VIPOffers: map[string][]string{}, VIPGiven: map[string][]int{}}
}

func init() {
	registerKind("app_state", func() extension { return newAppStateStore() })
}

func (s *appStateStore) has(string) bool     { return false }
func (s *appStateStore) populate(*generator) {}
func (s *appStateStore) save() any           { return s }

func (s *appStateStore) forget(kind, id string) {
	if kind != "user" {
		return
	}
	for key := range s.VIPGiven {
		if strings.HasSuffix(key, " "+id) {
			delete(s.VIPGiven, key)
		}
	}
	s.Invites = slices.DeleteFunc(s.Invites, func(inv AppInvite) bool { return inv.FromUID == id || inv.ToUID == id })
}

func (s *appStateStore) load(data json.RawMessage) error {
	*s = *newAppStateStore()
	if err := json.Unmarshal(data, s); err != nil {
		return err
	}
	if s.VIPOffers == nil {
		s.VIPOffers = map[string][]string{}
	}
	if s.Promos == nil {
		s.Promos = map[string]AppPromo{}
	}
	if s.VIPGiven == nil {
		s.VIPGiven = map[string][]int{}
	}
	return nil
}

func (w *World) appStateLocked() *appStateStore { return w.ext["app_state"].(*appStateStore) }

// SetAppPromo sets an application's promo action, replacing any other.
func (w *World) SetAppPromo(appKey string, p AppPromo) error {
	if p.Text == "" || !p.End.After(p.Start) {
		return invalid("promo %q from %s to %s", p.Text, p.Start, p.End)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.topics.has(p.TopicID) {
		return notFound(ErrUnknownTopic, p.TopicID)
	}
	p.Start, p.End = normTime(p.Start), normTime(p.End)
	w.appStateLocked().Promos[appKey] = p
	return nil
}

// AppPromo returns an application's promo action, if it has one.
func (w *World) AppPromo(appKey string) (AppPromo, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	p, ok := w.appStateLocked().Promos[appKey]
	return p, ok
}

// RemoveAppPromo ends an application's promo action; removed is false
// when it had none.
func (w *World) RemoveAppPromo(appKey string) (removed bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.appStateLocked()
	_, removed = s.Promos[appKey]
	delete(s.Promos, appKey)
	return removed
}

// SetVIPOffers replaces an application's VIP bonus offers (at most
// VIPOfferSlots names; none clears them).
func (w *World) SetVIPOffers(appKey string, names []string) error {
	if len(names) > VIPOfferSlots {
		return invalid("%d VIP offers, at most %d", len(names), VIPOfferSlots)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.appStateLocked()
	if len(names) == 0 {
		delete(s.VIPOffers, appKey)
		return nil
	}
	s.VIPOffers[appKey] = slices.Clone(names)
	return nil
}

// VIPOffers returns an application's VIP bonus offers.
func (w *World) VIPOffers(appKey string) []string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Clone(w.appStateLocked().VIPOffers[appKey])
}

// SetVIPOfferGiven records whether uid received the bonus of a VIP slot
// (0 to VIPOfferSlots-1) of the application.
func (w *World) SetVIPOfferGiven(appKey, uid string, slot int, given bool) error {
	if slot < 0 || slot >= VIPOfferSlots {
		return invalid("VIP slot %d", slot)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return err
	}
	s := w.appStateLocked()
	key := appKey + " " + uid
	slots := slices.DeleteFunc(slices.Clone(s.VIPGiven[key]), func(n int) bool { return n == slot })
	if given {
		slots = append(slots, slot)
		slices.Sort(slots)
	}
	if len(slots) == 0 {
		delete(s.VIPGiven, key)
	} else {
		s.VIPGiven[key] = slots
	}
	return nil
}

// VIPOfferGiven reports whether uid received the bonus of a VIP slot.
func (w *World) VIPOfferGiven(appKey, uid string, slot int) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Contains(w.appStateLocked().VIPGiven[appKey+" "+uid], slot)
}

// AddAppInvite records an invitation; both users must exist and be
// friends.
func (w *World) AddAppInvite(inv AppInvite) error {
	keepAll(&inv)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(inv.FromUID, inv.ToUID); err != nil {
		return err
	}
	if !containsID(w.friends.lists[inv.FromUID], inv.ToUID) {
		return invalid("%s and %s are not friends", inv.FromUID, inv.ToUID)
	}
	inv.Devices = slices.Clone(inv.Devices)
	inv.Created = w.stamp(inv.Created)
	s := w.appStateLocked()
	s.Invites = append(s.Invites, inv)
	return nil
}

// AppInvites returns the invitations to an application uid sent, the
// latest first.
func (w *World) AppInvites(appKey, fromUID string) []AppInvite {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []AppInvite
	for _, inv := range slices.Backward(w.appStateLocked().Invites) {
		if inv.AppKey == appKey && inv.FromUID == fromUID {
			inv.Devices = slices.Clone(inv.Devices)
			out = append(out, inv)
		}
	}
	return out
}
