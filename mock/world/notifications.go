package world

import (
	"encoding/json"
	"time"
)

// Kinds of notification mailings.
const (
	MailingFavPromo = "FAV_PROMO" // notifications.sendFavPromo
	MailingMass     = "MASS"      // notifications.sendMass
)

// The example mailings of openapi/EXAMPLES.md. They belong to every
// application (Mailing.AppKey is empty).
const (
	ExampleFavPromoID       = "575000000951" // stopped by the notifications.stopFavPromo example
	ExampleMassMailingID    = "575000000952" // stopped by the notifications.stopSendMass example
	ExampleFavPromoUpdateID = "575000000953" // updated by the notifications.updateFavPromo example
)

// Mailing is a notification an application sends to many of its users at
// once.
type Mailing struct {
	ID string `json:"id"`
	// AppKey is the sending application; empty for the example mailings,
	// which every application owns.
	AppKey string `json:"app_key,omitempty"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Image  string `json:"image,omitempty"`
	Mark   string `json:"mark,omitempty"`
	// Status is PUBLIC or ADMINS_ONLY.
	Status string `json:"status"`
	// Filters are sendMass's audience filters by parameter name.
	Filters map[string]string `json:"filters,omitempty"`
	Expires time.Time         `json:"expires"`
	Created time.Time         `json:"created"`
	Stopped bool              `json:"stopped,omitempty"`
}

// Notification is one notification an application sent one user
// (notifications.sendSimple).
type Notification struct {
	ID        string    `json:"id"`
	AppKey    string    `json:"app_key"`
	UID       string    `json:"uid"`
	Text      string    `json:"text"`
	Mark      string    `json:"mark,omitempty"`
	ButtonKey string    `json:"button_key,omitempty"`
	Created   time.Time `json:"created"`
}

func notificationBox(n Notification) string { return n.AppKey + "/" + n.UID }

// notificationStore holds mailings per application and notifications per
// application and recipient.
type notificationStore struct {
	mailings table[Mailing]
	sent     table[Notification]
}

func init() {
	registerKind("notifications", func() extension {
		return &notificationStore{
			mailings: newTable(func(m Mailing) string { return m.ID }, func(m Mailing) string { return m.AppKey },
				func(m Mailing) time.Time { return m.Created }),
			sent: newTable(func(n Notification) string { return n.ID }, notificationBox,
				func(n Notification) time.Time { return n.Created }),
		}
	})
}

func (s *notificationStore) has(id string) bool { return s.mailings.has(id) || s.sent.has(id) }

// populate adds the example mailings, running for ten more days.
func (s *notificationStore) populate(g *generator) {
	examples := []Mailing{
		{ID: ExampleFavPromoID, Kind: MailingFavPromo, Text: "Ежедневный бонус ждёт вас!"},
		{ID: ExampleMassMailingID, Kind: MailingMass, Text: "Новые уровни уже в игре!"},
		{ID: ExampleFavPromoUpdateID, Kind: MailingFavPromo, Text: "Еженедельный бонус ждёт вас!"},
	}
	for _, m := range examples {
		m.Status, m.Created, m.Expires = "PUBLIC", g.now.Add(-day), g.now.Add(10*day)
		s.mailings.put(m)
	}
}

func (s *notificationStore) forget(kind, id string) {
	if kind == "user" {
		for _, nid := range s.sent.where(func(n Notification) bool { return n.UID == id }) {
			s.sent.remove(nid)
		}
	}
}

func (s *notificationStore) save() any {
	return map[string]any{"mailings": s.mailings.save(), "notifications": s.sent.save()}
}

func (s *notificationStore) load(data json.RawMessage) error {
	return loadNamed(data, map[string]func(json.RawMessage) error{"mailings": s.mailings.load, "notifications": s.sent.load})
}

func (w *World) notificationsLocked() *notificationStore {
	return w.ext["notifications"].(*notificationStore)
}

// AddMailing stores a new mailing and returns its id (m.ID is ignored).
func (w *World) AddMailing(m Mailing) (string, error) {
	keepAll(&m)
	if m.Text == "" {
		return "", invalid("empty notification text")
	}
	if m.Kind != MailingFavPromo && m.Kind != MailingMass {
		return "", invalid("mailing kind %q", m.Kind)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	m.ID = w.newIDLocked(shortID)
	m.Created = w.stamp(m.Created)
	w.notificationsLocked().mailings.put(m)
	return m.ID, nil
}

// Mailings returns the application's mailings, the examples included,
// newest first.
func (w *World) Mailings(appKey string) []Mailing {
	w.mu.RLock()
	defer w.mu.RUnlock()
	s := w.notificationsLocked()
	out := s.mailings.list(appKey)
	if appKey != "" {
		out = append(out, s.mailings.list("")...)
	}
	return out
}

// ChangeMailing applies change to a mailing of the kind the application
// owns and returns the result; an unknown id, another application's
// mailing or one of another kind is ErrUnknownObject.
func (w *World) ChangeMailing(appKey, kind, id string, change func(*Mailing) error) (Mailing, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.notificationsLocked()
	m, ok := s.mailings.byID[id]
	if !ok || m.Kind != kind || (m.AppKey != "" && m.AppKey != appKey) {
		return Mailing{}, notFound(ErrUnknownObject, "mailing "+id)
	}
	if err := change(&m); err != nil {
		return Mailing{}, err
	}
	m.ID = id
	s.mailings.put(m)
	return m, nil
}

// SendNotification stores a notification to a user (n.ID is ignored) and
// counts it in the recipient's app_events counter of events.get.
func (w *World) SendNotification(n Notification) (string, error) {
	if n.Text == "" {
		return "", invalid("empty notification text")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(n.UID); err != nil {
		return "", err
	}
	n.ID = w.newIDLocked(shortID)
	n.Created = w.stamp(n.Created)
	w.notificationsLocked().sent.put(n)
	w.bumpEventLocked(n.UID, EventAppEvents, n.Created)
	return n.ID, nil
}

// Notifications returns what the application sent the user, newest first;
// the first is the one pending (a newer notification replaces it).
func (w *World) Notifications(appKey, uid string) []Notification {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.notificationsLocked().sent.list(appKey + "/" + uid)
}
