package mock

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/okmock/okmock/mock/world"
)

var mediatopicHandlers = map[string]methodHandler{
	"mediatopic.getByIds":            mediatopicGetByIDs,
	"mediatopic.getPollAnswerVoters": mediatopicGetPollAnswerVoters,
	"mediatopic.getRepublishedTopic": mediatopicGetRepublishedTopic,
	"mediatopic.post":                mediatopicPost,
}

// Limits OK applies to a topic's attachment.
const (
	maxMediaBlocks = 100
	maxTextRunes   = 30000
)

// attachment is the JSON `attachment` of mediatopic.post.
type attachment struct {
	Media []json.RawMessage `json:"media"`
}

// mediaBlock is the part of a media block okmock checks.
type mediaBlock struct {
	Type     string       `json:"type"`
	Text     string       `json:"text"`
	URL      string       `json:"url"`
	Question string       `json:"question"`
	Answers  []pollAnswer `json:"answers"`
	List     []photoRef   `json:"list"`
}

// pollAnswer is one answer of a poll block.
type pollAnswer struct {
	Text string `json:"text"`
}

// photoRef is one photo of a photo block: an upload token (id) or the id
// of a photo already in the world (photoId).
type photoRef struct {
	ID      string `json:"id"`
	PhotoID string `json:"photoId"`
}

// topic types and the scope each needs beyond the method's own.
var topicTypeScopes = map[string]string{
	"USER":              "",
	"USER_STATUS":       "SET_STATUS",
	"USER_NOTE":         "PUBLISH_NOTE",
	"GROUP_THEME":       "GROUP_CONTENT",
	"GROUP_THEME_PROMO": "GROUP_CONTENT",
	"GROUP_SUGGESTED":   "GROUP_CONTENT",
}

// mediatopicPost publishes a topic and answers its id as a bare JSON string.
func mediatopicPost(c *apiCall) (any, *Error) {
	uid := c.uid()
	if uid == "" {
		return nil, errParam("Either session_key or uid must be specified")
	}
	typ := strings.ToUpper(c.params.Value("type"))
	if typ == "" {
		typ = "USER"
	}
	scope, known := topicTypeScopes[typ]
	if !known {
		return nil, errParam("Invalid parameter type value %s", c.params.Value("type"))
	}
	if scope != "" && c.session != nil && !c.session.HasScope(scope) {
		return nil, errPermission(scope)
	}
	gid := c.params.Value("gid")
	isGroup := strings.HasPrefix(typ, "GROUP_")
	if isGroup != (gid != "") {
		if isGroup {
			return nil, errMissing("gid")
		}
		return nil, errParam("Param gid can only be used with a GROUP_ type")
	}
	if isGroup {
		if _, ok := c.world.Group(gid); !ok {
			return nil, Errorf(CodeGroupID, "Invalid group id %s", gid)
		}
		if !c.world.IsMember(gid, uid) {
			return nil, NewError(456, "")
		}
	}
	media, err := c.checkAttachment(c.params.Value("attachment"))
	if err != nil {
		return nil, err
	}
	id, werr := c.world.PostTopic(world.Topic{
		AuthorUID: uid, GroupID: gid, Type: typ, Media: media, Created: c.now,
	})
	if werr != nil {
		return nil, errParam("%s", werr.Error())
	}
	if typ == "USER_STATUS" || c.params.Value("set_status") == "true" {
		// The topic is posted; a status the world refuses (an unknown
		// uid for a call without a session) leaves it at that.
		_ = c.world.SetStatus(uid, topicText(media))
	}
	return id, nil
}

// checkAttachment validates the attachment JSON and resolves photo
// references: upload tokens (group posts) and committed photo ids.
func (c *apiCall) checkAttachment(raw string) ([]json.RawMessage, *Error) {
	blocks, err := parseAttachment(raw)
	if err != nil {
		return nil, err
	}
	if len(blocks) == 0 {
		return nil, errParam("Invalid parameter attachment: no media")
	}
	media := make([]json.RawMessage, len(blocks))
	for i, b := range blocks {
		switch b.Type {
		case "text":
			if utf8.RuneCountInString(b.Text) > maxTextRunes {
				return nil, NewError(601, "")
			}
		case "link":
			if !strings.HasPrefix(b.URL, "http://") && !strings.HasPrefix(b.URL, "https://") {
				return nil, NewError(607, "")
			}
		case "poll":
			if b.Question == "" || len(b.Answers) < 2 {
				return nil, errParam("Invalid parameter attachment: a poll needs a question and two answers")
			}
		case "photo":
			if len(b.List) == 0 {
				return nil, errParam("Invalid parameter attachment: empty photo list")
			}
			for _, p := range b.List {
				if err := c.checkPhotoRef(p.ID, p.PhotoID); err != nil {
					return nil, err
				}
			}
		default:
			if !slices.Contains(mediaTypes, b.Type) {
				return nil, errParam("Invalid parameter attachment: unknown media type %q", b.Type)
			}
		}
		media[i] = b.raw
	}
	return media, nil
}

// checkPhotoRef accepts an upload token of this application or the id of a
// photo of the world.
func (c *apiCall) checkPhotoRef(token, photoID string) *Error {
	switch {
	case token != "":
		if s, ok := c.srv.currentUploads().byUploadToken(token); ok && s.appKey == c.app.Key {
			return nil
		}
		if _, ok := c.world.Photo(token); ok {
			return nil
		}
	case photoID != "":
		if _, ok := c.world.Photo(photoID); ok {
			return nil
		}
	}
	return Errorf(CodePhotoID, "Invalid photo id %s", token+photoID)
}

// topicText is the text of a topic's first text block.
func topicText(media []json.RawMessage) string {
	for _, m := range media {
		var b mediaBlock
		if json.Unmarshal(m, &b) == nil && b.Type == "text" {
			return b.Text
		}
	}
	return ""
}
