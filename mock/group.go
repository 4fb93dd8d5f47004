package mock

import "github.com/okmock/okmock/mock/world"

var groupHandlers = map[string]methodHandler{
	"group.getInfo":         groupGetInfo,
	"group.getUserGroupsV2": groupGetUserGroupsV2,
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
	put("uid", g.ID)
	put("name", g.Name)
	put("description", g.Description)
	put("shortname", g.Shortname)
	put("access_type", g.AccessType)
	put("admin_id", g.AdminUID)
	put("created_ms", g.Created.UnixMilli())
	put("pic_avatar", g.PicAvatar)
	put("members_count", len(c.world.GroupMembers(g.ID)))
	put("url", "https://ok.ru/group/"+g.ID)
	return m
}

// groupMembership is one row of group.getUserGroupsV2.
type groupMembership struct {
	GroupID string `json:"groupId"`
	UserID  string `json:"userId"`
	Status  string `json:"status"`
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
		rows = append(rows, groupMembership{m.GroupID, m.UserID, m.Status})
	}
	return struct {
		Groups  []groupMembership `json:"groups"`
		Anchor  string            `json:"anchor"`
		HasMore bool              `json:"hasMore"`
	}{rows, p.anchor, p.hasMore}, nil
}
