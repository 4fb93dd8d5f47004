package world

import (
	"encoding/json"
	"fmt"
)

// MaxFriends is OK's limit of friends per user.
const MaxFriends = 5000

// friendStore holds the symmetric friendship relation as one numerically
// sorted list per user: reads copy a list, AreFriends binary-searches it.
type friendStore struct {
	lists map[string][]string
}

func newFriendStore() friendStore { return friendStore{lists: map[string][]string{}} }

// link makes a and b friends of each other.
func (s *friendStore) link(a, b string) {
	s.lists[a] = insertID(s.lists[a], b)
	s.lists[b] = insertID(s.lists[b], a)
}

// unlink ends the friendship of a and b; empty lists are dropped so that
// snapshots stay canonical.
func (s *friendStore) unlink(a, b string) {
	for _, pair := range [2][2]string{{a, b}, {b, a}} {
		list := removeID(s.lists[pair[0]], pair[1])
		if len(list) == 0 {
			delete(s.lists, pair[0])
		} else {
			s.lists[pair[0]] = list
		}
	}
}

// drop ends every friendship of uid.
func (s *friendStore) drop(uid string) {
	for _, fid := range s.lists[uid] {
		list := removeID(s.lists[fid], uid)
		if len(list) == 0 {
			delete(s.lists, fid)
		} else {
			s.lists[fid] = list
		}
	}
	delete(s.lists, uid)
}

func (s *friendStore) save() any { return s.lists }

func (s *friendStore) load(data json.RawMessage) error {
	s.lists = map[string][]string{}
	if err := json.Unmarshal(data, &s.lists); err != nil {
		return err
	}
	// A hand-edited state file may list friends in any order or one way
	// only: restore the invariants rather than trust it.
	pairs := s.lists
	s.lists = make(map[string][]string, len(pairs))
	for uid, fids := range pairs {
		for _, fid := range fids {
			if fid != uid {
				s.link(uid, fid)
			}
		}
	}
	return nil
}

// Friends returns the user's friends sorted numerically (nil when none or
// unknown user).
func (w *World) Friends(uid string) []string {
	return w.AppendFriends(nil, uid)
}

// AppendFriends appends the user's friends, sorted numerically, to dst: a
// caller that reuses dst reads a list without allocating one.
func (w *World) AppendFriends(dst []string, uid string) []string {
	w.mu.RLock()
	dst = append(dst, w.friends.lists[uid]...)
	w.mu.RUnlock()
	return dst
}

// FriendCount is the number of the user's friends.
func (w *World) FriendCount(uid string) int {
	w.mu.RLock()
	n := len(w.friends.lists[uid])
	w.mu.RUnlock()
	return n
}

// AreFriends reports whether a and b are friends.
func (w *World) AreFriends(a, b string) bool {
	w.mu.RLock()
	ok := containsID(w.friends.lists[a], b)
	w.mu.RUnlock()
	return ok
}

// AddFriendship makes two existing users friends of each other; adding an
// existing friendship changes nothing.
func (w *World) AddFriendship(a, b string) error {
	if a == b {
		return invalid("friendship of %s with themself", a)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(a, b); err != nil {
		return err
	}
	if containsID(w.friends.lists[a], b) {
		return nil
	}
	for _, uid := range [2]string{a, b} {
		if len(w.friends.lists[uid]) >= MaxFriends {
			return fmt.Errorf("%w: %s has %d friends", ErrLimit, uid, MaxFriends)
		}
	}
	w.friends.link(a, b)
	return nil
}

// RemoveFriendship ends the friendship of a and b; removing a friendship
// that does not exist changes nothing.
func (w *World) RemoveFriendship(a, b string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(a, b); err != nil {
		return err
	}
	if containsID(w.friends.lists[a], b) {
		w.friends.unlink(a, b)
	}
	return nil
}
