package mock

import "strings"

var communitiesHandlers = map[string]methodHandler{
	"communities.getMembers": communitiesGetMembers,
}

// communityYears are when a member joined a community (school, university,
// army unit: okmock's groups stand in for them) and left it; left is 0
// while they are still in. They are fixed by the seed, the group and the
// member.
func (c *apiCall) communityYears(gid, uid string, founded, now int) (joined, left int) {
	joined = c.world.Figure(founded, now, "community-joined", gid, uid)
	if left = joined + c.world.Figure(3, 6, "community-years", gid, uid); left > now {
		left = 0
	}
	return joined, left
}

// communitiesGetMembers pages through a community's members, optionally
// those who joined in start_year, left in end_year, or by filter: STUDY
// (still in), FINISH and GRADUATION (left), DEFAULT (everyone).
func communitiesGetMembers(c *apiCall) (any, *Error) {
	g, err := c.groupOf("gid")
	if err != nil {
		return nil, err
	}
	startYear, byStart := c.int64Param("start_year", 0)
	endYear, byEnd := c.int64Param("end_year", 0)
	filter := strings.ToUpper(c.params.Value("filter"))
	founded, now := g.Created.Year(), c.now.Year()
	var uids []string
	for _, m := range c.world.GroupMembers(g.ID) {
		joined, left := c.communityYears(g.ID, m.UserID, founded, now)
		switch {
		case byStart && int64(joined) != startYear,
			byEnd && int64(left) != endYear,
			filter == "STUDY" && left != 0,
			(filter == "FINISH" || filter == "GRADUATION") && left == 0:
			continue
		}
		uids = append(uids, m.UserID)
	}
	return c.userPage(uids)
}
