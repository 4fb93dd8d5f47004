package world

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/valyala/fastjson"
)

// Media topic types of mediatopic.post.
const (
	TopicUser            = "USER"
	TopicUserStatus      = "USER_STATUS"
	TopicUserNote        = "USER_NOTE"
	TopicGroupTheme      = "GROUP_THEME"
	TopicGroupThemePromo = "GROUP_THEME_PROMO"
	TopicGroupSuggested  = "GROUP_SUGGESTED"
)

// topicTypes are the types PostTopic accepts.
var topicTypes = []string{TopicUser, TopicUserStatus, TopicUserNote, TopicGroupTheme, TopicGroupThemePromo, TopicGroupSuggested}

// Topic is a media topic (a post) of a user or, when GroupID is set, in a
// group. Media holds the attachment's blocks as raw JSON objects, such as
// {"type":"text","text":"..."}.
type Topic struct {
	ID        string            `json:"id"`
	AuthorUID string            `json:"author_uid"`
	GroupID   string            `json:"group_id,omitempty"`
	Type      string            `json:"type"`
	Created   time.Time         `json:"created"`
	Media     []json.RawMessage `json:"media"`
}

// owner is the id the topic is listed under: its group, else its author.
func (t Topic) owner() string {
	if t.GroupID != "" {
		return t.GroupID
	}
	return t.AuthorUID
}

// Topic returns the media topic with the id.
func (w *World) Topic(id string) (Topic, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.topics.get(id)
}

// Topics returns the topics of a user (their own, not those they posted
// in groups) or of a group, newest first.
func (w *World) Topics(owner string) []Topic {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.topics.list(owner)
}

// PostTopic stores a media topic and returns its new id (t.ID is ignored).
// The author, and the group when GroupID is set, must exist; the type
// defaults to USER, or GROUP_THEME in a group, and must agree with GroupID;
// every media block must be a JSON object. Blocks are stored compacted.
func (w *World) PostTopic(t Topic) (string, error) {
	if t.Type == "" {
		t.Type = TopicUser
		if t.GroupID != "" {
			t.Type = TopicGroupTheme
		}
	}
	i := slices.Index(topicTypes, t.Type)
	if i < 0 {
		return "", invalid("topic type %q", t.Type)
	}
	// The store copies the topic into its own bytes, so none of the
	// caller's strings (slices of a whole request body) stay alive.
	t.Type = topicTypes[i]
	if strings.HasPrefix(t.Type, "GROUP_") != (t.GroupID != "") {
		return "", invalid("topic type %s with group %q", t.Type, t.GroupID)
	}
	media, err := compactMedia(t.Media)
	if err != nil {
		return "", err
	}
	t.Media = media
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkOwnerLocked(t.AuthorUID, t.GroupID); err != nil {
		return "", err
	}
	t.ID = w.newIDLocked(longID)
	t.Created = w.stamp(t.Created)
	w.topics.put(t)
	return t.ID, nil
}

// compactMedia checks that there are blocks and that each is a JSON
// object, and returns them compacted: as they are when they already are
// (the store copies them), else compacted copies.
func compactMedia(media []json.RawMessage) ([]json.RawMessage, error) {
	if len(media) == 0 {
		return nil, invalid("topic without media")
	}
	// mediatopic.post's blocks come re-encoded by its parser, compact and
	// valid; json.Compact would validate and copy each again, half the
	// cost of storing a post.
	if allCompactObjects(media) {
		return media, nil
	}
	out := make([]json.RawMessage, len(media))
	// One buffer holds every block: Compact never lengthens its input.
	n := 0
	for _, m := range media {
		n += len(m)
	}
	buf := bytes.NewBuffer(make([]byte, 0, n))
	for i, m := range media {
		start := buf.Len()
		if err := json.Compact(buf, m); err != nil || buf.Len() == start || buf.Bytes()[start] != '{' {
			return nil, invalid("media block %d is not a JSON object", i)
		}
		out[i] = buf.Bytes()[start:buf.Len():buf.Len()]
	}
	return out, nil
}

// DeleteTopic removes a media topic.
func (w *World) DeleteTopic(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.topics.has(id) {
		return notFound(ErrUnknownTopic, id)
	}
	w.deleteTopicLocked(id)
	return nil
}

func (w *World) deleteTopicLocked(id string) {
	w.topics.remove(id)
	w.forgetLocked("topic", id)
}

// allCompactObjects reports whether every block is a valid JSON object
// with no whitespace outside its strings.
func allCompactObjects(media []json.RawMessage) bool {
	for _, m := range media {
		if len(m) == 0 || m[0] != '{' || !IsCompactJSON(m) || fastjson.ValidateBytes(m) != nil {
			return false
		}
	}
	return true
}

// IsCompactJSON reports whether valid JSON has no whitespace outside its
// strings: what json.Compact would leave as it is.
func IsCompactJSON(raw []byte) bool {
	inString := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return false
		}
	}
	return len(raw) > 0
}
