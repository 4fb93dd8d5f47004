package world

import (
	"slices"
	"strconv"
)

// idRange is a span of ids of one width. Seeded objects draw random ids
// from realistic-looking spans; ids made by writes come from the world's
// counter in spans of their own, so the two never meet, and neither meets
// the example range 5750000000xx.
type idRange struct{ min, max uint64 }

var (
	// seededShort holds 12-digit seeded ids: users, albums, photos.
	seededShort = idRange{510000000000, 569999999999}
	// seededGroup holds 14-digit seeded group ids.
	seededGroup = idRange{52000000000000, 56999999999999}
	// seededTopic holds 14-digit seeded media topic ids.
	seededTopic = idRange{60000000000000, 69999999999999}
)

// Bases of counter ids: the n-th id a write asks for is base+n.
const (
	counterShort uint64 = 590000000000   // users, albums, photos and 12-digit kinds
	counterLong  uint64 = 59000000000000 // groups, topics and 14-digit kinds
)

// idWidth says how long the ids of a kind are.
type idWidth int

// The widths of OK ids.
const (
	shortID idWidth = 12 // users, albums, photos
	longID  idWidth = 14 // groups, media topics
)

// newIDLocked returns the next free counter id of the width. The counter
// survives snapshots, so a restored world goes on with the same ids.
// Callers hold the write lock.
func (w *World) newIDLocked(width idWidth) string {
	base := counterShort
	if width == longID {
		base = counterLong
	}
	for {
		w.nextID++
		id := strconv.FormatUint(base+w.nextID, 10)
		if !w.takenLocked(id) {
			return id
		}
	}
}

// takenLocked reports whether any kind already holds an object with the id.
func (w *World) takenLocked(id string) bool {
	if w.users.has(id) || w.groups.has(id) || w.albums.has(id) || w.photos.has(id) || w.topics.has(id) {
		return true
	}
	for _, name := range w.extNames {
		if w.ext[name].has(id) {
			return true
		}
	}
	return false
}

// compareIDs orders digit strings by numeric value (shorter first), which
// is what sorting uids means to a reader.
func compareIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sortIDs sorts ids numerically in place and returns them.
func sortIDs(ids []string) []string {
	slices.SortFunc(ids, compareIDs)
	return ids
}

// isDigits reports whether s is a non-empty id of decimal digits.
func isDigits(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// insertID adds id to the numerically sorted list, once.
func insertID(list []string, id string) []string {
	i, found := slices.BinarySearchFunc(list, id, compareIDs)
	if found {
		return list
	}
	return slices.Insert(list, i, id)
}

// removeID drops id from the numerically sorted list.
func removeID(list []string, id string) []string {
	i, found := slices.BinarySearchFunc(list, id, compareIDs)
	if !found {
		return list
	}
	return slices.Delete(list, i, i+1)
}

// containsID reports whether the numerically sorted list holds id.
func containsID(list []string, id string) bool {
	_, found := slices.BinarySearchFunc(list, id, compareIDs)
	return found
}
