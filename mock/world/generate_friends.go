package world

// Friend counts of seeded users: everyone has between minSeededFriends
// and maxSeededFriends friends (when there are enough users), the default
// user about defaultUserFriends.
const (
	minSeededFriends   = 5
	maxSeededFriends   = 40
	defaultUserFriends = 25
)

// seedFriendships links users until each reaches a target count. Users
// are visited in uid order and offered random others; a user who reached
// their limit accepts nobody more, so counts stay in range. Random draws
// keep big worlds linear; a shuffled pass over everyone tops up the rare
// user the draws left short.
func (g *generator) seedFriendships(uids []string) {
	target := make(map[string]int, len(uids))
	limit := make(map[string]int, len(uids))
	for _, uid := range uids {
		t := g.between(minSeededFriends, 18)
		if g.chance(0.25) {
			t = g.between(19, maxSeededFriends)
		}
		target[uid], limit[uid] = t, maxSeededFriends
	}
	target[g.w.defaultUID] = defaultUserFriends
	limit[g.w.defaultUID] = defaultUserFriends + 2
	lists := g.w.friends.lists
	offer := func(uid, other string) {
		if other != uid && len(lists[other]) < limit[other] && !containsID(lists[uid], other) {
			g.w.friends.link(uid, other)
		}
	}
	for _, uid := range uids {
		for range 3 * target[uid] {
			if len(lists[uid]) >= target[uid] {
				break
			}
			offer(uid, uids[g.f.IntN(len(uids))])
		}
		if len(lists[uid]) >= min(minSeededFriends, target[uid]) {
			continue
		}
		for _, other := range g.shuffled(uids) {
			if len(lists[uid]) >= target[uid] {
				break
			}
			offer(uid, other)
		}
	}
}
