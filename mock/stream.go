package mock

import (
	"github.com/okmock/okmock/mock/world"
)

var streamHandlers = map[string]methodHandler{
	"stream.delete":       streamDelete,
	"stream.markAsSpam":   streamMarkAsSpam,
	"stream.isSubscribed": streamIsSubscribed,
}

// streamDelete removes an entry (delete_id or delete_ref_id: a feed item
// or a topic of the feed) from the user's feed, and hides an advertiser's
// banner (banner_id). It answers false when given nothing to do; an entry
// not in the user's feed is 300.
func streamDelete(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	done := false
	for _, name := range []string{"delete_id", "delete_ref_id"} {
		if id := c.params.Value(name); id != "" {
			if werr := c.world.HideFeedEntry(u.UID, id); werr != nil {
				return nil, worldError(werr)
			}
			done = true
		}
	}
	if id := c.params.Value("banner_id"); id != "" {
		if werr := c.world.HideBanner(u.UID, id); werr != nil {
			return nil, worldError(werr)
		}
		done = true
	}
	return done, nil
}

// streamMarkAsSpam reports an entry of the user's feed (and removes the
// one named by delete_id).
func streamMarkAsSpam(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	complaint := c.params.Value("complaint_type")
	if complaint == "" {
		complaint = "SPAM"
	}
	if werr := c.world.ReportSpam(world.SpamReport{ItemID: c.params.Value("mark_as_spam_id"), UID: u.UID, Complaint: complaint, Time: c.now}); werr != nil {
		return nil, worldError(werr)
	}
	if id := c.params.Value("delete_id"); id != "" {
		if werr := c.world.HideFeedEntry(u.UID, id); werr != nil {
			return nil, worldError(werr)
		}
	}
	return true, nil
}

// streamIsSubscribed tells whether the user's feed shows a user's (fid:
// their friends') or a group's (gid: their groups') news. Given neither,
// the answer is false.
func streamIsSubscribed(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	fid, gid := c.params.Value("fid"), c.params.Value("gid")
	switch {
	case fid != "" && gid != "":
		return nil, errParam("Give exactly one of fid and gid")
	case fid != "":
		if !c.world.HasUser(fid) {
			return nil, Errorf(CodeUserID, "Invalid uid %s", fid)
		}
		return c.world.AreFriends(u.UID, fid), nil
	case gid != "":
		if _, err := c.optionalGroup(); err != nil {
			return nil, err
		}
		return c.world.IsMember(gid, u.UID), nil
	}
	return false, nil
}
