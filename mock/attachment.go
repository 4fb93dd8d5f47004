package mock

import (
	"encoding/json"

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
	media := v.Get("media")
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
	for i, item := range items {
		if !readMediaBlock(item, &blocks[i].mediaBlock) {
			return nil, errParam("Invalid parameter attachment: bad media block")
		}
		blocks[i].raw = item.MarshalTo(nil)
	}
	return blocks, nil
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
	ok := readString(v, "type", &b.Type) && readString(v, "text", &b.Text) &&
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
	f := v.Get(key)
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

// readObjects returns the array field key of v, whose items must be
// objects (a null item reads as an empty object); missing or null is an
// empty list.
func readObjects(v *fastjson.Value, key string) ([]*fastjson.Value, bool) {
	f := v.Get(key)
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
