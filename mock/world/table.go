package world

import (
	"encoding/json"
	"slices"
	"time"
)

// table holds the objects of one kind by id and lists them per key (an
// owner, an album). Albums, photos and topics are tables; extension kinds
// may be too.
//
// Each key's list is kept oldest first, so that storing a new object, the
// common write, is an append rather than a shift of the whole list; the
// accessors read it backwards, newest first, the way OK lists content.
type table[T any] struct {
	byID  map[string]T
	byKey map[string][]string

	id      func(T) string
	key     func(T) string
	created func(T) time.Time
}

func newTable[T any](id, key func(T) string, created func(T) time.Time) table[T] {
	return table[T]{byID: map[string]T{}, byKey: map[string][]string{}, id: id, key: key, created: created}
}

func (t *table[T]) has(id string) bool { _, ok := t.byID[id]; return ok }

// oldestFirst orders the ids of one key's list. Both ids must be stored.
func (t *table[T]) oldestFirst(a, b string) int {
	return compareDated(t.created(t.byID[a]), a, t.created(t.byID[b]), b)
}

// compareDated orders dated ids: older first, and among equal times the
// smaller (earlier) id first.
func compareDated(ta time.Time, a string, tb time.Time, b string) int {
	if c := ta.Compare(tb); c != 0 {
		return c
	}
	return compareIDs(a, b)
}

// put adds or replaces an object.
func (t *table[T]) put(v T) {
	id := t.id(v)
	if _, ok := t.byID[id]; ok {
		t.remove(id)
	}
	t.byID[id] = v
	key := t.key(v)
	list := t.byKey[key]
	if n := len(list); n == 0 || compareDated(t.created(v), id, t.created(t.byID[list[n-1]]), list[n-1]) > 0 {
		t.byKey[key] = append(list, id)
		return
	}
	i, _ := slices.BinarySearchFunc(list, id, t.oldestFirst)
	t.byKey[key] = slices.Insert(list, i, id)
}

// remove drops an object; its key goes when its list becomes empty, so
// that the index stays canonical.
func (t *table[T]) remove(id string) {
	key := t.key(t.byID[id])
	list := t.byKey[key]
	if i, found := slices.BinarySearchFunc(list, id, t.oldestFirst); found {
		list = slices.Delete(list, i, i+1)
	}
	if len(list) == 0 {
		delete(t.byKey, key)
	} else {
		t.byKey[key] = list
	}
	delete(t.byID, id)
}

// count is the number of objects listed under the key.
func (t *table[T]) count(key string) int { return len(t.byKey[key]) }

// newest returns the id of the newest object listed under the key.
func (t *table[T]) newest(key string) (string, bool) {
	list := t.byKey[key]
	if len(list) == 0 {
		return "", false
	}
	return list[len(list)-1], true
}

// ids returns a copy of the ids listed under the key, newest first.
func (t *table[T]) ids(key string) []string {
	list := t.byKey[key]
	out := make([]string, len(list))
	for i, id := range list {
		out[len(list)-1-i] = id
	}
	return out
}

// list returns the objects listed under the key, newest first.
func (t *table[T]) list(key string) []T {
	list := t.byKey[key]
	out := make([]T, len(list))
	for i, id := range list {
		out[len(list)-1-i] = t.byID[id]
	}
	return out
}

// where returns the ids of the objects that match, sorted.
func (t *table[T]) where(match func(T) bool) []string {
	var ids []string
	for id, v := range t.byID {
		if match(v) {
			ids = append(ids, id)
		}
	}
	return sortIDs(ids)
}

func (t *table[T]) save() any { return t.byID }

func (t *table[T]) load(data json.RawMessage) error {
	var byID map[string]T
	if err := json.Unmarshal(data, &byID); err != nil {
		return err
	}
	clear(t.byID)
	clear(t.byKey)
	for id, v := range byID {
		t.byID[id] = v
		t.byKey[t.key(v)] = append(t.byKey[t.key(v)], id)
	}
	for _, list := range t.byKey {
		slices.SortFunc(list, t.oldestFirst)
	}
	return nil
}
