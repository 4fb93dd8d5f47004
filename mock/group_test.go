package mock

import (
	"strconv"
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// topicRead is mediatopic.getByIds's answer for one topic.
func (ts *testServer) topicRead(token, id string) map[string]any {
	ts.t.Helper()
	var got struct {
		Topics []map[string]any `json:"media_topics"`
	}
	ts.ok(token, callParams("mediatopic.getByIds", "topic_ids", id), &got)
	if len(got.Topics) != 1 {
		ts.t.Fatalf("topic %s not read back", id)
	}
	return got.Topics[0]
}

func TestGroupPinsAreReadBack(t *testing.T) {
	ts, admin := newWriteServer(t)
	was := ts.topicRead(admin, world.ExampleGroupTopicID)["pinned"]
	ts.ok(admin, callParams("group.pinGroupFeed", "pin_id", world.ExampleGroupPinID), nil)
	if now := ts.topicRead(admin, world.ExampleGroupTopicID)["pinned"]; now == was {
		t.Errorf("pinned stayed %v", now)
	}
	ts.ok(admin, callParams("group.pinGroupFeed", "pin_id", world.ExampleGroupPinID), nil)
	if again := ts.topicRead(admin, world.ExampleGroupTopicID)["pinned"]; again != was {
		t.Errorf("a second pinGroupFeed did not toggle back: %v", again)
	}
	if _, has := ts.topicRead(admin, world.ExampleTopicID)["pinned"]; has {
		t.Error("a user topic reports a group pin")
	}
	member := ts.sessionOf(world.ExampleFriendID, DemoApp().Permissions...)
	ts.fails(codeNotAdmin, member, callParams("group.pinGroupFeed", "pin_id", world.ExampleGroupPinID))
	ts.fails(CodeNotFound, admin, callParams("group.pinGroupFeed", "pin_id", "1"))
}

func TestGroupMainPhotoIsReadBack(t *testing.T) {
	ts, admin := newWriteServer(t)
	info := func() map[string]any {
		var got []map[string]any
		ts.ok(admin, callParams("group.getInfo", "uids", world.ExampleGroupID, "fields", "pic_avatar,main_photo"), &got)
		return got[0]
	}
	before := info()
	if _, has := before["main_photo"]; has {
		t.Fatalf("a main photo before any was set: %v", before)
	}
	ts.ok(admin, callParams("group.setMainPhoto", "group_id", world.ExampleGroupID, "photo_id", world.ExampleGroupUploadID), nil)
	after := info()
	main, _ := after["main_photo"].(map[string]any)
	if main["id"] != world.ExampleGroupUploadID || after["pic_avatar"] == before["pic_avatar"] || after["pic_avatar"] != main["pic128x128"] {
		t.Errorf("after setMainPhoto: %v", after)
	}
	ts.fails(CodePhotoID, admin, callParams("group.setMainPhoto", "group_id", world.ExampleGroupID, "photo_id", world.ExamplePhotoID))
	member := ts.sessionOf(world.ExampleFriendID, DemoApp().Permissions...)
	ts.fails(codeNotAdmin, member, callParams("group.setMainPhoto", "group_id", world.ExampleGroupID, "photo_id", world.ExampleGroupUploadID))
}

func TestGroupMembersAndCounters(t *testing.T) {
	ts, admin := newWriteServer(t)
	w := ts.srv.world
	gid := world.ExampleGroupID
	var page struct {
		Members []groupMember `json:"members"`
		Anchor  string        `json:"anchor"`
		HasMore bool          `json:"has_more"`
	}
	var seen []string
	for anchor := ""; ; anchor = page.Anchor {
		ts.ok(admin, callParams("group.getMembers", "uid", gid, "count", "2", "anchor", anchor), &page)
		for _, m := range page.Members {
			seen = append(seen, m.UserID)
		}
		if !page.HasMore {
			break
		}
	}
	if len(seen) != w.MemberCount(gid) {
		t.Errorf("paging saw %d members of %d", len(seen), w.MemberCount(gid))
	}
	ts.ok(admin, callParams("group.getMembers", "uid", gid, "statuses", "ADMIN"), &page)
	if len(page.Members) != 1 || page.Members[0].UserID != world.DefaultUserID || page.Members[0].Status != "ADMIN" {
		t.Errorf("admins: %+v", page.Members)
	}

	var rows []groupMembership
	ts.ok(admin, callParams("group.getUserGroupsByIds", "group_id", gid, "uids", world.ExampleFriendID+",1"), &rows)
	if len(rows) != 1 || rows[0].UserID != world.ExampleFriendID || rows[0].GroupID != gid {
		t.Errorf("memberships: %+v", rows)
	}

	counters := func(token string) map[string]int {
		var got struct {
			Counters map[string]int `json:"counters"`
		}
		ts.ok(token, callParams("group.getCounters", "group_id", gid, "counterTypes", "members,photo_albums,themes,moderators,join_requests"), &got)
		return got.Counters
	}
	c := counters(admin)
	if c["members"] != w.MemberCount(gid) || c["photo_albums"] != len(w.Albums(gid)) || c["themes"] != len(w.Topics(gid)) {
		t.Errorf("counters %v", c)
	}
	if _, ok := c["join_requests"]; !ok {
		t.Error("the admin does not see join_requests")
	}
	var outsider string
	for _, uid := range w.UserIDs() {
		if !w.IsMember(gid, uid) {
			outsider = ts.sessionOf(uid, DemoApp().Permissions...)
			break
		}
	}
	if c := counters(outsider); len(c) != 3 {
		t.Errorf("an outsider sees only public counters, got %v", c)
	}
}

func TestGroupStatistics(t *testing.T) {
	ts, admin := newWriteServer(t)
	gid := world.ExampleGroupID
	member := ts.sessionOf(world.ExampleFriendID, DemoApp().Permissions...)
	for _, method := range []string{"group.getStatOverview", "group.getStatPeople", "group.getStatTopics", "group.getStatTrends"} {
		ts.fails(codeNotAdmin, member, callParams(method, "gid", gid))
	}
	var topic struct {
		Topic map[string]any `json:"topic"`
	}
	ts.ok(admin, callParams("group.getStatTopic", "topic_id", world.ExampleGroupTopicID), &topic)
	if likes := topic.Topic["likes"]; likes != float64(ts.srv.world.LikeCount(world.LikeTopic, world.ExampleGroupTopicID)) {
		t.Errorf("topic statistics: likes %v", likes)
	}
	var picked struct {
		Topic map[string]any `json:"topic"`
	}
	ts.ok(admin, callParams("group.getStatTopic", "topic_id", world.ExampleGroupTopicID, "fields", "reach"), &picked)
	if len(picked.Topic) != 2 {
		t.Errorf("fields=reach keeps id and reach only: %v", picked.Topic)
	}
	var trends struct {
		Trends map[string][]struct {
			Time  int64 `json:"time"`
			Value int   `json:"value"`
		} `json:"trends"`
	}
	end := testEpoch.UnixMilli()
	start := testEpoch.AddDate(0, 0, -9).UnixMilli()
	ts.ok(admin, callParams("group.getStatTrends", "gid", gid, "start_time", strconv.FormatInt(start, 10), "end_time", strconv.FormatInt(end, 10)), &trends)
	if n := len(trends.Trends["reach"]); n != 10 {
		t.Errorf("ten days of reach, got %d", n)
	}
	if members := trends.Trends["members_count"]; members[len(members)-1].Value != ts.srv.world.MemberCount(gid) {
		t.Errorf("today's member count %d, want %d", members[len(members)-1].Value, ts.srv.world.MemberCount(gid))
	}
	ts.fails(CodeParam, admin, callParams("group.getStatTrends", "gid", gid, "start_time", strconv.FormatInt(testEpoch.AddDate(-1, 0, 0).UnixMilli(), 10)))

	var people struct {
		Demography struct {
			Genders map[string]int `json:"genders"`
		} `json:"demography"`
	}
	ts.ok(admin, callParams("group.getStatPeople", "gid", gid), &people)
	if g := people.Demography.Genders; g["male"]+g["female"] != ts.srv.world.MemberCount(gid) {
		t.Errorf("genders %v of %d members", g, ts.srv.world.MemberCount(gid))
	}
	var overview struct {
		Months []int64 `json:"months_ms"`
	}
	ts.ok(admin, callParams("group.getStatOverview", "gid", gid), &overview)
	last := overview.Months[len(overview.Months)-1]
	ts.ok(admin, callParams("group.getStatOverview", "gid", gid, "period", "MONTH", "start_time", strconv.FormatInt(last, 10)), nil)
	ts.fails(CodeParam, admin, callParams("group.getStatOverview", "gid", gid, "period", "MONTH", "start_time", "1"))
}
