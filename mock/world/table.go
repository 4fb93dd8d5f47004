package world

import (
	"encoding/json"
	"slices"
	"time"
)

// table holds the objects of one kind by id and lists them per key (an
// owner, an album) newest first. Albums, photos and topics are tables;
// extension kinds may be too.
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

// put adds or replaces an object.
func (t *table[T]) put(v T) {
	id := t.id(v)
	if t.has(id) {
		t.remove(id)
	}
	t.byID[id] = v
	order := newestFirst(func(id string) time.Time { return t.created(t.byID[id]) })
	t.byKey[t.key(v)] = insertOrdered(t.byKey[t.key(v)], id, order)
}

// remove drops an object; its key goes when its list becomes empty, so
// that the index stays canonical.
func (t *table[T]) remove(id string) {
	key := t.key(t.byID[id])
	list := t.byKey[key]
	if i := slices.Index(list, id); i >= 0 {
		list = slices.Delete(list, i, i+1)
	}
	if len(list) == 0 {
		delete(t.byKey, key)
	} else {
		t.byKey[key] = list
	}
	delete(t.byID, id)
}

// ids returns a copy of the ids listed under the key, newest first.
func (t *table[T]) ids(key string) []string { return slices.Clone(t.byKey[key]) }

// list returns the objects listed under the key, newest first.
func (t *table[T]) list(key string) []T {
	ids := t.byKey[key]
	out := make([]T, len(ids))
	for i, id := range ids {
		out[i] = t.byID[id]
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
	for _, v := range byID {
		t.put(v)
	}
	return nil
}
