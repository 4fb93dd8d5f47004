package mock

import (
	"encoding/json"
	"unsafe"

	"github.com/valyala/fastjson"
)

// attachmentParsers recycles parsers for the attachment of
// mediatopic.post, the one write on the hot path: fastjson reads the JSON
// once, without reflection, where encoding/json needs a pass for the
// blocks and another, with a dozen allocations, for the fields of each.
var attachmentParsers fastjson.ParserPool

// parsedBlock is one media block: its JSON, compact, and the fields
// okmock checks.
type parsedBlock struct {
	raw json.RawMessage
	mediaBlock
}

// parseAttachment reads an attachment's media blocks. A malformed
// attachment is OK's PARAM error, one of over maxMediaBlocks blocks 600; null and a missing or null "media"
// read as no blocks, as they do for OK's Jackson.
func parseAttachment(raw string) ([]parsedBlock, *Error) {
	// Parse is lenient (unknown escapes, control characters, leading
	// zeros); Validate holds the input to RFC 8259 as encoding/json does.
	if fastjson.Validate(raw) != nil {
		return nil, errParam("Invalid parameter attachment: not a JSON object")
	}
	p := attachmentParsers.Get()
	defer attachmentParsers.Put(p)
	v, err := p.Parse(raw)
	if err != nil || (v.Type() != fastjson.TypeObject && v.Type() != fastjson.TypeNull) {
		return nil, errParam("Invalid parameter attachment: not a JSON object")
	}
	media := jsonField(v, "media")
	if media == nil || media.Type() == fastjson.TypeNull {
		return nil, nil
	}
	items, err := media.Array()
	if err != nil {
		return nil, errParam("Invalid parameter attachment: not a JSON object")
	}
	if len(items) > maxMediaBlocks {
		return nil, NewError(600, "") // too many to be worth reading
	}
	blocks := make([]parsedBlock, len(items))
	// Every block's JSON goes into one buffer, sized for the attachment:
	// blocks are rarely longer than their source.
	buf := make([]byte, 0, len(raw))
	for i, item := range items {
		if !readMediaBlock(item, &blocks[i].mediaBlock) {
			return nil, errParam("Invalid parameter attachment: bad media block")
		}
		start := len(buf)
		buf = appendFastJSON(buf, item)
		blocks[i].raw = buf[start:len(buf):len(buf)]
	}
	return blocks, nil
}

// appendFastJSON writes v as compact JSON, strings escaped as appendJSON
// escapes them. fastjson's own MarshalTo quotes strings the Go way, which
// is not JSON for control characters ("\x01").
func appendFastJSON(b []byte, v *fastjson.Value) []byte {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		b = append(b, '{')
		first := true
		o.Visit(func(k []byte, item *fastjson.Value) {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendJSONString(b, unsafe.String(unsafe.SliceData(k), len(k)))
			b = append(b, ':')
			b = appendFastJSON(b, item)
		})
		return append(b, '}')
	case fastjson.TypeArray:
		items, _ := v.Array()
		b = append(b, '[')
		for i, item := range items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendFastJSON(b, item)
		}
		return append(b, ']')
	case fastjson.TypeString:
		s, _ := v.StringBytes()
		return appendJSONString(b, unsafe.String(unsafe.SliceData(s), len(s)))
	default:
		// Numbers keep their source text; true, false and null are fixed.
		return v.MarshalTo(b)
	}
}

// readMediaBlock fills b from a block, reporting false where a field has
// the wrong JSON type.
func readMediaBlock(v *fastjson.Value, b *mediaBlock) bool {
	if v.Type() == fastjson.TypeNull {
		return true
	}
	if v.Type() != fastjson.TypeObject {
		return false
	}
	ok := readType(v, &b.Type) && readString(v, "text", &b.Text) &&
		readString(v, "url", &b.URL) && readString(v, "question", &b.Question)
	if !ok {
		return false
	}
	answers, ok := readObjects(v, "answers")
	if !ok {
		return false
	}
	for _, a := range answers {
		var text string
		if !readString(a, "text", &text) {
			return false
		}
		b.Answers = append(b.Answers, pollAnswer{text})
	}
	list, ok := readObjects(v, "list")
	if !ok {
		return false
	}
	for _, ref := range list {
		var id, photoID string
		if !readString(ref, "id", &id) || !readString(ref, "photoId", &photoID) {
			return false
		}
		b.List = append(b.List, photoRef{id, photoID})
	}
	return true
}

// readString sets *dst to the string field key of v; a missing or null
// field leaves it alone, any other type is false.
func readString(v *fastjson.Value, key string, dst *string) bool {
	f := jsonField(v, key)
	if f == nil || f.Type() == fastjson.TypeNull {
		return true
	}
	s, err := f.StringBytes()
	if err != nil {
		return false
	}
	*dst = string(s)
	return true
}

// jsonField is the value of key in object v, nil when v is no object or has
// no such key. Keys match exactly and the last of duplicates wins, as in
// OK's Jackson (fastjson's Get takes the first).
func jsonField(v *fastjson.Value, key string) *fastjson.Value {
	o, err := v.Object()
	if err != nil {
		return nil
	}
	var found *fastjson.Value
	o.Visit(func(k []byte, f *fastjson.Value) {
		if string(k) == key {
			found = f
		}
	})
	return found
}

// mediaTypes are the block types OK knows (checkAttachment refuses
// others). readType answers a known type with the constant rather than a
// copy of the parser's bytes.
var mediaTypes = []string{"text", "link", "poll", "photo", "movie", "music", "app", "place", "topic", "group", "user"}

// readType is readString for "type".
func readType(v *fastjson.Value, dst *string) bool {
	if f := jsonField(v, "type"); f != nil && f.Type() == fastjson.TypeString {
		s, _ := f.StringBytes()
		for _, t := range mediaTypes {
			if string(s) == t {
				*dst = t
				return true
			}
		}
	}
	return readString(v, "type", dst)
}

// readObjects returns the array field key of v, whose items must be
// objects (a null item reads as an empty object); missing or null is an
// empty list.
func readObjects(v *fastjson.Value, key string) ([]*fastjson.Value, bool) {
	f := jsonField(v, key)
	if f == nil || f.Type() == fastjson.TypeNull {
		return nil, true
	}
	items, err := f.Array()
	if err != nil {
		return nil, false
	}
	for _, it := range items {
		if t := it.Type(); t != fastjson.TypeObject && t != fastjson.TypeNull {
			return nil, false
		}
	}
	return items, true
}
