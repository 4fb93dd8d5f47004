package world

import (
	"encoding/json"
	"errors"
	"slices"
)

// Kinds of objects users can like ("class" on OK).
const (
	LikePhoto   = "photo"
	LikeAlbum   = "album"
	LikeTopic   = "topic"
	LikeComment = "comment"
)

// ErrUnknownObject is a like, comment or bookmark of an object that does
// not exist.
var ErrUnknownObject = errors.New("unknown object")

// likeTargets tell, per likeable kind, whether an object exists. Kinds
// kept in other files (videos, comments, products) add themselves with
// registerLikeTarget. They are called with the world's lock held.
var likeTargets = map[string]func(w *World, id string) bool{
	LikePhoto: func(w *World, id string) bool { return w.photos.has(id) },
	LikeAlbum: func(w *World, id string) bool { return w.albums.has(id) },
	LikeTopic: func(w *World, id string) bool { return w.topics.has(id) },
}

// registerLikeTarget makes a kind of object likeable; exists is called
// with the world's lock held. For init functions.
func registerLikeTarget(kind string, exists func(w *World, id string) bool) {
	if _, dup := likeTargets[kind]; dup {
		panic("world: like target " + kind + " registered twice")
	}
	likeTargets[kind] = exists
}

// likeStore holds who liked what: "kind:id" to uids in the order they
// liked it.
type likeStore struct {
	byObject map[string][]string
}

func init() {
	registerKind("likes", func() extension { return &likeStore{byObject: map[string][]string{}} })
}

func likeKey(kind, id string) string { return kind + ":" + id }

func (s *likeStore) has(string) bool { return false }

// populate likes seeded topics, photos and comments by random users. The
// default user likes nothing, so that the like examples of the catalogue
// always find an object it has not liked yet; the example topic and
// comment of the discussion examples get likes of the example friends.
func (s *likeStore) populate(g *generator) {
	g = g.kindGenerator("likes")
	var likers []string
	for _, uid := range g.sortedUsers() {
		if uid != DefaultUserID {
			likers = append(likers, uid)
		}
	}
	// Each object is liked once, by distinct users of the world: the
	// sample is its list as it stands (not add, which would build the key
	// and grow the list once per like, all garbage at start).
	add := func(kind, id string, most int) {
		if uids := g.sample(likers, g.between(0, min(most, len(likers)))); len(uids) > 0 {
			s.byObject[likeKey(kind, id)] = uids
		}
	}
	for _, id := range g.w.topics.all() {
		add(LikeTopic, id, 12)
	}
	for _, id := range g.w.photos.where(func(Photo) bool { return true }) {
		add(LikePhoto, id, 6)
	}
	if c, ok := g.w.ext["comments"].(*commentStore); ok {
		for _, id := range c.table.where(func(Comment) bool { return true }) {
			add(LikeComment, id, 3)
		}
	}
	s.add(LikeTopic, ExampleGroupTopicID, ExampleFriendID)
	s.add(LikeComment, ExampleCommentID, ExampleFriend2ID)
}

func (s *likeStore) add(kind, id, uid string) bool {
	key := likeKey(kind, id)
	if slices.Contains(s.byObject[key], uid) {
		return false
	}
	s.byObject[key] = append(s.byObject[key], keep(uid))
	return true
}

func (s *likeStore) remove(kind, id, uid string) bool {
	key := likeKey(kind, id)
	i := slices.Index(s.byObject[key], uid)
	if i < 0 {
		return false
	}
	s.byObject[key] = slices.Delete(s.byObject[key], i, i+1)
	if len(s.byObject[key]) == 0 {
		delete(s.byObject, key)
	}
	return true
}

func (s *likeStore) forget(kind, id string) {
	if kind != "user" {
		delete(s.byObject, likeKey(kind, id))
		return
	}
	for key, uids := range s.byObject {
		if i := slices.Index(uids, id); i >= 0 {
			s.byObject[key] = slices.Delete(uids, i, i+1)
			if len(s.byObject[key]) == 0 {
				delete(s.byObject, key)
			}
		}
	}
}

func (s *likeStore) save() any { return s.byObject }

func (s *likeStore) load(data json.RawMessage) error {
	s.byObject = map[string][]string{}
	return json.Unmarshal(data, &s.byObject)
}

func (w *World) likesLocked() *likeStore { return w.ext["likes"].(*likeStore) }

// checkLikeLocked checks the user and the liked object.
func (w *World) checkLikeLocked(kind, id, uid string) error {
	exists, known := likeTargets[kind]
	if !known {
		return invalid("likeable kind %q", kind)
	}
	if err := w.checkUsersLocked(uid); err != nil {
		return err
	}
	if !exists(w, id) {
		return notFound(ErrUnknownObject, kind+" "+id)
	}
	return nil
}

// AddLike records that uid likes the object; added is false when they
// already did. The user and the object must exist.
func (w *World) AddLike(kind, id, uid string) (added bool, err error) {
	return w.changeLike(kind, id, uid, (*likeStore).add)
}

// RemoveLike takes uid's like back; removed is false when there was none.
func (w *World) RemoveLike(kind, id, uid string) (removed bool, err error) {
	return w.changeLike(kind, id, uid, (*likeStore).remove)
}

func (w *World) changeLike(kind, id, uid string, change func(s *likeStore, kind, id, uid string) bool) (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkLikeLocked(kind, id, uid); err != nil {
		return false, err
	}
	return change(w.likesLocked(), kind, id, uid), nil
}

// Likers returns who liked the object, the latest like first.
func (w *World) Likers(kind, id string) []string {
	w.mu.RLock()
	uids := slices.Clone(w.likesLocked().byObject[likeKey(kind, id)])
	w.mu.RUnlock()
	slices.Reverse(uids)
	return uids
}

// LikeCount is the number of likes of the object.
func (w *World) LikeCount(kind, id string) int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return len(w.likesLocked().byObject[likeKey(kind, id)])
}

// Liked reports whether uid likes the object.
func (w *World) Liked(kind, id, uid string) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Contains(w.likesLocked().byObject[likeKey(kind, id)], uid)
}
