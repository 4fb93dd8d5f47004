package world

import (
	"bytes"
	"testing"
	"time"
)

func TestSameSeedGivesIdenticalWorld(t *testing.T) {
	for _, seed := range testSeeds {
		a, b := snapshot(t, newTestWorld(t, seed)), snapshot(t, newTestWorld(t, seed))
		if !bytes.Equal(a, b) {
			t.Errorf("seed %d: two worlds differ", seed)
		}
	}
}

func TestDifferentSeedsGiveDifferentWorlds(t *testing.T) {
	seen := map[string]int64{}
	for _, seed := range testSeeds {
		s := string(snapshot(t, newTestWorld(t, seed)))
		if other, dup := seen[s]; dup {
			t.Errorf("seeds %d and %d give the same world", seed, other)
		}
		seen[s] = seed
		u, _ := newTestWorld(t, seed).User(DefaultUserID)
		t.Logf("seed %d: default user %s", seed, u.Name())
	}
}

func TestSizesFollowOptions(t *testing.T) {
	tests := []struct {
		name                string
		opts                Options
		wantUsers, wantGrps int
	}{
		{"defaults", Options{Seed: 3, Now: testNow}, DefaultUsers, DefaultGroups},
		{"explicit", Options{Seed: 3, Users: 200, Groups: 30, Now: testNow}, 200, 30},
		{"examples only", Options{Seed: 3, Users: -1, Groups: -1, Now: testNow}, len(exampleUserIDs), 1},
		{"too small for the examples", Options{Seed: 3, Users: 2, Groups: 1, Now: testNow}, len(exampleUserIDs), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New(tt.opts)
			if got := len(w.UserIDs()); got != tt.wantUsers {
				t.Errorf("users = %d, want %d", got, tt.wantUsers)
			}
			if got := len(w.GroupIDs()); got != tt.wantGrps {
				t.Errorf("groups = %d, want %d", got, tt.wantGrps)
			}
		})
	}
}

func TestNowIsTheReferenceTime(t *testing.T) {
	local := time.Date(2024, 3, 1, 15, 4, 5, 999_999_999, time.FixedZone("MSK", 3*3600))
	w := New(Options{Seed: 1, Now: local})
	if want := time.Date(2024, 3, 1, 12, 4, 5, 999_000_000, time.UTC); !w.Now().Equal(want) || w.Now().Location() != time.UTC {
		t.Errorf("Now = %v, want %v in UTC at millisecond precision", w.Now(), want)
	}
	for _, uid := range w.UserIDs() {
		u, _ := w.User(uid)
		if u.LastOnline.After(w.Now()) || u.Registered.After(w.Now()) {
			t.Errorf("user %s has a time after Now", uid)
		}
	}
	if got := New(Options{Seed: 1}).Now(); !got.Equal(ReferenceTime) {
		t.Errorf("Now of a world without one = %v, want ReferenceTime", got)
	}
}

func TestNewBuildsWithinTheColdStartBudget(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing is meaningless under -race")
	}
	// The best of several: other test binaries share the two cores.
	best := time.Hour
	for range 5 {
		start := time.Now()
		newTestWorld(t, 99)
		best = min(best, time.Since(start))
	}
	if best > 20*time.Millisecond {
		t.Errorf("New took %v; the budget is about 5ms", best)
	}
}
