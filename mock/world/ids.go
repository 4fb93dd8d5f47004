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

// counterSpan is how far above its base the counter may reach before its
// ids would leave the width's band; ten billion writes is beyond any run.
const counterSpan uint64 = 10_000_000_000

// newIDLocked returns the next counter id of the width. The counter
// survives snapshots, so a restored world goes on with the same ids.
// Only the counter makes ids in the counter bands, except for ids a caller
// names (PutUser) or a snapshot holds, and those move the counter past
// themselves (reserveLocked), so the id is free without asking every kind:
// a write costs the same however large the world has grown.
// Callers hold the write lock.
func (w *World) newIDLocked(width idWidth) string {
	base := counterShort
	if width == longID {
		base = counterLong
	}
	w.nextID++
	return strconv.FormatUint(base+w.nextID, 10)
}

// reserveLocked moves the counter past id when id lies in a counter band,
// so that the counter never makes it again.
func (w *World) reserveLocked(id string) {
	var base uint64
	switch len(id) {
	case 12:
		base = counterShort
	case 14:
		base = counterLong
	default:
		return
	}
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil || n <= base || n-base > counterSpan {
		return
	}
	w.nextID = max(w.nextID, n-base)
}

// reserveIDsInLocked reserves every quoted run of digits in a snapshot's
// JSON: ids are always strings there, so this covers each id a restored
// kind holds (and harmlessly some that are only references) without
// each kind having to list its ids.
func (w *World) reserveIDsInLocked(data []byte) {
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(data) && data[j] >= '0' && data[j] <= '9' {
			j++
		}
		if j < len(data) && data[j] == '"' {
			w.reserveLocked(string(data[i+1 : j]))
		}
		i = j - 1
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
