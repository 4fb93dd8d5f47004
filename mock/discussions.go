package mock

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/okmock/okmock/mock/world"
)

var discussionsHandlers = map[string]methodHandler{
	"discussions.get":                        discussionsGet,
	"discussions.getAttachedResources":       discussionsGetAttachedResources,
	"discussions.getComment":                 discussionsGetComment,
	"discussions.getCommentLikes":            discussionsGetCommentLikes,
	"discussions.getComments":                discussionsGetComments,
	"discussions.getDiscussionComments":      discussionsGetDiscussionComments,
	"discussions.getDiscussionCommentsCount": discussionsGetDiscussionCommentsCount,
	"discussions.getDiscussionLikes":         discussionsGetDiscussionLikes,
	"discussions.getDiscussions":             discussionsGetDiscussions,
	"discussions.getDiscussionsNews":         discussionsGetDiscussionsNews,
	"discussions.getList":                    discussionsGetList,
}

// Discussion types okmock knows: topics of users and groups, photos of
// users and groups.
const (
	discGroupTopic = "GROUP_TOPIC"
	discUserStatus = "USER_STATUS"
	discUserPhoto  = "USER_PHOTO"
	discGroupPhoto = "GROUP_PHOTO"
)

// discussionType is OK's type of a world discussion.
func discussionType(d world.Discussion) string {
	switch {
	case d.Object == world.DiscussedTopic && d.GroupID != "":
		return discGroupTopic
	case d.Object == world.DiscussedTopic:
		return discUserStatus
	case d.GroupID != "":
		return discGroupPhoto
	}
	return discUserPhoto
}

// discussedObject is the world kind of an OK discussion type.
func discussedObject(typ string) (string, bool) {
	switch typ {
	case discGroupTopic, discUserStatus:
		return world.DiscussedTopic, true
	case discGroupPhoto, discUserPhoto:
		return world.DiscussedPhoto, true
	}
	return "", false
}

// discussionOf reads a discussion's id and type parameters: 100 for a
// type okmock does not know, 300 for an object that does not exist or is
// not of that type.
func (c *apiCall) discussionOf(idParam, typeParam string) (world.Discussion, *Error) {
	id, typ := c.params.Value(idParam), strings.ToUpper(c.params.Value(typeParam))
	object, ok := discussedObject(typ)
	if !ok {
		return world.Discussion{}, errParam("Invalid parameter %s value %s", typeParam, c.params.Value(typeParam))
	}
	d, ok := c.world.Discussion(object, id, c.uid())
	if !ok || discussionType(d) != typ {
		return world.Discussion{}, Errorf(CodeNotFound, "Discussion %s of type %s not found", id, typ)
	}
	return d, nil
}

// maxTitleRunes bounds a discussion's title.
const maxTitleRunes = 100

// discussionTitle is the text a discussion is shown under: the topic's
// first text, or the photo's caption.
func (c *apiCall) discussionTitle(d world.Discussion) string {
	var title string
	switch d.Object {
	case world.DiscussedTopic:
		t, _ := c.world.Topic(d.ObjectID)
		title = topicText(t.Media)
	case world.DiscussedPhoto:
		p, _ := c.world.Photo(d.ObjectID)
		title = p.Text
	}
	if utf8.RuneCountInString(title) > maxTitleRunes {
		title = string([]rune(title)[:maxTitleRunes-1]) + "…"
	}
	return title
}

// renderDiscussion writes a discussion under OK's names; fields of the
// form discussion.<name> pick among them.
func (c *apiCall) renderDiscussion(d world.Discussion, fields fieldSet) object {
	all := object{
		{"object_id", d.ObjectID}, {"object_type", discussionType(d)}, {"title", c.discussionTitle(d)},
		{"owner_uid", d.OwnerUID}, {"creation_date", okDate(d.Created)},
		{"last_activity_date", okDate(d.LastActivity)}, {"total_comments_count", d.Total},
		{"new_comments_count", d.New},
	}
	want := fieldSet{}
	for f := range fields {
		if name, ok := strings.CutPrefix(f, "discussion."); ok {
			want[name] = true
		}
	}
	if len(want) == 0 || want["*"] {
		return all
	}
	return pickFields(all, want, "object_id", "object_type")
}

// participantFields are the user fields of a discussion's entities.
var participantFields = fieldSet{"uid": true, "first_name": true, "last_name": true, "name": true, "pic_1": true}

// discussionsGet answers one discussion and, as entities, its users.
func discussionsGet(c *apiCall) (any, *Error) {
	d, err := c.discussionOf("discussionId", "discussionType")
	if err != nil {
		return nil, err
	}
	users := []object{}
	for _, uid := range d.Participants {
		if u, ok := c.world.User(uid); ok {
			users = append(users, c.renderUser(u, participantFields))
		}
	}
	return object{
		{"discussion", c.renderDiscussion(d, parseFields(c.params.Value("fields")))},
		{"entities", object{{"users", users}}},
	}, nil
}

// renderComment writes a comment under OK's names.
func (c *apiCall) renderComment(cm world.Comment) object {
	o := object{
		{"id", cm.ID}, {"author_id", cm.AuthorUID}, {"text", cm.Text}, {"date", okDate(cm.Created)},
		{"date_ms", cm.Created.UnixMilli()}, {"like_count", c.world.LikeCount(world.LikeComment, cm.ID)},
		{"liked_it", c.world.Liked(world.LikeComment, cm.ID, c.uid())},
	}
	if r, ok := c.world.Comment(cm.ReplyTo); ok {
		o = append(o, field{"reply_to_comment_id", r.ID}, field{"reply_to_id", r.AuthorUID})
	}
	return o
}

// commentOf reads a discussion and one of its comments (700 when the
// comment is not in it).
func (c *apiCall) commentOf() (world.Comment, *Error) {
	d, err := c.discussionOf("discussionId", "discussionType")
	if err != nil {
		return world.Comment{}, err
	}
	id := c.params.Value("comment_id")
	cm, ok := c.world.Comment(id)
	if !ok || cm.Object != d.Object || cm.ObjectID != d.ObjectID {
		return world.Comment{}, Errorf(700, "Comment %s not found in discussion %s", id, d.ObjectID)
	}
	return cm, nil
}

func discussionsGetComment(c *apiCall) (any, *Error) {
	cm, err := c.commentOf()
	if err != nil {
		return nil, err
	}
	return c.renderComment(cm), nil
}

// discussionsGetCommentLikes pages through who liked a comment.
func discussionsGetCommentLikes(c *apiCall) (any, *Error) {
	cm, err := c.commentOf()
	if err != nil {
		return nil, err
	}
	return c.userPage(c.world.Likers(world.LikeComment, cm.ID))
}

// discussionsGetDiscussionLikes pages through who liked the discussed
// object.
func discussionsGetDiscussionLikes(c *apiCall) (any, *Error) {
	d, err := c.discussionOf("discussionId", "discussionType")
	if err != nil {
		return nil, err
	}
	kind := world.LikeTopic
	if d.Object == world.DiscussedPhoto {
		kind = world.LikePhoto
	}
	return c.userPage(c.world.Likers(kind, d.ObjectID))
}

// discussionsGetComments pages through a discussion, the oldest comment
// first; anchor LAST (with no direction) reads the newest page.
func discussionsGetComments(c *apiCall) (any, *Error) {
	d, err := c.discussionOf("discussionId", "discussionType")
	if err != nil {
		return nil, err
	}
	// includeRemoved changes nothing: okmock's participants remove no
	// comments.
	comments := c.world.Comments(d.Object, d.ObjectID)
	p, err := c.listPage(len(comments), 20, 100)
	if err != nil {
		return nil, err
	}
	return pagedObjects("comments", comments, p, c.renderComment), nil
}

// discussionsGetDiscussionComments lists a discussion's comments by offset.
func discussionsGetDiscussionComments(c *apiCall) (any, *Error) {
	d, err := c.discussionOf("entityId", "entityType")
	if err != nil {
		return nil, err
	}
	comments := c.world.Comments(d.Object, d.ObjectID)
	start, end := c.offsetWindow(len(comments))
	rows := []object{}
	for _, cm := range comments[start:end] {
		rows = append(rows, c.renderComment(cm))
	}
	return object{{"comments", rows}}, nil
}

// offsetWindow reads offset and count (default 20, at most 100) over n
// items.
func (c *apiCall) offsetWindow(n int) (start, end int) {
	off, _ := c.int64Param("offset", 0)
	count, _ := c.int64Param("count", 20)
	start = min(int(max(0, off)), n)
	return start, min(start+int(max(1, min(count, 100))), n)
}

// discussionsGetDiscussionCommentsCount answers {"count": n}.
func discussionsGetDiscussionCommentsCount(c *apiCall) (any, *Error) {
	d, err := c.discussionOf("entityId", "entityType")
	if err != nil {
		return nil, err
	}
	return object{{"count", d.Total}}, nil
}

// Discussion categories of the discussion lists: all of them, those of
// the user's own objects, those of others, those in groups.
var discussionCategories = map[string]func(viewer string, d world.Discussion) bool{
	"ALL":    func(string, world.Discussion) bool { return true },
	"MY":     func(viewer string, d world.Discussion) bool { return d.OwnerUID == viewer },
	"OTHERS": func(viewer string, d world.Discussion) bool { return d.OwnerUID != viewer },
	"GROUPS": func(_ string, d world.Discussion) bool { return d.GroupID != "" },
	"UNREAD": func(_ string, d world.Discussion) bool { return d.New > 0 },
}

// userDiscussions are the caller's discussions of the types (a comma list
// in typesParam; all when empty) and the category.
func (c *apiCall) userDiscussions(typesParam string) ([]world.Discussion, *Error) {
	var types []string
	for _, t := range idList(c.params.Value(typesParam)) {
		t = strings.ToUpper(t)
		if _, ok := discussedObject(t); !ok {
			return nil, errParam("Invalid parameter %s value %s", typesParam, t)
		}
		types = append(types, t)
	}
	category := strings.ToUpper(c.params.Value("category"))
	if category == "" {
		category = "ALL"
	}
	keep, ok := discussionCategories[category]
	if !ok {
		return nil, errParam("Invalid parameter category value %s", c.params.Value("category"))
	}
	var out []world.Discussion
	for _, d := range c.world.Discussions(c.session.UID) {
		if (len(types) == 0 || slices.Contains(types, discussionType(d))) && keep(c.session.UID, d) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (c *apiCall) renderDiscussions(list []world.Discussion) []object {
	fields := parseFields(c.params.Value("fields"))
	out := make([]object, 0, len(list))
	for _, d := range list {
		out = append(out, c.renderDiscussion(d, fields))
	}
	return out
}

// discussionsGetDiscussions lists the caller's discussions by offset, the
// latest activity first (the deprecated form of discussions.getList).
func discussionsGetDiscussions(c *apiCall) (any, *Error) {
	list, err := c.userDiscussions("entityTypes")
	if err != nil {
		return nil, err
	}
	start, end := c.offsetWindow(len(list))
	return object{{"discussions", c.renderDiscussions(list[start:end])}}, nil
}

// discussionsGetList pages through the caller's discussions, the latest
// activity first.
func discussionsGetList(c *apiCall) (any, *Error) {
	list, err := c.userDiscussions("types")
	if err != nil {
		return nil, err
	}
	p, err := c.listPage(len(list), 20, 100)
	if err != nil {
		return nil, err
	}
	fields := parseFields(c.params.Value("fields"))
	return pagedObjects("discussions", list, p, func(d world.Discussion) object { return c.renderDiscussion(d, fields) }), nil
}

// discussionsGetDiscussionsNews lists the caller's discussions with new
// comments (others wrote since the caller's own latest comment).
func discussionsGetDiscussionsNews(c *apiCall) (any, *Error) {
	var news []world.Discussion
	for _, d := range c.world.Discussions(c.session.UID) {
		if d.New > 0 {
			news = append(news, d)
		}
	}
	return object{{"discussions", c.renderDiscussions(news)}}, nil
}

// discussionsGetAttachedResources answers {"entities": {...}}: the photos,
// topics and videos among attach_ids, by kind (unknown ids are left out).
func discussionsGetAttachedResources(c *apiCall) (any, *Error) {
	photos, topics, videos := []object{}, []object{}, []object{}
	for _, id := range idList(c.params.Value("attach_ids")) {
		if p, ok := c.world.Photo(id); ok {
			photos = append(photos, object{
				{"id", p.ID}, {"album_id", p.AlbumID}, {"user_id", p.OwnerUID},
				{"pic128x128", p.PicURL("pic128x128")}, {"pic640x480", p.PicURL("pic640x480")},
			})
		}
		if t, ok := c.world.Topic(id); ok {
			topics = append(topics, object{{"id", t.ID}, {"author_ref", "user:" + t.AuthorUID}, {"text", topicText(t.Media)}})
		}
		if v, ok := c.world.Video(id); ok {
			videos = append(videos, object{{"id", v.ID}, {"title", v.Title}, {"owner_id", v.OwnerUID}})
		}
	}
	return object{{"entities", object{{"photos", photos}, {"media_topics", topics}, {"videos", videos}}}}, nil
}
