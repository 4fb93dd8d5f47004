package mock

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/okmock/okmock/mock/world"
)

var searchHandlers = map[string]methodHandler{
	"search.tagMentions": searchTagMentions,
	"search.tagSearch":   searchTagSearch,
	"search.tagContents": searchTagContents,
}

// Page sizes of the hashtag searches.
const (
	tagPageDefault = 10
	tagPageMax     = 100
)

// tagFilterLayout is how the filter's since and until are written
// (Moscow time).
const tagFilterLayout = "2006-01-02 15:04:05"

// tagFilter reads the JSON filter of the search.tag* methods: since and
// until, and content types (TagTypes).
func (c *apiCall) tagFilter() (world.TagFilter, *Error) {
	var f world.TagFilter
	raw := c.params.Value("filter")
	if raw == "" {
		return f, nil
	}
	var in struct {
		Since string   `json:"since"`
		Until string   `json:"until"`
		Types []string `json:"types"`
	}
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return f, errParam("Invalid parameter filter value %s", raw)
	}
	for _, t := range in.Types {
		if !slices.Contains(world.TagTypes, t) {
			return f, errParam("Invalid parameter filter: unknown type %s", t)
		}
	}
	f.Types = in.Types
	for _, b := range []struct {
		in  string
		out *time.Time
	}{{in.Since, &f.Since}, {in.Until, &f.Until}} {
		if b.in == "" {
			continue
		}
		t, err := time.ParseInLocation(tagFilterLayout, b.in, moscow)
		if err != nil {
			return f, errParam("Invalid parameter filter: bad date %s", b.in)
		}
		*b.out = t
	}
	return f, nil
}

// tagCounts is OK's count of one hashtag's mentions.
type tagCounts struct {
	Query       string `json:"query"`
	All         int    `json:"all"`
	UserTopics  int    `json:"userTopics"`
	UserPhotos  int    `json:"userPhotos"`
	UserVideos  int    `json:"userVideos"`
	GroupTopics int    `json:"groupTopics"`
	GroupPhotos int    `json:"groupPhotos"`
	GroupVideos int    `json:"groupVideos"`
}

func toTagCounts(t world.TagCounts) tagCounts {
	return tagCounts{
		Query: t.Query, All: t.All,
		UserTopics: t.ByType[world.TagUserTopic], UserPhotos: t.ByType[world.TagUserPhoto], UserVideos: t.ByType[world.TagUserVideo],
		GroupTopics: t.ByType[world.TagGroupTopic], GroupPhotos: t.ByType[world.TagGroupPhoto], GroupVideos: t.ByType[world.TagGroupVideo],
	}
}

// searchTagMentions counts the topics, photos and videos carrying a
// hashtag (private ones included, as OK counts them).
func searchTagMentions(c *apiCall) (any, *Error) {
	f, err := c.tagFilter()
	if err != nil {
		return nil, err
	}
	return toTagCounts(c.world.TagMentions(c.params.Value("query"), f)), nil
}

// searchTagSearch lists the hashtags starting with query, the most used
// first.
func searchTagSearch(c *apiCall) (any, *Error) {
	f, err := c.tagFilter()
	if err != nil {
		return nil, err
	}
	all := c.world.TagSearch(c.params.Value("query"), f)
	pg, err := c.paginate(len(all), "anchor", tagPageDefault, tagPageMax)
	if err != nil {
		return nil, err
	}
	tags := make([]tagCounts, 0, pg.end-pg.start)
	for _, t := range all[pg.start:pg.end] {
		tags = append(tags, toTagCounts(t))
	}
	return struct {
		Count int         `json:"count"`
		Tags  []tagCounts `json:"tags"`
	}{len(tags), tags}, nil
}

// taggedVideo is a video in search.tagContents.
type taggedVideo struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	OwnerRef    string   `json:"owner_ref"`
	CreatedMs   int64    `json:"created_ms"`
}

// tagEntities are the objects of one page of search.tagContents, by kind.
type tagEntities struct {
	MediaTopics []mediaTopic  `json:"media_topics,omitempty"`
	Photos      []object      `json:"photos,omitempty"`
	Videos      []taggedVideo `json:"videos,omitempty"`
}

// searchTagContents pages through what carries a hashtag, newest first:
// {"entities": {"media_topics": [...], "photos": [...], "videos": [...]},
// "anchor", "has_more"}. Owners appear only as owner_ref.
func searchTagContents(c *apiCall) (any, *Error) {
	f, err := c.tagFilter()
	if err != nil {
		return nil, err
	}
	items := c.world.TaggedContent(c.params.Value("query"), f)
	pg, err := c.paginate(len(items), "anchor", tagPageDefault, tagPageMax)
	if err != nil {
		return nil, err
	}
	var ent tagEntities
	for _, it := range items[pg.start:pg.end] {
		switch it.Type {
		case world.TagUserTopic, world.TagGroupTopic:
			if t, ok := c.world.Topic(it.ID); ok {
				ent.MediaTopics = append(ent.MediaTopics, taggedTopic(t))
			}
		case world.TagUserPhoto, world.TagGroupPhoto:
			if p, ok := c.world.Photo(it.ID); ok {
				ent.Photos = append(ent.Photos, c.renderPhoto(p, defaultPhotoFields))
			}
		default:
			if v, ok := c.world.Video(it.ID); ok {
				ent.Videos = append(ent.Videos, taggedVideo{v.ID, v.Title, v.Description, v.Tags, ownerRef(v.OwnerUID, v.GroupID), v.Created.UnixMilli()})
			}
		}
	}
	return struct {
		Entities tagEntities `json:"entities"`
		Anchor   string      `json:"anchor"`
		HasMore  bool        `json:"has_more"`
	}{ent, pg.anchor, pg.hasMore}, nil
}

// taggedTopic is a topic in search.tagContents: what identifies it and
// its media; the caller's likes and bookmarks are not part of a search.
func taggedTopic(t world.Topic) mediaTopic {
	return mediaTopic{
		ID: t.ID, CreatedMs: t.Created.UnixMilli(), AuthorRef: "user:" + t.AuthorUID,
		OwnerRef: ownerRef(t.AuthorUID, t.GroupID), Type: t.Type, Media: nonNil(t.Media),
	}
}

// ownerRef is OK's reference to whom content belongs: "group:<gid>" or
// "user:<uid>".
func ownerRef(uid, gid string) string {
	if gid != "" {
		return "group:" + gid
	}
	return "user:" + uid
}
