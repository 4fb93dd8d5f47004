package world

import (
	"slices"
	"time"
)

// newestFirst orders ids of dated objects the way OK lists content: the
// newest first, and among equal times the larger (later) id first.
func newestFirst(created func(id string) time.Time) func(a, b string) int {
	return func(a, b string) int {
		if c := created(b).Compare(created(a)); c != 0 {
			return c
		}
		return compareIDs(b, a)
	}
}

// insertOrdered adds id to a list kept in cmp's order.
func insertOrdered(list []string, id string, cmp func(a, b string) int) []string {
	i, found := slices.BinarySearchFunc(list, id, cmp)
	if found {
		return list
	}
	return slices.Insert(list, i, id)
}
