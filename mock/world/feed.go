package world

import (
	"encoding/json"
	"slices"
	"time"
)

// The example feed objects of openapi/EXAMPLES.md, in the default user's
// feed.
const (
	// ExampleFeedItemID is deleted by the stream.delete example.
	ExampleFeedItemID = "575000000961"
	// ExampleSpamFeedItemID, from the example friend, is reported by the
	// stream.markAsSpam example.
	ExampleSpamFeedItemID = "575000000962"
	// ExampleBannerID is an advertising banner hidden by the stream.delete
	// example.
	ExampleBannerID = "575000000963"
)

// FeedItem is an entry of a user's feed that is not simply a topic: an
// event such as "a friend joined a group". Topics of the user, their
// friends and their groups are in the feed under their own ids.
type FeedItem struct {
	ID        string    `json:"id"`
	OwnerUID  string    `json:"owner_uid"` // whose feed it is in
	AuthorUID string    `json:"author_uid"`
	TopicID   string    `json:"topic_id,omitempty"`
	Created   time.Time `json:"created"`
}

// SpamReport is a feed entry a user reported (stream.markAsSpam).
type SpamReport struct {
	ItemID    string    `json:"item_id"`
	UID       string    `json:"uid"`
	Complaint string    `json:"complaint"`
	Time      time.Time `json:"time"`
}

// feedStore holds feed items per owner, what each user hid from their
// feed (entries and advertisers' banners, sorted) and the spam reports.
type feedStore struct {
	items   table[FeedItem]
	hidden  map[string][]string
	banners map[string][]string
	spam    []SpamReport
}

func init() {
	registerKind("feed", func() extension {
		return &feedStore{
			items: newTable(func(f FeedItem) string { return f.ID }, func(f FeedItem) string { return f.OwnerUID },
				func(f FeedItem) time.Time { return f.Created }),
			hidden: map[string][]string{}, banners: map[string][]string{},
		}
	})
}

func (s *feedStore) has(id string) bool { return s.items.has(id) }

// populate adds the example feed items of the default user.
func (s *feedStore) populate(g *generator) {
	s.items.put(FeedItem{ID: ExampleFeedItemID, OwnerUID: DefaultUserID, AuthorUID: ExampleFriend2ID, Created: g.now.Add(-3 * time.Hour)})
	s.items.put(FeedItem{ID: ExampleSpamFeedItemID, OwnerUID: DefaultUserID, AuthorUID: ExampleFriendID,
		TopicID: ExampleFriendTopicID, Created: g.now.Add(-2 * time.Hour)})
}

func (s *feedStore) forget(kind, id string) {
	if kind != "user" {
		return
	}
	for _, fid := range s.items.where(func(f FeedItem) bool { return f.OwnerUID == id || f.AuthorUID == id }) {
		s.items.remove(fid)
	}
	delete(s.hidden, id)
	delete(s.banners, id)
	s.spam = slices.DeleteFunc(s.spam, func(r SpamReport) bool { return r.UID == id })
}

func (s *feedStore) save() any {
	return map[string]any{"items": s.items.save(), "hidden": s.hidden, "banners": s.banners, "spam": s.spam}
}

func (s *feedStore) load(data json.RawMessage) error {
	return loadNamed(data, map[string]func(json.RawMessage) error{
		"items": s.items.load, "hidden": loadSortedIDLists(&s.hidden), "banners": loadSortedIDLists(&s.banners),
		"spam": func(raw json.RawMessage) error { s.spam = nil; return json.Unmarshal(raw, &s.spam) },
	})
}

func (w *World) feedLocked() *feedStore { return w.ext["feed"].(*feedStore) }

// inFeedLocked reports whether the entry is in the user's feed: a feed
// item of theirs, or a topic of theirs, of a friend or of one of their
// groups.
func (w *World) inFeedLocked(uid, id string) bool {
	if f, ok := w.feedLocked().items.byID[id]; ok {
		return f.OwnerUID == uid
	}
	t, ok := w.topics.get(id)
	if !ok {
		return false
	}
	if t.GroupID != "" {
		_, member := w.groups.members[t.GroupID][uid]
		return member
	}
	return t.AuthorUID == uid || containsID(w.friends.lists[uid], t.AuthorUID)
}

// HideFeedEntry removes an entry from the user's feed (stream.delete). An
// entry not in their feed is ErrUnknownObject; hiding twice changes
// nothing.
func (w *World) HideFeedEntry(uid, id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return err
	}
	if !w.inFeedLocked(uid, id) {
		return notFound(ErrUnknownObject, "feed entry "+id)
	}
	s := w.feedLocked()
	s.hidden[uid] = insertID(s.hidden[uid], keep(id))
	return nil
}

// FeedEntryHidden reports whether the user removed the entry from their
// feed.
func (w *World) FeedEntryHidden(uid, id string) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return containsID(w.feedLocked().hidden[uid], id)
}

// HideBanner hides an advertiser's banner from the user's feed.
func (w *World) HideBanner(uid, bannerID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(uid); err != nil {
		return err
	}
	if !isDigits(bannerID) {
		return invalid("banner id %q", bannerID)
	}
	s := w.feedLocked()
	s.banners[uid] = insertID(s.banners[uid], keep(bannerID))
	return nil
}

// BannerHidden reports whether the user hid the banner.
func (w *World) BannerHidden(uid, bannerID string) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return containsID(w.feedLocked().banners[uid], bannerID)
}

// ReportSpam records the user's complaint about an entry of their feed.
func (w *World) ReportSpam(r SpamReport) error {
	keepAll(&r)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(r.UID); err != nil {
		return err
	}
	if !w.inFeedLocked(r.UID, r.ItemID) {
		return notFound(ErrUnknownObject, "feed entry "+r.ItemID)
	}
	r.Time = w.stamp(r.Time)
	s := w.feedLocked()
	s.spam = append(s.spam, r)
	return nil
}

// SpamReports returns the complaints the user made, oldest first.
func (w *World) SpamReports(uid string) []SpamReport {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []SpamReport
	for _, r := range w.feedLocked().spam {
		if r.UID == uid {
			out = append(out, r)
		}
	}
	return out
}
