package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

func TestCommunityMembersSplitByFilter(t *testing.T) {
	ts, token := newWriteServer(t)
	count := func(kv ...string) int {
		var got struct {
			Users []userRow `json:"users"`
		}
		ts.ok(token, callParams("communities.getMembers", append([]string{"gid", world.ExampleGroupID, "count", "1000"}, kv...)...), &got)
		return len(got.Users)
	}
	all, study, finished := count(), count("filter", "STUDY"), count("filter", "FINISH")
	if all != ts.srv.world.MemberCount(world.ExampleGroupID) || study+finished != all {
		t.Errorf("all %d, studying %d, finished %d", all, study, finished)
	}
	ts.fails(CodeGroupID, token, callParams("communities.getMembers", "gid", "1"))
}

func TestInterests(t *testing.T) {
	ts, token := newWriteServer(t)
	var got struct {
		Interests []interest `json:"interests"`
	}
	ts.ok(token, callParams("interests.get", "uid", world.ExampleFriendID), &got)
	want := ts.srv.world.Interests(world.ExampleFriendID)
	if len(got.Interests) != len(want) || got.Interests[0].Name != want[0].Name {
		t.Errorf("interests %+v, world says %+v", got.Interests, want)
	}
	ts.fails(CodeUserID, token, callParams("interests.get", "uid", "1"))
}
