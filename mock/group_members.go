package mock

import (
	"encoding/json"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

// groupMember is one row of group.getMembers.
type groupMember struct {
	UserID string `json:"userId"`
	Status string `json:"status"`
	Role   string `json:"role,omitempty"`
}

// groupGetMembers pages through a group's members (the group id comes in
// `uid`, as OK names it), optionally only those of some statuses. Members
// of closed and secret groups are shown to members only.
func groupGetMembers(c *apiCall) (any, *Error) {
	g, err := c.groupOf("uid")
	if err != nil {
		return nil, err
	}
	if g.AccessType != world.AccessOpen && !c.world.IsMember(g.ID, c.session.UID) {
		return nil, Errorf(456, "Group %s shows its members to members only", g.ID)
	}
	want := map[string]bool{}
	for _, s := range idList(c.params.Value("statuses")) {
		want[strings.ToUpper(s)] = true
	}
	var rows []groupMember
	for _, m := range c.world.GroupMembers(g.ID) {
		status, role := okMemberStatus(m.Status)
		if len(want) == 0 || want[status] {
			rows = append(rows, groupMember{m.UserID, status, role})
		}
	}
	p, perr := c.listPage(len(rows), 20, 1000)
	if perr != nil {
		return nil, perr
	}
	return struct {
		Members []groupMember `json:"members"`
		Anchor  string        `json:"anchor"`
		HasMore bool          `json:"has_more"`
	}{nonNil(rows[p.start:p.end]), p.anchor, p.hasMore}, nil
}

// groupGetCounters answers the requested counters of a group. Moderators
// are counted for members only, join requests and the black list for the
// group's staff only; maybe (events only) is never there.
func groupGetCounters(c *apiCall) (any, *Error) {
	g, err := c.groupOf("group_id")
	if err != nil {
		return nil, err
	}
	viewer := c.uid()
	member, staff := c.world.IsMember(g.ID, viewer), c.world.IsGroupStaff(g.ID, viewer)
	counters := object{}
	for _, name := range idList(c.params.Value("counterTypes")) {
		name = strings.ToLower(name)
		var n int
		switch name {
		case "themes":
			n = len(c.world.Topics(g.ID))
		case "photo_albums":
			n = len(c.world.Albums(g.ID))
		case "photos":
			for _, a := range c.world.Albums(g.ID) {
				n += c.world.PhotoCount(a.ID)
			}
		case "members":
			n = c.world.MemberCount(g.ID)
		case "videos":
			n = len(c.world.Videos(g.ID))
		case "links":
			n = groupLinkCount(c.world.Topics(g.ID))
		case "presents":
		case "moderators":
			if !member {
				continue
			}
			for _, m := range c.world.GroupMembers(g.ID) {
				if status, _ := okMemberStatus(m.Status); status == world.MemberModerator {
					n++
				}
			}
		case "join_requests", "black_list":
			if !staff {
				continue
			}
		default:
			continue
		}
		counters = append(counters, field{name, n})
	}
	return object{{"counters", counters}}, nil
}

// groupLinkCount is the number of link blocks in a group's topics.
func groupLinkCount(topics []world.Topic) int {
	n := 0
	for _, t := range topics {
		for _, raw := range t.Media {
			var b struct {
				Type string `json:"type"`
			}
			if json.Unmarshal(raw, &b) == nil && b.Type == "link" {
				n++
			}
		}
	}
	return n
}
