package world

import (
	"encoding/json"
	"slices"
	"time"
)

// Bookmark types of bookmark.add.
const (
	BookmarkUser    = "user"
	BookmarkGroup   = "group"
	BookmarkNote    = "note"
	BookmarkTopic   = "topic"
	BookmarkAdvert  = "advert"
	BookmarkPhoto   = "photo"
	BookmarkMovie   = "movie"
	BookmarkProduct = "product"
)

// bookmarkTargets tell, per bookmark type, whether the object exists and
// which world kind removes it; types without one (advert, and movie until
// videos exist) accept any id. Called with the world's lock held.
var bookmarkTargets = map[string]struct {
	kind   string
	exists func(w *World, id string) bool
}{
	BookmarkUser:    {"user", func(w *World, id string) bool { return w.users.has(id) }},
	BookmarkGroup:   {"group", func(w *World, id string) bool { return w.groups.has(id) }},
	BookmarkNote:    {"topic", func(w *World, id string) bool { return w.topics.has(id) }},
	BookmarkTopic:   {"topic", func(w *World, id string) bool { return w.topics.has(id) }},
	BookmarkPhoto:   {"photo", func(w *World, id string) bool { return w.photos.has(id) }},
	BookmarkProduct: {"product", func(w *World, id string) bool { return w.marketLocked().products.has(id) }},
}

// bookmarkTypes are the types bookmark.add accepts.
var bookmarkTypes = []string{BookmarkUser, BookmarkGroup, BookmarkNote, BookmarkTopic, BookmarkAdvert, BookmarkPhoto, BookmarkMovie, BookmarkProduct}

// Bookmark is an object a user saved to their bookmarks.
type Bookmark struct {
	Type    string    `json:"type"`
	RefID   string    `json:"ref_id"`
	Created time.Time `json:"created"`
}

// bookmarkStore holds each user's bookmarks, the newest last.
type bookmarkStore struct {
	byUser map[string][]Bookmark
}

func init() {
	registerKind("bookmarks", func() extension { return &bookmarkStore{byUser: map[string][]Bookmark{}} })
}

func (s *bookmarkStore) has(string) bool { return false }

// populate bookmarks a few users, groups and topics for some users, and
// for the default user the example friend's topic (openapi/EXAMPLES.md).
func (s *bookmarkStore) populate(g *generator) {
	g = g.kindGenerator("bookmarks")
	uids := g.sortedUsers()
	gids := sortedIDKeys(g.w.groups.byID)
	tids := g.w.topics.all()
	for _, uid := range uids {
		if !g.chance(0.4) && uid != DefaultUserID {
			continue
		}
		for range g.between(1, 4) {
			b := Bookmark{Created: g.ago(time.Hour, year)}
			switch p := g.f.Float64(); {
			case p < 0.4:
				b.Type, b.RefID = BookmarkTopic, g.pick(tids)
			case p < 0.7:
				b.Type, b.RefID = BookmarkGroup, g.pick(gids)
			default:
				b.Type, b.RefID = BookmarkUser, g.pick(uids)
			}
			s.add(uid, b)
		}
	}
	s.add(DefaultUserID, Bookmark{Type: BookmarkTopic, RefID: ExampleFriendTopicID, Created: g.ago(time.Hour, 30*day)})
}

// add appends a bookmark unless the user already has it; what it stores
// it copies (keep).
func (s *bookmarkStore) add(uid string, b Bookmark) bool {
	if s.index(uid, b.Type, b.RefID) >= 0 {
		return false
	}
	b.Type, b.RefID = keep(b.Type), keep(b.RefID)
	s.byUser[keep(uid)] = append(s.byUser[uid], b)
	return true
}

func (s *bookmarkStore) index(uid, typ, ref string) int {
	return slices.IndexFunc(s.byUser[uid], func(b Bookmark) bool { return b.Type == typ && b.RefID == ref })
}

func (s *bookmarkStore) remove(uid string, i int) {
	s.byUser[uid] = slices.Delete(s.byUser[uid], i, i+1)
	if len(s.byUser[uid]) == 0 {
		delete(s.byUser, uid)
	}
}

func (s *bookmarkStore) forget(kind, id string) {
	if kind == "user" {
		delete(s.byUser, id)
	}
	for uid, list := range s.byUser {
		for i := len(list) - 1; i >= 0; i-- {
			if t, ok := bookmarkTargets[list[i].Type]; ok && t.kind == kind && list[i].RefID == id {
				s.remove(uid, i)
			}
		}
	}
}

func (s *bookmarkStore) save() any { return s.byUser }

func (s *bookmarkStore) load(data json.RawMessage) error {
	s.byUser = map[string][]Bookmark{}
	return json.Unmarshal(data, &s.byUser)
}

func (w *World) bookmarksLocked() *bookmarkStore { return w.ext["bookmarks"].(*bookmarkStore) }

// AddBookmark saves an object to uid's bookmarks; added is false when it
// was there already. The type must be one of bookmark.add's and the
// object must exist (adverts and movies are taken on trust).
func (w *World) AddBookmark(uid, typ, ref string) (added bool, err error) {
	if !slices.Contains(bookmarkTypes, typ) {
		return false, invalid("bookmark type %q", typ)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return false, err
	}
	if t, ok := bookmarkTargets[typ]; ok && !t.exists(w, ref) {
		return false, notFound(ErrUnknownObject, typ+" "+ref)
	}
	return w.bookmarksLocked().add(uid, Bookmark{Type: typ, RefID: ref, Created: w.now}), nil
}

// RemoveBookmark drops an object from uid's bookmarks; removed is false
// when it was not there.
func (w *World) RemoveBookmark(uid, typ, ref string) (removed bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return false, err
	}
	s := w.bookmarksLocked()
	i := s.index(uid, typ, ref)
	if i < 0 {
		return false, nil
	}
	s.remove(uid, i)
	return true, nil
}

// Bookmarks returns uid's bookmarks, the newest first.
func (w *World) Bookmarks(uid string) []Bookmark {
	w.mu.RLock()
	out := slices.Clone(w.bookmarksLocked().byUser[uid])
	w.mu.RUnlock()
	slices.Reverse(out)
	return out
}

// Bookmarked reports whether uid has the object in their bookmarks.
func (w *World) Bookmarked(uid, typ, ref string) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.bookmarksLocked().index(uid, typ, ref) >= 0
}

// sortedIDKeys returns the keys of a map of ids, sorted numerically.
func sortedIDKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return sortIDs(out)
}
