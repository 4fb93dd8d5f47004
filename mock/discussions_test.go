package mock

import (
	"slices"
	"testing"
	"time"

	"github.com/okmock/okmock/mock/world"
)

type discussionRow struct {
	ObjectID string `json:"object_id"`
	Type     string `json:"object_type"`
	New      int    `json:"new_comments_count"`
}

type userRow struct {
	UID string `json:"uid"`
}

type commentRow struct {
	ID        string `json:"id"`
	AuthorID  string `json:"author_id"`
	Text      string `json:"text"`
	LikeCount int    `json:"like_count"`
	ReplyTo   string `json:"reply_to_comment_id"`
}

func TestDiscussionsReadTheWorld(t *testing.T) {
	ts, token := newWriteServer(t)
	w := ts.srv.world
	topic := world.ExampleGroupTopicID
	disc := func(method string, kv ...string) map[string]string {
		return callParams(method, append([]string{"discussionId", topic, "discussionType", "GROUP_TOPIC"}, kv...)...)
	}

	var c commentRow
	ts.ok(token, disc("discussions.getComment", "comment_id", world.ExampleCommentID), &c)
	if c.AuthorID != world.ExampleFriendID || c.LikeCount != w.LikeCount(world.LikeComment, world.ExampleCommentID) {
		t.Errorf("example comment %+v", c)
	}

	// A new comment of the friend shows in every read of the discussion.
	id, err := w.AddComment(world.Comment{Object: world.DiscussedTopic, ObjectID: topic, AuthorUID: world.ExampleFriendID,
		Text: "Новый комментарий", Created: testEpoch.Add(time.Hour), ReplyTo: world.ExampleCommentID})
	if err != nil {
		t.Fatal(err)
	}
	var newest struct {
		Comments []commentRow `json:"comments"`
		HasMore  bool         `json:"has_more"`
	}
	ts.ok(token, disc("discussions.getComments", "anchor", "LAST", "count", "1"), &newest)
	if len(newest.Comments) != 1 || newest.Comments[0].ID != id || newest.Comments[0].ReplyTo != world.ExampleCommentID {
		t.Errorf("newest comment %+v", newest.Comments)
	}
	var count struct {
		Count int `json:"count"`
	}
	ts.ok(token, callParams("discussions.getDiscussionCommentsCount", "entityId", topic, "entityType", "GROUP_TOPIC"), &count)
	if count.Count != w.CommentCount(world.DiscussedTopic, topic) {
		t.Errorf("count %d", count.Count)
	}
	var all struct {
		Comments []commentRow `json:"comments"`
	}
	ts.ok(token, callParams("discussions.getDiscussionComments", "entityId", topic, "entityType", "GROUP_TOPIC", "offset", "0", "count", "100"), &all)
	if len(all.Comments) != count.Count || all.Comments[len(all.Comments)-1].ID != id {
		t.Errorf("comments by offset: %d, last %+v", len(all.Comments), all.Comments[len(all.Comments)-1])
	}

	// The default user owns the topic: the friend's comment is news.
	var news struct {
		Discussions []discussionRow `json:"discussions"`
	}
	ts.ok(token, callParams("discussions.getDiscussionsNews"), &news)
	if !slices.ContainsFunc(news.Discussions, func(d discussionRow) bool {
		return d.ObjectID == topic && d.Type == "GROUP_TOPIC" && d.New > 0
	}) {
		t.Errorf("news lack the topic: %+v", news.Discussions)
	}

	var likes struct {
		Users []userRow `json:"users"`
	}
	ts.ok(token, disc("discussions.getDiscussionLikes"), &likes)
	if len(likes.Users) != w.LikeCount(world.LikeTopic, topic) {
		t.Errorf("%d likers, world says %d", len(likes.Users), w.LikeCount(world.LikeTopic, topic))
	}

	ts.fails(CodeNotFound, token, callParams("discussions.get", "discussionId", topic, "discussionType", "USER_STATUS"))
	ts.fails(CodeParam, token, callParams("discussions.get", "discussionId", topic, "discussionType", "PLANET"))
	ts.fails(700, token, disc("discussions.getComment", "comment_id", "1"))
	ts.fails(CodeParam, token, callParams("discussions.getList", "category", "FAVOURITES"))
}

func TestPollVotersAndRepublishedTopic(t *testing.T) {
	ts, token := newWriteServer(t)
	var voters struct {
		Users []userRow `json:"users"`
	}
	ts.ok(token, callParams("mediatopic.getPollAnswerVoters", "topic_id", world.ExamplePollTopicID, "block_idx", "0", "answer_idx", "0"), &voters)
	if !slices.Contains(voters.Users, userRow{world.ExampleFriendID}) {
		t.Errorf("voters %+v", voters.Users)
	}
	ts.fails(CodeParam, token, callParams("mediatopic.getPollAnswerVoters", "topic_id", world.ExamplePollTopicID, "block_idx", "1", "answer_idx", "0"))
	ts.fails(CodeParam, token, callParams("mediatopic.getPollAnswerVoters", "topic_id", world.ExamplePollTopicID, "block_idx", "0", "answer_idx", "99"))
	var mid struct {
		MID string `json:"mid"`
	}
	ts.ok(token, callParams("mediatopic.getRepublishedTopic", "topic_id", world.ExampleTopicID), &mid)
	if mid.MID != world.ExampleTopicID {
		t.Errorf("mid %s", mid.MID)
	}
	ts.fails(CodeParam, token, callParams("mediatopic.getByIds", "topic_ids", world.ExampleTopicID+","+world.ExampleGroupTopicID))
	var two struct {
		Topics []struct {
			Media []any `json:"media"`
		} `json:"media_topics"`
	}
	ts.ok(token, callParams("mediatopic.getByIds", "topic_ids", world.ExamplePollTopicID+","+world.ExampleGroupTopicID, "media_limit", "1"), &two)
	if len(two.Topics) != 2 || len(two.Topics[0].Media) != 1 {
		t.Errorf("media_limit=1: %+v", two)
	}
}
