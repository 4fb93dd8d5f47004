package mock

import (
	"slices"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

// relationGroup is one row of friends.getRelatives(V2): the friends in one
// relation to the user.
type relationGroup struct {
	TypeID string   `json:"type_id"`
	UIDs   []string `json:"uids"`
}

// relationGroups groups a user's relations by type, in the order of
// world.RelationTypes, keeping those keep accepts.
func relationGroups(rels []world.Relation, keep func(world.Relation) bool) []relationGroup {
	out := []relationGroup{}
	for _, t := range world.RelationTypes {
		g := relationGroup{TypeID: t}
		for _, r := range rels {
			if r.Type == t && keep(r) {
				g.UIDs = append(g.UIDs, r.FriendUID)
			}
		}
		if len(g.UIDs) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// userOrCaller is the user the uid parameter names, else the caller (110
// for an unknown user).
func (c *apiCall) userOrCaller() (string, *Error) {
	uid := c.params.Value("uid")
	if uid == "" && c.session != nil {
		uid = c.session.UID
	}
	if !c.world.HasUser(uid) {
		return "", Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	return uid, nil
}

// relTypeFilter reads reltypes: nil (everything) when absent or ALL.
func (c *apiCall) relTypeFilter() []string {
	var types []string
	for _, t := range idList(c.params.Value("reltypes")) {
		t = strings.ToUpper(t)
		if t == world.RelationAll {
			return nil
		}
		types = append(types, t)
	}
	return types
}

// friendsGetRelatives answers {"relations": [...]}: the user's friends who
// are relatives, classmates and the like, grouped by relation type.
func friendsGetRelatives(c *apiCall) (any, *Error) {
	uid, err := c.userOrCaller()
	if err != nil {
		return nil, err
	}
	types := c.relTypeFilter()
	groups := relationGroups(c.world.Relations(uid), func(r world.Relation) bool {
		return types == nil || slices.Contains(types, r.Type)
	})
	return struct {
		Relations []relationGroup `json:"relations"`
	}{groups}, nil
}

// friendsGetRelativesV2 pages through the user's relation groups, either
// of the given friends or of the given types (exactly one of friend_ids
// and reltypes; neither means every type).
func friendsGetRelativesV2(c *apiCall) (any, *Error) {
	uid := c.params.Value("uid")
	if !c.world.HasUser(uid) {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	friends := idList(c.params.Value("friend_ids"))
	if len(friends) > 0 && c.params.Value("reltypes") != "" {
		return nil, errParam("Only one of friend_ids and reltypes may be given")
	}
	types := c.relTypeFilter()
	groups := relationGroups(c.world.Relations(uid), func(r world.Relation) bool {
		if len(friends) > 0 {
			return slices.Contains(friends, r.FriendUID)
		}
		return types == nil || slices.Contains(types, r.Type)
	})
	p, err := c.listPage(len(groups), 20, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		Relations  []relationGroup `json:"relations"`
		Anchor     string          `json:"anchor"`
		HasMore    bool            `json:"has_more"`
		TotalCount int             `json:"totalCount"`
	}{groups[p.start:p.end], p.anchor, p.hasMore, len(groups)}, nil
}
