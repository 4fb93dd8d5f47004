package world

import (
	"encoding/json"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/brianvoe/gofakeit/v7"
)

// Event counter types of events.get, in the order it lists them.
const (
	EventActivities    = "activities"
	EventMarks         = "marks"
	EventGuests        = "guests"
	EventMessages      = "messages"
	EventNotifications = "notifications"
	EventDiscussions   = "discussions"
	EventAppEvents     = "app_events"
)

// eventTypes lists the counters every user has, with the most a seeded
// counter shows.
var eventTypes = []struct {
	name string
	max  int
}{
	{EventActivities, 12}, {EventMarks, 9}, {EventGuests, 7}, {EventMessages, 15},
	{EventNotifications, 6}, {EventDiscussions, 10}, {EventAppEvents, 3},
}

// Event is one counter of events.get: how many new things of a type the
// user has, the id of the latest, and whether OK would show a message and
// an icon for them.
type Event struct {
	Type    string `json:"type"`
	Number  int    `json:"number"`
	LastID  int64  `json:"last_id"`
	Message int    `json:"message"`
	Icon    int    `json:"icon"`
}

// seededEvents are a user's counters. They come from the seed and the uid
// alone, not from the world's random sequence, so a user added later gets
// the same counters whatever was written before.
func seededEvents(seed int64, uid string) []Event {
	h := fnv.New64a()
	h.Write([]byte(uid))
	f := gofakeit.NewFaker(rand.NewPCG(uint64(seed), h.Sum64()), false)
	out := make([]Event, len(eventTypes))
	for i, t := range eventTypes {
		e := Event{Type: t.name}
		if f.Float64() < 0.55 {
			e.Number = f.IntRange(1, t.max)
			e.LastID = int64(f.IntRange(1_200_000_000_000, 1_999_999_999_999))
			if f.Float64() < 0.5 {
				e.Message = 1
			}
			if f.Float64() < 0.7 {
				e.Icon = 1
			}
		}
		out[i] = e
	}
	return out
}

// eventStore holds each user's counters.
type eventStore struct {
	byUser map[string][]Event
}

func newEventStore() eventStore { return eventStore{byUser: map[string][]Event{}} }

func (s *eventStore) save() any { return s.byUser }

func (s *eventStore) load(data json.RawMessage) error {
	s.byUser = map[string][]Event{}
	return json.Unmarshal(data, &s.byUser)
}

// Events returns the user's event counters (nil for an unknown user).
func (w *World) Events(uid string) []Event {
	w.mu.RLock()
	out := slices.Clone(w.events.byUser[uid])
	w.mu.RUnlock()
	return out
}

// SetEvents replaces the user's event counters (scenarios use it to
// announce new messages or marks).
func (w *World) SetEvents(uid string, events []Event) error {
	for i, e := range events {
		if e.Type == "" || e.Number < 0 {
			return invalid("event %d: type %q, number %d", i, e.Type, e.Number)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.users.has(uid) {
		return notFound(ErrUnknownUser, uid)
	}
	w.events.byUser[uid] = slices.Clone(events)
	return nil
}
