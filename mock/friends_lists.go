package mock

import (
	"slices"
	"strings"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// friendsGetBirthdays answers a bare array of the friends whose birthday
// comes within 30 days (within 3 with future=false), the nearest first.
func friendsGetBirthdays(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	within := 30
	if !c.boolParam("future", true) {
		within = 3
	}
	today := dayStart(c.now)
	type soon struct {
		uid  string
		days int
	}
	var list []soon
	for _, fid := range c.world.Friends(u.UID) {
		f, _ := c.world.User(fid)
		if d, ok := daysToBirthday(f.Birthday, today); ok && d <= within {
			list = append(list, soon{fid, d})
		}
	}
	slices.SortStableFunc(list, func(a, b soon) int { return a.days - b.days })
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.uid
	}
	return out, nil
}

// daysToBirthday is how many days from today (a Moscow midnight) to the
// next birthday ("YYYY-MM-DD" or "MM-DD"); 0 is today. 29 February falls
// on 1 March in other years.
func daysToBirthday(birthday string, today time.Time) (int, bool) {
	md := birthday
	if len(md) == len("2006-01-02") {
		md = md[5:]
	}
	t, err := time.Parse("01-02", md)
	if err != nil {
		return 0, false
	}
	for _, y := range []int{today.Year(), today.Year() + 1} {
		next := time.Date(y, t.Month(), t.Day(), 0, 0, 0, 0, today.Location())
		if !next.Before(today) {
			return int(next.Sub(today).Hours() / 24), true
		}
	}
	return 0, false
}

// friendsGetByDevices answers a bare array of the friends who have used
// OK on one of the devices.
func friendsGetByDevices(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	var want []string
	for _, d := range idList(c.params.Value("devices")) {
		want = append(want, strings.ToUpper(d))
	}
	out := []string{}
	for _, fid := range c.world.Friends(u.UID) {
		if slices.ContainsFunc(c.world.UserDevices(fid), func(d string) bool { return slices.Contains(want, d) }) {
			out = append(out, fid)
		}
	}
	return out, nil
}

// friendsGetMutualFriends answers a bare array of the friends the source
// user (source_id, else the acting user) and the target have in common,
// at most count of them.
func friendsGetMutualFriends(c *apiCall) (any, *Error) {
	source := c.params.Value("source_id")
	if source == "" {
		source = c.uid()
	}
	if source == "" {
		return nil, errParam("Either session_key or source_id must be specified")
	}
	for _, uid := range []string{source, c.params.Value("target_id")} {
		if !c.world.HasUser(uid) {
			return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
		}
	}
	out := mutualFriends(c.world, source, c.params.Value("target_id"))
	if n, ok := c.int64Param("count", 0); ok && int(n) < len(out) {
		out = out[:max(0, n)]
	}
	return out, nil
}

func mutualFriends(w *world.World, a, b string) []string {
	out := []string{}
	for _, fid := range w.Friends(a) {
		if w.AreFriends(fid, b) {
			out = append(out, fid)
		}
	}
	return out
}

// suggestionFields are the user fields of friends.getSuggestions.
var suggestionFields = fieldSet{"uid": true, "first_name": true, "last_name": true, "name": true, "pic_1": true}

// friendsGetSuggestions pages through people the user may know: friends
// of friends, the most mutual friends first, with common_friends_count.
func friendsGetSuggestions(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	mutual := map[string]int{}
	for _, fid := range c.world.Friends(u.UID) {
		for _, cand := range c.world.Friends(fid) {
			if cand != u.UID && !c.world.AreFriends(u.UID, cand) {
				mutual[cand]++
			}
		}
	}
	cands := make([]string, 0, len(mutual))
	for uid := range mutual {
		cands = append(cands, uid)
	}
	slices.SortFunc(cands, func(a, b string) int {
		if mutual[a] != mutual[b] {
			return mutual[b] - mutual[a]
		}
		return compareUIDs(a, b)
	})
	p, perr := c.listPage(len(cands), 20, 100)
	if perr != nil {
		return nil, perr
	}
	return pagedObjects("users", cands, p, func(uid string) object {
		f, _ := c.world.User(uid)
		return append(c.renderUser(f, suggestionFields), field{"common_friends_count", mutual[uid]})
	}), nil
}

// compareUIDs orders digit ids numerically (shorter first).
func compareUIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}
