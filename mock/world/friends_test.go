package world

import (
	"errors"
	"slices"
	"testing"
)

func TestFriendshipsAreSymmetricAndInRange(t *testing.T) {
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		for _, uid := range w.UserIDs() {
			friends := w.Friends(uid)
			if !slices.IsSortedFunc(friends, compareIDs) {
				t.Errorf("seed %d: friends of %s are not sorted", seed, uid)
			}
			for _, fid := range friends {
				if fid == uid || !w.AreFriends(fid, uid) || !slices.Contains(w.Friends(fid), uid) {
					t.Errorf("seed %d: %s lists %s but not the other way", seed, uid, fid)
				}
			}
			n := len(friends)
			if uid == DefaultUserID {
				if n < defaultUserFriends-2 || n > defaultUserFriends+2 {
					t.Errorf("seed %d: the default user has %d friends, want about %d", seed, n, defaultUserFriends)
				}
			} else if n < minSeededFriends || n > maxSeededFriends {
				t.Errorf("seed %d: %s has %d friends", seed, uid, n)
			}
			if w.FriendCount(uid) != n {
				t.Errorf("FriendCount(%s) = %d, want %d", uid, w.FriendCount(uid), n)
			}
		}
	}
}

func TestAddAndRemoveFriendship(t *testing.T) {
	w := newTestWorld(t, 2)
	var stranger string
	for _, uid := range w.UserIDs() {
		if uid != DefaultUserID && !w.AreFriends(DefaultUserID, uid) {
			stranger = uid
			break
		}
	}
	must(t, w.AddFriendship(stranger, DefaultUserID))
	must(t, w.AddFriendship(DefaultUserID, stranger)) // again: no change
	if !w.AreFriends(DefaultUserID, stranger) || !w.AreFriends(stranger, DefaultUserID) {
		t.Fatal("friendship not symmetric after AddFriendship")
	}
	if got := w.Friends(DefaultUserID); len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Error("a repeated AddFriendship listed the friend twice")
	}
	must(t, w.RemoveFriendship(DefaultUserID, stranger))
	must(t, w.RemoveFriendship(DefaultUserID, stranger))
	if w.AreFriends(stranger, DefaultUserID) || slices.Contains(w.Friends(stranger), DefaultUserID) {
		t.Error("friendship survived RemoveFriendship")
	}

	if err := w.AddFriendship(DefaultUserID, "1"); !errors.Is(err, ErrUnknownUser) {
		t.Errorf("AddFriendship with an unknown user: %v", err)
	}
	if err := w.AddFriendship(DefaultUserID, DefaultUserID); !errors.Is(err, ErrInvalid) {
		t.Errorf("AddFriendship with oneself: %v", err)
	}
	if err := w.RemoveFriendship("1", DefaultUserID); !errors.Is(err, ErrUnknownUser) {
		t.Errorf("RemoveFriendship with an unknown user: %v", err)
	}
}

func TestFriendsReturnsACopy(t *testing.T) {
	w := newTestWorld(t, 2)
	got := w.Friends(DefaultUserID)
	want := slices.Clone(got)
	got[0] = "mutated"
	if !slices.Equal(w.Friends(DefaultUserID), want) {
		t.Error("changing the result of Friends changed the world")
	}
	if w.Friends("1") != nil {
		t.Error("an unknown user has friends")
	}
}
