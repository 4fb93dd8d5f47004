package mock

import (
	"github.com/okmock/okmock/mock/world"
)

var groupHandlers = map[string]methodHandler{
	"group.getCounters":        groupGetCounters,
	"group.getInfo":            groupGetInfo,
	"group.getMembers":         groupGetMembers,
	"group.getStatOverview":    groupGetStatOverview,
	"group.getStatPeople":      groupGetStatPeople,
	"group.getStatTopic":       groupGetStatTopic,
	"group.getStatTopics":      groupGetStatTopics,
	"group.getStatTrends":      groupGetStatTrends,
	"group.getUserGroupsByIds": groupGetUserGroupsByIDs,
	"group.getUserGroupsV2":    groupGetUserGroupsV2,
	"group.pinGroupFeed":       groupPinGroupFeed,
	"group.setMainPhoto":       groupSetMainPhoto,
}

// groupGetInfo answers a bare array of the known groups among uids, with
// the requested fields.
func groupGetInfo(c *apiCall) (any, *Error) {
	if len(idList(c.params.Value("uids"))) > 1 && c.params.Value("move_to_top") == "true" {
		return nil, errParam("Param 'move_to_top' can be true for single group only")
	}
	return renderMany(c, c.world.Group, c.renderGroup)
}

func (c *apiCall) renderGroup(g world.Group, f fieldSet) object {
	m := make(object, 0, len(f))
	put := func(name string, v any) {
		if f[name] {
			m = append(m, field{name, v})
		}
	}
	main, hasMain := c.world.GroupMainPhoto(g.ID)
	put("uid", g.ID)
	put("name", g.Name)
	put("description", g.Description)
	put("shortname", g.Shortname)
	put("access_type", g.AccessType)
	put("admin_id", g.AdminUID)
	put("created_ms", g.Created.UnixMilli())
	if hasMain {
		put("pic_avatar", main.PicURL("pic128x128"))
		put("main_photo", object{
			{"id", main.PhotoID}, {"pic128x128", main.PicURL("pic128x128")}, {"pic640x480", main.PicURL("pic640x480")},
		})
	} else {
		put("pic_avatar", g.PicAvatar)
	}
	put("members_count", c.world.MemberCount(g.ID))
	put("url", "https://ok.ru/group/"+g.ID)
	if uid := c.uid(); uid != "" {
		put("bookmarked", c.world.Bookmarked(uid, world.BookmarkGroup, g.ID))
	}
	return m
}

// groupOf reads a group id parameter: the group, or 160 for an unknown id.
func (c *apiCall) groupOf(param string) (world.Group, *Error) {
	gid := c.params.Value(param)
	g, ok := c.world.Group(gid)
	if !ok {
		return world.Group{}, Errorf(CodeGroupID, "Invalid group id %s", gid)
	}
	return g, nil
}

// requireGroupStaff refuses a user who does not administer or moderate the
// group: 50 NOT_ADMIN.
func (c *apiCall) requireGroupStaff(gid string) *Error {
	if !c.world.IsGroupStaff(gid, c.uid()) {
		return Errorf(codeNotAdmin, "User %s has no administrative rights in group %s", c.uid(), gid)
	}
	return nil
}

// okMemberStatus is how OK reports a member: the staff roles EDITOR,
// ANALYST and SUPER_MODERATOR are MODERATOR members with a role.
func okMemberStatus(status string) (okStatus, role string) {
	switch status {
	case world.MemberEditor, world.MemberAnalyst, world.MemberSuperModerator:
		return world.MemberModerator, status
	case world.MemberModerator:
		return status, status
	}
	return status, ""
}

// groupMembership is one row of group.getUserGroupsV2 and
// group.getUserGroupsByIds.
type groupMembership struct {
	GroupID string `json:"groupId"`
	UserID  string `json:"userId"`
	Status  string `json:"status"`
	Role    string `json:"role,omitempty"`
}

func membershipRow(m world.Membership) groupMembership {
	status, role := okMemberStatus(m.Status)
	return groupMembership{m.GroupID, m.UserID, status, role}
}

// groupGetUserGroupsV2 lists a user's groups, paged by anchor.
func groupGetUserGroupsV2(c *apiCall) (any, *Error) {
	uid := c.uid()
	if uid == "" {
		return nil, errParam("Either session_key or uid must be specified")
	}
	if _, ok := c.world.User(uid); !ok {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	all := c.world.UserGroups(uid)
	p, err := c.paginate(len(all), "anchor", 20, 100)
	if err != nil {
		return nil, err
	}
	rows := make([]groupMembership, 0, p.end-p.start)
	for _, m := range all[p.start:p.end] {
		rows = append(rows, membershipRow(m))
	}
	return struct {
		Groups  []groupMembership `json:"groups"`
		Anchor  string            `json:"anchor"`
		HasMore bool              `json:"hasMore"`
	}{rows, p.anchor, p.hasMore}, nil
}

// groupGetUserGroupsByIds answers a bare array with the membership of the
// listed users who belong to the group; the others are left out.
func groupGetUserGroupsByIDs(c *apiCall) (any, *Error) {
	g, err := c.groupOf("group_id")
	if err != nil {
		return nil, err
	}
	rows := []groupMembership{}
	for _, uid := range idList(c.params.Value("uids")) {
		if status, ok := c.world.MemberStatus(g.ID, uid); ok {
			rows = append(rows, membershipRow(world.Membership{GroupID: g.ID, UserID: uid, Status: status}))
		}
	}
	return rows, nil
}
