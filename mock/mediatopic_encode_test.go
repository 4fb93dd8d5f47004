package mock

import (
	"encoding/json"
	"testing"
)

// A getByIds answer must encode byte for byte as encoding/json encodes it: the
// fast encoder replaced reflection on getByIds.
func TestMediaTopicListMatchesEncodingJSON(t *testing.T) {
	yes, no := true, false
	media := func(blocks ...string) []json.RawMessage {
		out := make([]json.RawMessage, len(blocks))
		for i, b := range blocks {
			out[i] = json.RawMessage(b)
		}
		return out
	}
	lists := map[string]mediaTopicsAnswer{
		"nil list":   nil,
		"empty list": {},
		"a user topic": {{ID: "155000000001", CreatedMs: 1763800000123, AuthorRef: "user:575000000001", OwnerRef: "user:575000000001",
			Type: "USER_NOTE", Media: media(`{"type":"text","text":"Привет, <мир> & \"всё\""}`),
			LikeSummary: likeSummary{3, true}, DiscussionSummary: discussionSummary{2}, Bookmarked: true}},
		"group topics, pinned or not": {
			{ID: "1", OwnerRef: "group:1", Media: media(`{"a":1}`, `{"b":[true,null]}`), Pinned: &yes},
			{ID: "2", OwnerRef: "group:1", Media: media(), Pinned: &no},
		},
		"nil media":                         {{ID: "3"}},
		"a hand-edited block with spaces":   {{ID: "4", Media: media("{ \"type\" : \"text\",\n \"text\": \"a  b\" }")}},
		"invalid UTF-8 in a block":          {{ID: "5", Media: media("{\"text\":\"\xff\xfe\"}")}},
		"escapes kept as stored":            {{ID: "6", Media: media(`{"text":"\u041f\"\\ "}`)}},
		"line separators in okmock strings": {{ID: "7\u2028", Type: "\x01"}},
	}
	for name, l := range lists {
		// A struct takes the reflection path, UTF-8 repair included.
		want, err := marshalJSON(struct {
			MediaTopics []mediaTopic `json:"media_topics"`
		}{l})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := marshalJSON(l)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s:\n got %s (%v)\nwant %s", name, got, err, want)
		}
	}
}
