package world

import (
	"encoding/json"
	"slices"
	"time"
)

// The example videos and channel of openapi/EXAMPLES.md.
const (
	// ExampleDeletableVideoID is a video of the default user, deleted by
	// the video.delete example.
	ExampleDeletableVideoID = "575000000971"
	// ExampleVideoID is a video of the default user, updated by the
	// video.update example and never deleted.
	ExampleVideoID = "575000000972"
	// ExampleVideoChannelID is a video channel of the default user, which
	// the video.subscribe example subscribes to.
	ExampleVideoChannelID = "575000000973"
)

// Video statuses: an upload started by video.getUploadUrl is UPLOADING
// until video.update completes it.
const (
	VideoUploading = "UPLOADING"
	VideoReady     = "OK"
)

// Video privacies of video.update.
const (
	VideoPublic  = "PUBLIC"
	VideoFriends = "FRIENDS"
)

// Video is a video of a user or, when GroupID is set, of a group.
type Video struct {
	ID          string   `json:"id"`
	OwnerUID    string   `json:"owner_uid"`
	GroupID     string   `json:"group_id,omitempty"`
	ChannelID   string   `json:"channel_id,omitempty"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Privacy     string   `json:"privacy"`
	Status      string   `json:"status"`
	FileName    string   `json:"file_name,omitempty"`
	Size        int64    `json:"size,omitempty"`
	// CoverPhotoID is the photo shown before the video plays.
	CoverPhotoID string `json:"cover_photo_id,omitempty"`
	// UploadToken authorizes the upload of an UPLOADING video's file.
	UploadToken string    `json:"upload_token,omitempty"`
	Created     time.Time `json:"created"`
}

func (v Video) owner() string {
	if v.GroupID != "" {
		return v.GroupID
	}
	return v.OwnerUID
}

func (v Video) clone() Video {
	v.Tags = slices.Clone(v.Tags)
	return v
}

// VideoChannel is a user's channel of videos, which others subscribe to.
type VideoChannel struct {
	ID       string    `json:"id"`
	OwnerUID string    `json:"owner_uid"`
	Title    string    `json:"title"`
	Created  time.Time `json:"created"`
}

// videoStore holds videos per owner, channels per owner and channel
// subscribers (sorted uids).
type videoStore struct {
	videos   table[Video]
	channels table[VideoChannel]
	subs     map[string][]string
}

func init() {
	registerKind("videos", func() extension {
		return &videoStore{
			videos:   newTable(func(v Video) string { return v.ID }, Video.owner, func(v Video) time.Time { return v.Created }),
			channels: newTable(func(c VideoChannel) string { return c.ID }, func(c VideoChannel) string { return c.OwnerUID }, func(c VideoChannel) time.Time { return c.Created }),
			subs:     map[string][]string{},
		}
	})
}

func (s *videoStore) has(id string) bool { return s.videos.has(id) || s.channels.has(id) }

var (
	videoTitles = []string{
		"Наш отпуск на море", "Дача: итоги сезона", "Первые шаги внучки", "Рыбалка на Волге",
		"Рецепт борща от бабушки", "Концерт во дворе", "Котик и коробка", "Прогулка по Петербургу",
		"Новый год у родителей", "Выпускной 11 «Б»", "Сплав по Катуни", "Утренняя зарядка",
	}
	videoTags = []string{"отпуск", "дача", "семья", "рыбалка", "рецепты", "музыка", "котики", "путешествия", "спорт", "праздник"}
)

// populate adds the example videos and channel, and up to three videos to
// about a third of the users and the groups.
func (s *videoStore) populate(g *generator) {
	g = g.kindGenerator("videos")
	s.channels.put(VideoChannel{ID: ExampleVideoChannelID, OwnerUID: DefaultUserID, Title: "Мои ролики", Created: g.ago(30*day, year)})
	for _, id := range []string{ExampleDeletableVideoID, ExampleVideoID} {
		s.videos.put(g.video(id, DefaultUserID, ""))
	}
	for _, uid := range g.sortedUsers() {
		if g.chance(0.33) {
			for range g.between(1, 3) {
				s.videos.put(g.video(g.randomID(seededShort), uid, ""))
			}
		}
	}
	gids := make([]string, 0, len(g.w.groups.byID))
	for gid := range g.w.groups.byID {
		gids = append(gids, gid)
	}
	for _, gid := range sortIDs(gids) {
		if admin := g.w.groups.byID[gid].AdminUID; admin != "" && g.chance(0.33) {
			s.videos.put(g.video(g.randomID(seededShort), admin, gid))
		}
	}
}

// video is a seeded, ready video.
func (g *generator) video(id, owner, gid string) Video {
	v := Video{
		ID: id, OwnerUID: owner, GroupID: gid, Title: g.pick(videoTitles), Privacy: VideoPublic,
		Status: VideoReady, Size: int64(g.between(2, 400)) << 20, Created: g.ago(day, 3*year),
	}
	for range g.between(0, 3) {
		if t := g.pick(videoTags); !slices.Contains(v.Tags, t) {
			v.Tags = append(v.Tags, t)
		}
	}
	if g.chance(0.2) {
		v.Privacy = VideoFriends
	}
	return v
}

func (s *videoStore) forget(kind, id string) {
	switch kind {
	case "user":
		for _, vid := range s.videos.where(func(v Video) bool { return v.OwnerUID == id }) {
			s.videos.remove(vid)
		}
		for _, cid := range s.channels.ids(id) {
			s.channels.remove(cid)
			delete(s.subs, cid)
		}
		for cid, uids := range s.subs {
			if uids = removeID(uids, id); len(uids) == 0 {
				delete(s.subs, cid)
			} else {
				s.subs[cid] = uids
			}
		}
	case "group":
		for _, vid := range s.videos.ids(id) {
			s.videos.remove(vid)
		}
	}
}

func (s *videoStore) save() any {
	return map[string]any{"videos": s.videos.save(), "channels": s.channels.save(), "subscriptions": s.subs}
}

func (s *videoStore) load(data json.RawMessage) error {
	return loadNamed(data, map[string]func(json.RawMessage) error{
		"videos": s.videos.load, "channels": s.channels.load, "subscriptions": loadSortedIDLists(&s.subs),
	})
}

func (w *World) videosLocked() *videoStore { return w.ext["videos"].(*videoStore) }

// AddVideo stores a video and returns its new id (v.ID is ignored). The
// owner, the group when set and the channel when set must exist; privacy
// defaults to PUBLIC, status to UPLOADING and the time to Now.
func (w *World) AddVideo(v Video) (string, error) {
	keepAll(&v)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkOwnerLocked(v.OwnerUID, v.GroupID); err != nil {
		return "", err
	}
	s := w.videosLocked()
	if v.ChannelID != "" && !s.channels.has(v.ChannelID) {
		return "", notFound(ErrUnknownObject, "channel "+v.ChannelID)
	}
	if v.Privacy == "" {
		v.Privacy = VideoPublic
	}
	if v.Status == "" {
		v.Status = VideoUploading
	}
	v.ID = w.newIDLocked(shortID)
	v.Created = w.stamp(v.Created)
	s.videos.put(v.clone())
	return v.ID, nil
}

// Video returns the video with the id.
func (w *World) Video(id string) (Video, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	v, ok := w.videosLocked().videos.byID[id]
	return v.clone(), ok
}

// Videos returns the videos of a user (their own, not their groups') or
// of a group, newest first.
func (w *World) Videos(owner string) []Video {
	w.mu.RLock()
	defer w.mu.RUnlock()
	list := w.videosLocked().videos.list(owner)
	for i := range list {
		list[i] = list[i].clone()
	}
	return list
}

// EditVideo applies change to a video and stores the result; the channel,
// when set, must exist.
func (w *World) EditVideo(id string, change func(*Video) error) (Video, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.videosLocked()
	v, ok := s.videos.byID[id]
	if !ok {
		return Video{}, notFound(ErrUnknownObject, "video "+id)
	}
	v = v.clone()
	if err := change(&v); err != nil {
		return Video{}, err
	}
	if v.ChannelID != "" && !s.channels.has(v.ChannelID) {
		return Video{}, notFound(ErrUnknownObject, "channel "+v.ChannelID)
	}
	v.ID = id
	s.videos.put(v)
	return v.clone(), nil
}

// DeleteVideo removes a video.
func (w *World) DeleteVideo(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.videosLocked()
	if !s.videos.has(id) {
		return notFound(ErrUnknownObject, "video "+id)
	}
	s.videos.remove(id)
	w.forgetLocked("video", id)
	return nil
}

// VideoChannel returns the channel with the id.
func (w *World) VideoChannel(id string) (VideoChannel, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, ok := w.videosLocked().channels.byID[id]
	return c, ok
}

// SubscribeChannel subscribes the user to the channel; added is false when
// they already were.
func (w *World) SubscribeChannel(cid, uid string) (added bool, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return false, err
	}
	s := w.videosLocked()
	if !s.channels.has(cid) {
		return false, notFound(ErrUnknownObject, "channel "+cid)
	}
	if containsID(s.subs[cid], uid) {
		return false, nil
	}
	s.subs[cid] = insertID(s.subs[cid], keep(uid))
	return true, nil
}

// ChannelSubscribers returns the uids subscribed to the channel, sorted.
func (w *World) ChannelSubscribers(cid string) []string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return slices.Clone(w.videosLocked().subs[cid])
}
