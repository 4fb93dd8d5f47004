package world

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestExampleDiscussionAndPoll(t *testing.T) {
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		c, ok := w.Comment(ExampleCommentID)
		if !ok || c.AuthorUID != ExampleFriendID || c.Object != DiscussedTopic || c.ObjectID != ExampleGroupTopicID {
			t.Errorf("seed %d: example comment = %+v, %v", seed, c, ok)
		}
		if !slices.Contains(w.PollVoters(ExamplePollTopicID, 0, 0), ExampleFriendID) {
			t.Errorf("seed %d: the example friend did not vote for answer 0", seed)
		}
		if uid, ok := w.GroupPinTarget(ExampleGroupPinID); !ok || uid.ID != ExampleGroupTopicID {
			t.Errorf("seed %d: pin %s names %+v", seed, ExampleGroupPinID, uid)
		}
	}
}

func TestCommentsMakeDiscussions(t *testing.T) {
	w := New(Options{Seed: 8, Now: testNow, Users: -1, Groups: -1})
	topic := ExampleTopicID
	before := w.CommentCount(DiscussedTopic, topic)
	at := testNow.Add(time.Hour)
	mine := mustID(t)(w.AddComment(Comment{Object: DiscussedTopic, ObjectID: topic, AuthorUID: DefaultUserID, Text: "Спасибо!", Created: at}))
	friends := mustID(t)(w.AddComment(Comment{Object: DiscussedTopic, ObjectID: topic, AuthorUID: ExampleFriendID, Text: "Пожалуйста", Created: at.Add(time.Minute), ReplyTo: mine}))
	list := w.Comments(DiscussedTopic, topic)
	if len(list) != before+2 || list[len(list)-1].ID != friends || list[len(list)-1].ReplyTo != mine {
		t.Fatalf("comments, oldest first: %+v", list)
	}
	d, ok := w.Discussion(DiscussedTopic, topic, DefaultUserID)
	if !ok || d.Total != before+2 || d.New != 1 || !d.LastActivity.Equal(at.Add(time.Minute)) {
		t.Errorf("discussion as the owner sees it: %+v", d)
	}
	if d, _ := w.Discussion(DiscussedTopic, topic, ExampleFriendID); d.New != 0 {
		t.Errorf("the friend answered last, so nothing is new for them: %+v", d)
	}
	if ds := w.Discussions(ExampleFriendID); !slices.ContainsFunc(ds, func(d Discussion) bool { return d.ObjectID == topic }) {
		t.Error("the friend's discussions lack the topic they commented")
	}
	if _, err := w.AddComment(Comment{Object: DiscussedTopic, ObjectID: "1", AuthorUID: DefaultUserID, Text: "x"}); !errors.Is(err, ErrUnknownObject) {
		t.Errorf("comment of an unknown topic: %v", err)
	}
	if _, err := w.AddComment(Comment{Object: DiscussedPhoto, ObjectID: ExamplePhotoID, AuthorUID: DefaultUserID, Text: "x", ReplyTo: mine}); !errors.Is(err, ErrUnknownComment) {
		t.Errorf("answer to a comment of another discussion: %v", err)
	}
}

func TestGroupPinsToggle(t *testing.T) {
	w := newTestWorld(t, 9)
	was := w.TopicPinned(ExampleGroupTopicID)
	pinned, err := w.ToggleGroupPin(ExampleGroupPinID)
	if err != nil || pinned == was || w.TopicPinned(ExampleGroupTopicID) != pinned {
		t.Fatalf("toggle: %v, %v (was %v)", pinned, err, was)
	}
	if pinned && w.GroupPinnedTopics(ExampleGroupID)[0] != ExampleGroupTopicID {
		t.Error("the latest pin comes first")
	}
	if again, _ := w.ToggleGroupPin(ExampleGroupTopicID); again == pinned {
		t.Error("a group topic's own id is its pin id too")
	}
	if _, err := w.ToggleGroupPin(ExampleTopicID); !errors.Is(err, ErrUnknownTopic) {
		t.Errorf("a user topic has no group feed to pin in: %v", err)
	}
}
