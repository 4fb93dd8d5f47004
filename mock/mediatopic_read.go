package mock

import (
	"encoding/json"

	"github.com/okmock/okmock/mock/world"
)

// mediaTopic is a topic as mediatopic.getByIds answers it.
type mediaTopic struct {
	ID                string            `json:"id"`
	CreatedMs         int64             `json:"created_ms"`
	AuthorRef         string            `json:"author_ref"`
	OwnerRef          string            `json:"owner_ref"`
	Type              string            `json:"type"`
	Media             []json.RawMessage `json:"media"`
	LikeSummary       likeSummary       `json:"like_summary"`
	DiscussionSummary discussionSummary `json:"discussion_summary"`
	// Pinned is set on group topics: whether group.pinGroupFeed pinned it.
	Pinned *bool `json:"pinned,omitempty"`
	// Bookmarked says whether the caller has it in their bookmarks.
	Bookmarked bool `json:"bookmarked"`
}

// likeSummary is how many liked an object and whether the caller did.
type likeSummary struct {
	Count int  `json:"count"`
	Self  bool `json:"self"`
}

// discussionSummary is the size of an object's discussion.
type discussionSummary struct {
	CommentsCount int `json:"comments_count"`
}

// mediatopicGetByIDs reads topics back: {"media_topics":[...]}; unknown
// ids are left out. Asking for several topics needs media_limit, which
// cuts each topic's media to that many blocks.
func mediatopicGetByIDs(c *apiCall) (any, *Error) {
	ids := idList(c.params.Value("topic_ids"))
	limit, limited := c.int64Param("media_limit", 0)
	if len(ids) > 1 && !limited {
		return nil, errMissing("media_limit")
	}
	viewer := c.uid()
	out := c.topicBuf[:0] // one topic, the usual read, needs no allocation
	if len(ids) > len(c.topicBuf) {
		out = make([]mediaTopic, 0, len(ids))
	}
	for _, id := range ids {
		t, ok := c.world.Topic(id)
		if !ok {
			continue
		}
		author := "user:" + t.AuthorUID
		owner := author
		if t.GroupID != "" {
			owner = "group:" + t.GroupID
		}
		media := nonNil(t.Media)
		if limited && int(limit) < len(media) {
			media = media[:limit]
		}
		mt := mediaTopic{
			ID: t.ID, CreatedMs: t.Created.UnixMilli(), AuthorRef: author,
			OwnerRef: owner, Type: t.Type, Media: media,
			LikeSummary:       likeSummary{c.world.LikeCount(world.LikeTopic, t.ID), c.world.Liked(world.LikeTopic, t.ID, viewer)},
			DiscussionSummary: discussionSummary{c.world.CommentCount(world.DiscussedTopic, t.ID)},
			Bookmarked:        c.world.Bookmarked(viewer, world.BookmarkTopic, t.ID),
		}
		if t.GroupID != "" {
			pinned := c.world.TopicPinned(t.ID)
			mt.Pinned = &pinned
		}
		out = append(out, mt)
	}
	// A pointer to the call's own field: the slice boxed as an any would
	// be allocated.
	c.topicAnswer = mediaTopicsAnswer(out)
	return &c.topicAnswer, nil
}

// voterFields are the default user fields of user pages.
var voterFields = fieldSet{"uid": true, "first_name": true, "last_name": true, "name": true, "pic_1": true}

// userFields reads the fields parameter of a user page, with defaults.
func (c *apiCall) userFields() fieldSet {
	if f := c.params.Value("fields"); f != "" {
		return parseFields(f)
	}
	return voterFields
}

// userPage answers {"users": [...], "anchor", "has_more"}: one page of
// the users among uids, with the requested fields.
func (c *apiCall) userPage(uids []string) (any, *Error) {
	var users []world.User
	for _, uid := range uids {
		if u, ok := c.world.User(uid); ok {
			users = append(users, u)
		}
	}
	p, err := c.listPage(len(users), 20, 100)
	if err != nil {
		return nil, err
	}
	fields := c.userFields()
	return pagedObjects("users", users, p, func(u world.User) object { return c.renderUser(u, fields) }), nil
}

// mediatopicGetPollAnswerVoters pages through who voted for one answer of
// the poll that is media block block_idx of a topic.
func mediatopicGetPollAnswerVoters(c *apiCall) (any, *Error) {
	id := c.params.Value("topic_id")
	t, ok := c.world.Topic(id)
	if !ok {
		return nil, Errorf(CodeNotFound, "Topic %s not found", id)
	}
	block, _ := c.int64Param("block_idx", 0)
	answer, _ := c.int64Param("answer_idx", 0)
	var poll mediaBlock
	if block >= int64(len(t.Media)) || json.Unmarshal(t.Media[block], &poll) != nil || poll.Type != "poll" {
		return nil, errParam("Invalid parameter block_idx value %d: not a poll", block)
	}
	if answer >= int64(len(poll.Answers)) {
		return nil, errParam("Invalid parameter answer_idx value %d: the poll has %d answers", answer, len(poll.Answers))
	}
	return c.userPage(c.world.PollVoters(t.ID, int(block), int(answer)))
}

// mediatopicGetRepublishedTopic answers {"mid": id}: the topic a
// moderated or delayed topic became. okmock publishes at once, so a topic
// is its own republication.
func mediatopicGetRepublishedTopic(c *apiCall) (any, *Error) {
	id := c.params.Value("topic_id")
	if _, ok := c.world.Topic(id); !ok {
		return nil, Errorf(CodeNotFound, "Topic %s not found", id)
	}
	return struct {
		MID string `json:"mid"`
	}{id}, nil
}
