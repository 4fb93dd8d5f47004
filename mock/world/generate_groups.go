package world

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// seedGroups adds random groups up to Options.Groups, each administered by
// a random user, and returns every gid in creation order.
func (g *generator) seedGroups(uids []string) []string {
	gids := []string{ExampleGroupID}
	for len(gids) < g.opts.Groups {
		admin := g.pick(uids)
		grp := g.addGroup(g.randomID(seededGroup), admin)
		gids = append(gids, grp.ID)
	}
	return gids
}

// addGroup stores a seeded group with its admin as ADMIN member.
func (g *generator) addGroup(gid, admin string) Group {
	// Themes come in a shuffled order, so that small worlds repeat none.
	if len(g.themes) == 0 {
		g.themes = make([]int, len(groupThemes))
		for i := range g.themes {
			g.themes[i] = i
		}
		g.f.ShuffleInts(g.themes)
	}
	theme := groupThemes[g.themes[0]]
	g.themes = g.themes[1:]
	name, short := theme.name, theme.short
	switch {
	case strings.Contains(name, "%s"):
		city := g.pickWeighted(cities)
		name, short = fmt.Sprintf(name, city), short+"_"+translit(city, "_")
	case strings.Contains(name, "%d"):
		n := g.between(1, 150)
		name, short = fmt.Sprintf(name, n), short+strconv.Itoa(n)
	}
	for base := short; g.shortnames[short]; {
		short = base + strconv.Itoa(g.between(2, 99))
	}
	g.shortnames[short] = true
	access := AccessOpen
	switch p := g.f.Float64(); {
	case p < 0.2:
		access = AccessClosed
	case p < 0.25:
		access = AccessSecret
	}
	grp := Group{
		ID: gid, Name: name, Description: theme.description, Shortname: short,
		AccessType: access, AdminUID: admin, Created: g.ago(30*day, 12*year),
		PicAvatar: cdnURL(g.w.seed, "group", gid, "sqr_128"),
	}
	g.w.groups.byID[gid] = grp
	g.w.groups.setMember(gid, admin, MemberAdmin)
	return grp
}

// seedMemberships fills the groups with members: mostly ACTIVE, a few
// moderators, editors and analysts. The default user also joins a few.
func (g *generator) seedMemberships(uids, gids []string) {
	for _, gid := range gids {
		size := g.between(4, max(4, len(uids)/4))
		for _, uid := range g.shuffled(uids)[:min(size, len(uids))] {
			if _, member := g.w.groups.members[gid][uid]; member {
				continue
			}
			status := MemberActive
			switch p := g.f.Float64(); {
			case p < 0.06:
				status = MemberModerator
			case p < 0.08:
				status = MemberEditor
			case p < 0.09:
				status = MemberAnalyst
			}
			g.w.groups.setMember(gid, uid, status)
		}
	}
	for _, gid := range g.shuffled(gids)[:min(3, len(gids))] {
		if _, member := g.w.groups.members[gid][g.w.defaultUID]; !member {
			g.w.groups.setMember(gid, g.w.defaultUID, MemberActive)
		}
	}
}

// groupMembers returns the group's members sorted, for picking authors.
func (g *generator) groupMembers(gid string) []string {
	uids := make([]string, 0, len(g.w.groups.members[gid]))
	for uid := range g.w.groups.members[gid] {
		uids = append(uids, uid)
	}
	return sortIDs(uids)
}

// groupCreated is when the group was created (content is newer).
func (g *generator) groupCreated(gid string) time.Time { return g.w.groups.byID[gid].Created }
