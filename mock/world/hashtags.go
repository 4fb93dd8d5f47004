package world

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Content types of OK's hashtag search (search.tag*).
const (
	TagUserTopic  = "USER_TOPIC"
	TagUserPhoto  = "USER_PHOTO"
	TagUserVideo  = "USER_VIDEO"
	TagGroupTopic = "GROUP_TOPIC"
	TagGroupPhoto = "GROUP_PHOTO"
	TagGroupVideo = "GROUP_VIDEO"
)

// TagTypes are the content types of hashtag search, in OK's order.
var TagTypes = []string{TagUserTopic, TagUserPhoto, TagUserVideo, TagGroupTopic, TagGroupPhoto, TagGroupVideo}

// TagFilter narrows a hashtag search: content types (all when empty) and
// a creation window (open ends when zero).
type TagFilter struct {
	Types []string
	Since time.Time
	Until time.Time
}

func (f TagFilter) admits(typ string, created time.Time) bool {
	if len(f.Types) > 0 && !slices.Contains(f.Types, typ) {
		return false
	}
	return (f.Since.IsZero() || !created.Before(f.Since)) && (f.Until.IsZero() || !created.After(f.Until))
}

// TaggedItem is a topic, photo or video carrying a hashtag.
type TaggedItem struct {
	Type    string // one of TagTypes
	ID      string
	Created time.Time
}

// TagCounts counts the content carrying one hashtag, by type.
type TagCounts struct {
	Query  string
	ByType map[string]int
	All    int
}

// Hashtags returns the hashtags of a text, lower-cased, without '#', in
// order and once each. A hashtag is '#' and then letters, digits or '_'.
func Hashtags(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '#' {
			continue
		}
		end := i + 1
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
				break
			}
			end += size
		}
		if end > i+1 {
			if tag := strings.ToLower(text[i+1 : end]); !slices.Contains(out, tag) {
				out = append(out, tag)
			}
		}
		i = end - 1
	}
	return out
}

// taggedLocked calls visit for every topic, photo and video with the tags
// it carries: hashtags in texts, and a video's own tags.
func (w *World) taggedLocked(visit func(item TaggedItem, tags []string)) {
	w.topics.each(func(t Topic) {
		typ := TagUserTopic
		if t.GroupID != "" {
			typ = TagGroupTopic
		}
		visit(TaggedItem{typ, t.ID, t.Created}, Hashtags(topicTexts(t.Media)))
	})
	for _, p := range w.photos.byID {
		typ := TagUserPhoto
		if p.GroupID != "" {
			typ = TagGroupPhoto
		}
		visit(TaggedItem{typ, p.ID, p.Created}, Hashtags(p.Text))
	}
	for _, v := range w.videosLocked().videos.byID {
		typ := TagUserVideo
		if v.GroupID != "" {
			typ = TagGroupVideo
		}
		tags := Hashtags(v.Title + " " + v.Description)
		for _, t := range v.Tags {
			if t = strings.ToLower(strings.TrimPrefix(t, "#")); t != "" && !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
		visit(TaggedItem{typ, v.ID, v.Created}, tags)
	}
}

// topicTexts joins the text blocks of a topic's media.
func topicTexts(media []json.RawMessage) string {
	var b strings.Builder
	for _, m := range media {
		var block struct {
			Type string `json:"type"`
			Text string `json:"text"`
		}
		if json.Unmarshal(m, &block) == nil && block.Type == "text" {
			b.WriteString(block.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TaggedContent returns what carries the hashtag (without '#', any case)
// and passes the filter, newest first.
func (w *World) TaggedContent(tag string, f TagFilter) []TaggedItem {
	tag = strings.ToLower(strings.TrimPrefix(tag, "#"))
	var out []TaggedItem
	w.mu.RLock()
	w.taggedLocked(func(item TaggedItem, tags []string) {
		if slices.Contains(tags, tag) && f.admits(item.Type, item.Created) {
			out = append(out, item)
		}
	})
	w.mu.RUnlock()
	slices.SortFunc(out, func(a, b TaggedItem) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return compareIDs(b.ID, a.ID)
	})
	return out
}

// TagMentions counts what carries the hashtag and passes the filter.
func (w *World) TagMentions(tag string, f TagFilter) TagCounts {
	tag = strings.ToLower(strings.TrimPrefix(tag, "#"))
	c := TagCounts{Query: tag, ByType: map[string]int{}}
	w.mu.RLock()
	w.taggedLocked(func(item TaggedItem, tags []string) {
		if slices.Contains(tags, tag) && f.admits(item.Type, item.Created) {
			c.ByType[item.Type]++
			c.All++
		}
	})
	w.mu.RUnlock()
	return c
}

// TagSearch returns the counts of every hashtag that starts with the
// prefix (any case), the most used first, then alphabetically.
func (w *World) TagSearch(prefix string, f TagFilter) []TagCounts {
	prefix = strings.ToLower(strings.TrimPrefix(prefix, "#"))
	byTag := map[string]*TagCounts{}
	w.mu.RLock()
	w.taggedLocked(func(item TaggedItem, tags []string) {
		if !f.admits(item.Type, item.Created) {
			return
		}
		for _, t := range tags {
			if !strings.HasPrefix(t, prefix) {
				continue
			}
			c := byTag[t]
			if c == nil {
				c = &TagCounts{Query: t, ByType: map[string]int{}}
				byTag[t] = c
			}
			c.ByType[item.Type]++
			c.All++
		}
	})
	w.mu.RUnlock()
	out := make([]TagCounts, 0, len(byTag))
	for _, c := range byTag {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b TagCounts) int {
		if a.All != b.All {
			return b.All - a.All
		}
		return strings.Compare(a.Query, b.Query)
	})
	return out
}
