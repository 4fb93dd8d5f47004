package mock

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/okmock/okmock/mock/world"
)

// mediaTopicsAnswer is mediatopic.getByIds' answer, {"media_topics":
// [...]}, encoded without reflection: it is the read half of the write
// workload.
type mediaTopicsAnswer []mediaTopic

func (a mediaTopicsAnswer) appendJSON(b []byte) []byte {
	b = append(b, `{"media_topics":`...)
	if a == nil {
		return append(b, "null}"...)
	}
	b = append(b, '[')
	for i := range a {
		if i > 0 {
			b = append(b, ',')
		}
		b = a[i].appendJSON(b)
	}
	return append(b, "]}"...)
}

// MarshalJSON lets encoding/json encode the answer inside other values.
func (a mediaTopicsAnswer) MarshalJSON() ([]byte, error) { return a.appendJSON(nil), nil }

// appendJSON writes t as encoding/json would, field by field.
func (t *mediaTopic) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, t.ID)
	b = append(b, `,"created_ms":`...)
	b = strconv.AppendInt(b, t.CreatedMs, 10)
	b = append(b, `,"author_ref":`...)
	b = appendJSONString(b, t.AuthorRef)
	b = append(b, `,"owner_ref":`...)
	b = appendJSONString(b, t.OwnerRef)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, t.Type)
	b = append(b, `,"media":`...)
	b = appendRawList(b, t.Media)
	b = append(b, `,"like_summary":{"count":`...)
	b = strconv.AppendInt(b, int64(t.LikeSummary.Count), 10)
	b = append(b, `,"self":`...)
	b = strconv.AppendBool(b, t.LikeSummary.Self)
	b = append(b, `},"discussion_summary":{"comments_count":`...)
	b = strconv.AppendInt(b, int64(t.DiscussionSummary.CommentsCount), 10)
	b = append(b, '}')
	if t.Pinned != nil {
		b = append(b, `,"pinned":`...)
		b = strconv.AppendBool(b, *t.Pinned)
	}
	b = append(b, `,"bookmarked":`...)
	b = strconv.AppendBool(b, t.Bookmarked)
	return append(b, '}')
}

// appendRawList writes stored JSON blocks as encoding/json writes a
// []json.RawMessage: compacted, with invalid UTF-8 replaced. The world
// stores valid JSON, compact unless a snapshot was edited by hand, so the
// bytes are usually copied as they are.
func appendRawList(b []byte, list []json.RawMessage) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	start := len(b)
	b = append(b, '[')
	for i, raw := range list {
		if i > 0 {
			b = append(b, ',')
		}
		if world.IsCompactJSON(raw) {
			b = append(b, raw...)
			continue
		}
		buf := bytes.NewBuffer(b)
		if json.Compact(buf, raw) != nil {
			buf.WriteString("null") // not JSON: nothing a client could read
		}
		b = buf.Bytes()
	}
	b = append(b, ']')
	return repairUTF8(b, start)
}
