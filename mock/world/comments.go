package world

import (
	"encoding/json"
	"errors"
	"slices"
	"time"
)

// ExampleCommentID is a comment of the example friend in the discussion
// of ExampleGroupTopicID (openapi/EXAMPLES.md).
const ExampleCommentID = "575000000941"

// Kinds of objects that have a discussion.
const (
	DiscussedTopic = "topic"
	DiscussedPhoto = "photo"
)

// ErrUnknownComment is a comment id the world does not hold.
var ErrUnknownComment = errors.New("unknown comment")

// Comment is one message in the discussion of a topic or a photo.
type Comment struct {
	ID string `json:"id"`
	// Object is DiscussedTopic or DiscussedPhoto; ObjectID names it.
	Object    string    `json:"object"`
	ObjectID  string    `json:"object_id"`
	AuthorUID string    `json:"author_uid"`
	Text      string    `json:"text"`
	Created   time.Time `json:"created"`
	// ReplyTo is the comment this one answers, if any.
	ReplyTo string `json:"reply_to,omitempty"`
}

func (c Comment) discussion() string { return c.Object + ":" + c.ObjectID }

// commentStore holds comments, listed per discussion newest first.
type commentStore struct {
	table table[Comment]
}

func init() {
	registerKind("comments", func() extension {
		return &commentStore{table: newTable(func(c Comment) string { return c.ID }, Comment.discussion,
			func(c Comment) time.Time { return c.Created })}
	})
	registerLikeTarget(LikeComment, func(w *World, id string) bool { return w.commentsLocked().table.has(id) })
}

func (s *commentStore) has(id string) bool { return s.table.has(id) }

// populate gives topics up to six comments and some photos one or two, written
// by group members in groups and by the author's friends elsewhere; some
// answer an earlier comment.
func (s *commentStore) populate(g *generator) {
	g = g.kindGenerator("comments")
	for _, tid := range g.w.topics.all() {
		t, _ := g.w.topics.get(tid)
		s.seed(g, DiscussedTopic, tid, t.Created, g.commenters(t.AuthorUID, t.GroupID), g.between(0, 6))
	}
	for _, pid := range g.w.photos.where(func(Photo) bool { return true }) {
		if g.chance(0.3) {
			p := g.w.photos.byID[pid]
			s.seed(g, DiscussedPhoto, pid, p.Created, g.commenters(p.OwnerUID, p.GroupID), g.between(1, 2))
		}
	}
	t, _ := g.w.topics.get(ExampleGroupTopicID)
	s.table.put(Comment{
		ID: ExampleCommentID, Object: DiscussedTopic, ObjectID: ExampleGroupTopicID, AuthorUID: ExampleFriendID,
		Text: g.pick(commentTexts), Created: g.after(t.Created),
	})
}

// commenters are who may comment an object of the owner, in the group
// when gid is set.
func (g *generator) commenters(owner, gid string) []string {
	if gid != "" {
		return g.groupMembers(gid)
	}
	return slices.Concat(g.w.friends.lists[owner], []string{owner})
}

func (s *commentStore) seed(g *generator, object, id string, since time.Time, authors []string, n int) {
	if len(authors) == 0 {
		return
	}
	var prev []string
	at := since
	for range n {
		at = g.after(at)
		c := Comment{
			ID: g.randomID(seededShort), Object: object, ObjectID: id,
			AuthorUID: g.pick(authors), Text: g.pick(commentTexts), Created: at,
		}
		if len(prev) > 0 && g.chance(0.25) {
			c.ReplyTo = g.pick(prev)
		}
		s.table.put(c)
		prev = append(prev, c.ID)
	}
}

// forget drops the discussion of a removed object, and the comments of a
// removed user.
func (s *commentStore) forget(kind, id string) {
	var gone []string
	switch kind {
	case "user":
		gone = s.table.where(func(c Comment) bool { return c.AuthorUID == id })
	case DiscussedTopic, DiscussedPhoto:
		gone = s.table.ids(kind + ":" + id)
	}
	for _, cid := range gone {
		s.table.remove(cid)
	}
}

func (s *commentStore) save() any                       { return s.table.save() }
func (s *commentStore) load(data json.RawMessage) error { return s.table.load(data) }

func (w *World) commentsLocked() *commentStore { return w.ext["comments"].(*commentStore) }

// discussedExistsLocked reports whether the object of a discussion exists.
func (w *World) discussedExistsLocked(object, id string) bool {
	switch object {
	case DiscussedTopic:
		return w.topics.has(id)
	case DiscussedPhoto:
		return w.photos.has(id)
	}
	return false
}

// Comment returns the comment with the id.
func (w *World) Comment(id string) (Comment, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, ok := w.commentsLocked().table.byID[id]
	return c, ok
}

// Comments returns the discussion of an object, the oldest comment first.
func (w *World) Comments(object, id string) []Comment {
	w.mu.RLock()
	out := w.commentsLocked().table.list(object + ":" + id)
	w.mu.RUnlock()
	slices.Reverse(out)
	return out
}

// CommentCount is the number of comments of an object.
func (w *World) CommentCount(object, id string) int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.commentsLocked().table.count(object + ":" + id)
}

// AddComment writes a comment and returns its new id (c.ID is ignored).
// The author, the discussed object and the answered comment must exist;
// the time defaults to Now.
func (w *World) AddComment(c Comment) (string, error) {
	if c.Text == "" {
		return "", invalid("empty comment")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(c.AuthorUID); err != nil {
		return "", err
	}
	if !w.discussedExistsLocked(c.Object, c.ObjectID) {
		return "", notFound(ErrUnknownObject, c.Object+" "+c.ObjectID)
	}
	s := w.commentsLocked()
	if r, ok := s.table.byID[c.ReplyTo]; c.ReplyTo != "" && (!ok || r.discussion() != c.discussion()) {
		return "", notFound(ErrUnknownComment, c.ReplyTo)
	}
	c.ID = w.newIDLocked(shortID)
	c.Created = w.stamp(c.Created)
	c.Object, c.ObjectID, c.AuthorUID = keep(c.Object), keep(c.ObjectID), keep(c.AuthorUID)
	c.Text, c.ReplyTo = keep(c.Text), keep(c.ReplyTo)
	s.table.put(c)
	return c.ID, nil
}

// Discussion sums up the comments of one object as a viewer sees them.
type Discussion struct {
	Object   string
	ObjectID string
	// OwnerUID wrote the object; GroupID is its group, if any.
	OwnerUID string
	GroupID  string
	Created  time.Time
	// LastActivity is the time of the latest comment, or Created.
	LastActivity time.Time
	Total        int
	// New counts the comments of others since the viewer's own latest
	// comment (or, for the owner who never answered, all of them).
	New int
	// Participants are the commenters, the owner first, each once.
	Participants []string
}

// Discussion returns the discussion of an object as viewer sees it; ok is
// false when the object does not exist.
func (w *World) Discussion(object, id, viewer string) (Discussion, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.discussionLocked(object, id, viewer)
}

func (w *World) discussionLocked(object, id, viewer string) (Discussion, bool) {
	d := Discussion{Object: object, ObjectID: id}
	switch object {
	case DiscussedTopic:
		t, ok := w.topics.get(id)
		if !ok {
			return d, false
		}
		d.OwnerUID, d.GroupID, d.Created = t.AuthorUID, t.GroupID, t.Created
	case DiscussedPhoto:
		p, ok := w.photos.byID[id]
		if !ok {
			return d, false
		}
		d.OwnerUID, d.GroupID, d.Created = p.OwnerUID, p.GroupID, p.Created
	default:
		return d, false
	}
	comments := w.commentsLocked().table.list(object + ":" + id)
	slices.Reverse(comments)
	d.Total, d.LastActivity = len(comments), d.Created
	d.Participants = []string{d.OwnerUID}
	involved := viewer == d.OwnerUID
	for _, c := range comments {
		d.LastActivity = c.Created
		if !slices.Contains(d.Participants, c.AuthorUID) {
			d.Participants = append(d.Participants, c.AuthorUID)
		}
		switch {
		case c.AuthorUID == viewer:
			involved, d.New = true, 0
		case involved:
			d.New++
		}
	}
	return d, true
}

// Discussions returns the discussions uid takes part in (objects they
// wrote that have comments, and objects they commented), the latest
// activity first.
func (w *World) Discussions(uid string) []Discussion {
	w.mu.RLock()
	defer w.mu.RUnlock()
	seen := map[string]bool{}
	var out []Discussion
	add := func(object, id string) {
		if key := object + ":" + id; !seen[key] {
			seen[key] = true
			if d, ok := w.discussionLocked(object, id, uid); ok {
				out = append(out, d)
			}
		}
	}
	s := w.commentsLocked()
	for _, cid := range s.table.where(func(c Comment) bool { return true }) {
		c := s.table.byID[cid]
		if c.AuthorUID == uid {
			add(c.Object, c.ObjectID)
			continue
		}
		switch c.Object {
		case DiscussedTopic:
			if t, _ := w.topics.get(c.ObjectID); t.AuthorUID == uid {
				add(c.Object, c.ObjectID)
			}
		case DiscussedPhoto:
			if w.photos.byID[c.ObjectID].OwnerUID == uid {
				add(c.Object, c.ObjectID)
			}
		}
	}
	slices.SortFunc(out, func(a, b Discussion) int {
		if c := b.LastActivity.Compare(a.LastActivity); c != 0 {
			return c
		}
		return compareIDs(b.ObjectID, a.ObjectID)
	})
	return out
}

// commentTexts are seeded comments.
var commentTexts = []string{
	"Отлично!", "Красота какая!", "Спасибо, очень интересно", "Полностью согласна",
	"Здорово! 👍", "А где это?", "Поздравляю!", "Класс!", "Как же давно это было…",
	"Очень красиво", "Ждём продолжения", "Молодцы!", "Согласен на все сто",
	"А можно подробнее?", "Прекрасное фото", "Сохранила себе", "Ну наконец-то!",
	"Всё верно написано", "Присоединяюсь к поздравлениям", "Вот это да!",
}
