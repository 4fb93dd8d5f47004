package world

import (
	"encoding/json"
	"slices"
)

// ExampleGroupPinID is the pin id (feed.pin_id) of the group-feed event of
// ExampleGroupTopicID, toggled by the group.pinGroupFeed example.
const ExampleGroupPinID = "575000000981"

// groupPinStore holds the pin ids of group-feed events (each names a group
// topic) and the topics each group has pinned, the latest pin first.
type groupPinStore struct {
	Pins   map[string]string   `json:"pins"`   // pin id -> topic id
	Pinned map[string][]string `json:"pinned"` // gid -> topic ids
}

func init() {
	registerKind("group_pins", func() extension {
		return &groupPinStore{Pins: map[string]string{}, Pinned: map[string][]string{}}
	})
}

func (s *groupPinStore) has(id string) bool { _, ok := s.Pins[id]; return ok }

// populate gives every seeded group topic a pin id, and pins a topic in a
// few groups.
func (s *groupPinStore) populate(g *generator) {
	g = g.kindGenerator("group_pins")
	s.Pins[ExampleGroupPinID] = ExampleGroupTopicID
	for _, gid := range sortedIDKeys(g.w.groups.byID) {
		tids := g.w.topics.ids(gid)
		for _, tid := range tids {
			if tid != ExampleGroupTopicID {
				s.Pins[g.randomID(seededShort)] = tid
			}
		}
		if gid != ExampleGroupID && len(tids) > 0 && g.chance(0.3) {
			s.Pinned[gid] = []string{g.pick(tids)}
		}
	}
}

func (s *groupPinStore) forget(kind, id string) {
	switch kind {
	case "topic":
		for pin, tid := range s.Pins {
			if tid == id {
				delete(s.Pins, pin)
			}
		}
		for gid, tids := range s.Pinned {
			s.setPinned(gid, slices.DeleteFunc(tids, func(t string) bool { return t == id }))
		}
	case "group":
		delete(s.Pinned, id)
	}
}

func (s *groupPinStore) setPinned(gid string, tids []string) {
	if len(tids) == 0 {
		delete(s.Pinned, gid)
		return
	}
	s.Pinned[gid] = tids
}

func (s *groupPinStore) save() any { return s }

func (s *groupPinStore) load(data json.RawMessage) error {
	*s = groupPinStore{}
	if err := json.Unmarshal(data, s); err != nil {
		return err
	}
	if s.Pins == nil {
		s.Pins = map[string]string{}
	}
	if s.Pinned == nil {
		s.Pinned = map[string][]string{}
	}
	return nil
}

func (w *World) groupPinsLocked() *groupPinStore { return w.ext["group_pins"].(*groupPinStore) }

// groupPinTargetLocked resolves a pin id: a registered one, or the id of a
// group topic itself (topics posted after the world was built have no pin
// id of their own).
func (w *World) groupPinTargetLocked(pinID string) (Topic, bool) {
	tid, ok := w.groupPinsLocked().Pins[pinID]
	if !ok {
		tid = pinID
	}
	t, ok := w.topics.get(tid)
	if !ok || t.GroupID == "" {
		return Topic{}, false
	}
	return t, true
}

// GroupPinTarget returns the group topic a pin id names.
func (w *World) GroupPinTarget(pinID string) (Topic, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	t, ok := w.groupPinTargetLocked(pinID)
	return t, ok
}

// ToggleGroupPin pins the group-feed event a pin id names, or unpins it
// when it is pinned, and returns whether it is pinned now.
func (w *World) ToggleGroupPin(pinID string) (pinned bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, ok := w.groupPinTargetLocked(pinID)
	if !ok {
		return false, notFound(ErrUnknownTopic, pinID)
	}
	s := w.groupPinsLocked()
	list := slices.Clone(s.Pinned[t.GroupID])
	if i := slices.Index(list, t.ID); i >= 0 {
		s.setPinned(t.GroupID, slices.Delete(list, i, i+1))
		return false, nil
	}
	s.setPinned(t.GroupID, slices.Insert(list, 0, t.ID))
	return true, nil
}

// GroupPinnedTopics returns the topics pinned in a group's feed, the
// latest pin first.
func (w *World) GroupPinnedTopics(gid string) []string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Clone(w.groupPinsLocked().Pinned[gid])
}

// TopicPinned reports whether a group topic is pinned in its group's feed.
func (w *World) TopicPinned(topicID string) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	t, ok := w.topics.get(topicID)
	return ok && slices.Contains(w.groupPinsLocked().Pinned[t.GroupID], topicID)
}
