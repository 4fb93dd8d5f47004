package world

import (
	"encoding/json"
	"slices"
	"time"
)

// Guest is a visit to a user's profile: who came, and when they last did.
type Guest struct {
	UID  string    `json:"uid"`
	Time time.Time `json:"time"`
}

// guestStore holds each user's guest list, the latest visit first.
type guestStore struct {
	byHost map[string][]Guest
}

func init() {
	registerKind("guests", func() extension { return &guestStore{byHost: map[string][]Guest{}} })
}

func (s *guestStore) has(string) bool { return false }

// populate gives every user up to six guests who are not their friends
// (friends' visits are not listed on OK either); ExampleGuestID visited
// the default user.
func (s *guestStore) populate(g *generator) {
	g = g.kindGenerator("guests")
	uids := g.sortedUsers()
	for _, host := range uids {
		for range g.between(0, 6) {
			guest := g.pick(uids)
			if guest != host && !containsID(g.w.friends.lists[host], guest) {
				s.visit(host, guest, g.ago(time.Hour, 30*day))
			}
		}
	}
	s.visit(DefaultUserID, ExampleGuestID, g.ago(time.Hour, 2*day))
}

// visit records a visit, keeping one entry per guest with the latest time.
func (s *guestStore) visit(host, guest string, at time.Time) {
	list := slices.DeleteFunc(s.byHost[host], func(v Guest) bool { return v.UID == guest })
	i, _ := slices.BinarySearchFunc(list, at, func(v Guest, t time.Time) int { return t.Compare(v.Time) })
	s.byHost[host] = slices.Insert(list, i, Guest{guest, at})
}

func (s *guestStore) forget(kind, id string) {
	if kind != "user" {
		return
	}
	delete(s.byHost, id)
	for host, list := range s.byHost {
		if list = slices.DeleteFunc(list, func(v Guest) bool { return v.UID == id }); len(list) == 0 {
			delete(s.byHost, host)
		} else {
			s.byHost[host] = list
		}
	}
}

func (s *guestStore) save() any { return s.byHost }

func (s *guestStore) load(data json.RawMessage) error {
	s.byHost = map[string][]Guest{}
	return json.Unmarshal(data, &s.byHost)
}

func (w *World) guestsLocked() *guestStore { return w.ext["guests"].(*guestStore) }

// Guests returns who visited the user's profile, the latest visit first.
func (w *World) Guests(uid string) []Guest {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Clone(w.guestsLocked().byHost[uid])
}

// VisitProfile records that guest looked at host's profile at t (Now when
// zero) and counts it in host's guests counter of events.get. Looking at
// one's own profile is not a visit.
func (w *World) VisitProfile(host, guest string, t time.Time) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(host, guest); err != nil {
		return err
	}
	if host != guest {
		at := w.stamp(t)
		w.guestsLocked().visit(host, guest, at)
		w.bumpEventLocked(host, EventGuests, at)
	}
	return nil
}

// DeleteGuests removes users from host's guest list and returns how many
// were on it.
func (w *World) DeleteGuests(host string, uids []string) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(host); err != nil {
		return 0, err
	}
	s := w.guestsLocked()
	before := len(s.byHost[host])
	s.byHost[host] = slices.DeleteFunc(s.byHost[host], func(v Guest) bool { return slices.Contains(uids, v.UID) })
	if len(s.byHost[host]) == 0 {
		delete(s.byHost, host)
	}
	return before - len(s.byHost[host]), nil
}
