package world

import (
	"encoding/json"
	"strconv"
	"time"
)

// seedAlbums gives users up to three albums and groups up to two, each
// with a few photos.
func (g *generator) seedAlbums(uids, gids []string) {
	for _, uid := range uids {
		for range g.between(0, 3) - g.w.albums.count(uid) {
			g.fillAlbum(g.addAlbum(g.randomID(seededShort), uid, ""), g.between(0, 6))
		}
	}
	for _, gid := range gids {
		members := g.groupMembers(gid)
		for range g.between(0, 2) - g.w.albums.count(gid) {
			g.fillAlbum(g.addAlbum(g.randomID(seededShort), g.pick(members), gid), g.between(1, 6))
		}
	}
}

// addAlbum stores a seeded album of the user, or of the group when gid
// is set.
func (g *generator) addAlbum(aid, owner, gid string) Album {
	a := Album{ID: aid, OwnerUID: owner, GroupID: gid, Type: AlbumPublic}
	if gid == "" {
		a.Title = g.pick(albumTitles)
		if g.chance(0.3) {
			a.Title += " " + strconv.Itoa(g.now.Year()-g.between(0, 6))
		}
		switch p := g.f.Float64(); {
		case p < 0.15:
			a.Type = AlbumFriends
		case p < 0.2:
			a.Type = AlbumPrivate
		}
		a.Created = g.ago(7*day, 8*year)
	} else {
		a.Title = g.pick(groupAlbumTitles)
		a.Created = g.after(g.groupCreated(gid))
	}
	a.Description = g.pick(albumDescriptions)
	g.w.albums.put(a)
	return a
}

// fillAlbum adds n photos with random ids to the album. In a group album
// the photos come from random members.
func (g *generator) fillAlbum(a Album, n int) {
	var members []string
	if a.GroupID != "" {
		members = g.groupMembers(a.GroupID)
	}
	for range n {
		owner := a.OwnerUID
		if members != nil {
			owner = g.pick(members)
		}
		g.addPhoto(g.randomID(seededShort), a, owner)
	}
}

// addPhoto stores a seeded photo of the owner in the album.
func (g *generator) addPhoto(pid string, a Album, owner string) Photo {
	size := photoSizes[g.f.IntN(len(photoSizes))]
	p := Photo{
		ID: pid, AlbumID: a.ID, OwnerUID: owner, GroupID: a.GroupID,
		StandardWidth: size[0], StandardHeight: size[1],
		Created: g.after(a.Created), Token: cdnToken(g.w.seed, "photo", pid),
	}
	if g.chance(0.5) {
		p.Text = g.pick(photoCaptions)
	}
	g.w.photos.put(p)
	return p
}

// seedTopics gives users up to three topics and groups one to four.
func (g *generator) seedTopics(uids, gids []string) {
	for _, uid := range uids {
		for range g.between(0, 3) - g.w.topics.count(uid) {
			g.addTopic(g.randomID(seededTopic), uid, "")
		}
	}
	for _, gid := range gids {
		members := g.groupMembers(gid)
		for range g.between(1, 4) - g.w.topics.count(gid) {
			author := g.w.groups.byID[gid].AdminUID
			if g.chance(0.4) {
				author = g.pick(members)
			}
			g.addTopic(g.randomID(seededTopic), author, gid)
		}
	}
}

// Media blocks of seeded topics, in the attachment format of
// mediatopic.post.
type (
	textBlock struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	linkBlock struct {
		Type string `json:"type"`
		URL  string `json:"url"`
	}
	photoBlock struct {
		Type string     `json:"type"`
		List []photoRef `json:"list"`
	}
	photoRef struct {
		ID string `json:"id"`
	}
	pollBlock struct {
		Type     string       `json:"type"`
		Question string       `json:"question"`
		Answers  []pollAnswer `json:"answers"`
		Options  string       `json:"options"`
	}
	pollAnswer struct {
		Text string `json:"text"`
	}
)

// addTopic stores a seeded topic of the author, in the group when gid is
// set: a text, sometimes with a link, a photo of the author's or a poll.
func (g *generator) addTopic(tid, author, gid string) Topic {
	t := Topic{ID: tid, AuthorUID: author, GroupID: gid, Type: TopicUser}
	sentences := postSentences
	if gid != "" {
		t.Type, sentences = TopicGroupTheme, groupSentences
		t.Created = g.after(g.groupCreated(gid))
	} else {
		t.Created = g.ago(time.Hour, 3*year)
	}
	text := g.pick(sentences)
	if g.chance(0.4) {
		text += " " + g.pick(sentences)
	}
	blocks := []any{textBlock{"text", text}}
	switch p := g.f.Float64(); {
	case p < 0.2:
		blocks = append(blocks, linkBlock{"link", g.pick(links)})
	case p < 0.45:
		if pid := g.photoOf(author, gid); pid != "" {
			blocks = append(blocks, photoBlock{"photo", []photoRef{{pid}}})
		}
	case p < 0.55:
		blocks = append(blocks, g.pollBlock())
	}
	for _, b := range blocks {
		t.Media = append(t.Media, mediaJSON(b))
	}
	g.w.topics.put(t)
	return t
}

// pollBlock is a media block of a random poll.
func (g *generator) pollBlock() json.RawMessage {
	poll := polls[g.f.IntN(len(polls))]
	answers := make([]pollAnswer, len(poll.answers))
	for i, a := range poll.answers {
		answers[i] = pollAnswer{a}
	}
	return mediaJSON(pollBlock{"poll", poll.question, answers, "SingleChoice"})
}

// mediaJSON marshals a media block; the blocks are plain structs of
// strings, which cannot fail to marshal.
func mediaJSON(block any) json.RawMessage {
	raw, _ := json.Marshal(block)
	return raw
}

// photoOf picks a photo of the owner's (the group's when gid is set) for a
// topic, or "" when there is none.
func (g *generator) photoOf(uid, gid string) string {
	owner := uid
	if gid != "" {
		owner = gid
	}
	var pids []string
	for _, aid := range g.w.albums.ids(owner) {
		pids = append(pids, g.w.photos.ids(aid)...)
	}
	if len(pids) == 0 {
		return ""
	}
	return g.pick(pids)
}
