package mock

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// appendJSON appends v encoded as marshalJSON would, byte for byte, but
// without reflection for the shapes handlers answer with: objects, strings,
// numbers, booleans, string lists and maps. Anything else goes through
// encoding/json. Encoding was most of the CPU time of a round trip.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, v), nil
	case *string:
		if v == nil {
			return append(b, "null"...), nil
		}
		return appendJSONString(b, *v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case int32:
		return strconv.AppendInt(b, int64(v), 10), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			break // encoding/json's error
		}
		return appendJSONFloat(b, v), nil
	case object:
		return v.appendTo(b)
	case []object:
		return appendJSONList(b, v)
	case []string:
		if v == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']'), nil
	case []any:
		return appendJSONList(b, v)
	case map[string]string:
		return appendJSONMap(b, v)
	case map[string]any:
		return appendJSONMap(b, v)
	case *Error:
		if v == nil {
			break
		}
		// Its MarshalJSON is already compact: no reflection, no re-compacting.
		enc, err := v.MarshalJSON()
		if err != nil {
			return b, err
		}
		return append(b, enc...), nil
	case json.RawMessage:
		if v == nil {
			return append(b, "null"...), nil
		}
		// encoding/json validates and compacts a RawMessage.
		start := len(b)
		buf := bytes.NewBuffer(b)
		if err := json.Compact(buf, v); err != nil {
			return b, err
		}
		return repairUTF8(buf.Bytes(), start), nil
	}
	if a, ok := v.(jsonAppender); ok {
		return a.appendJSON(b), nil
	}
	start := len(b)
	b, err := appendReflect(b, v)
	if err != nil {
		return b[:start], err
	}
	return repairUTF8(b, start), nil
}

// jsonAppender is a value that encodes itself. Views of a record (a
// user's name, its location) are such values: built as strings or objects
// they would be allocated only to be encoded.
type jsonAppender interface{ appendJSON(b []byte) []byte }

// reflectEncoder is an encoding/json Encoder with its buffer, recycled:
// most handlers answer structs, which only reflection encodes.
type reflectEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var reflectEncoders = sync.Pool{New: func() any {
	e := &reflectEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

// appendReflect appends v as encoding/json writes it without HTML
// escaping.
func appendReflect(b []byte, v any) ([]byte, error) {
	e := reflectEncoders.Get().(*reflectEncoder)
	defer func() {
		if e.buf.Cap() <= maxPooledBuffer {
			reflectEncoders.Put(e)
		}
	}()
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))...), nil
}

// repairUTF8 makes b[start:], raw JSON from elsewhere, valid UTF-8:
// encoding/json passes a RawMessage's bytes through, and a client may post
// any bytes in an attachment. Strings okmock writes itself are always
// valid, so only raw parts are checked.
func repairUTF8(b []byte, start int) []byte {
	if utf8.Valid(b[start:]) {
		return b
	}
	return append(b[:start], validUTF8JSON(b[start:])...)
}

// marshalReflect is encoding/json without HTML escaping, for the shapes
// appendJSON does not know.
func marshalReflect(v any) ([]byte, error) {
	return appendReflect(nil, v)
}

// appendTo writes the fields in order.
func (o object) appendTo(b []byte) ([]byte, error) {
	b = append(b, '{')
	var err error
	for i, f := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.key)
		b = append(b, ':')
		if b, err = appendJSON(b, f.value); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendJSONList[T any](b []byte, list []T) ([]byte, error) {
	if list == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	var err error
	for i, v := range list {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendJSON(b, v); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendJSONMap writes a map with its keys sorted, as encoding/json does.
func appendJSONMap[T any](b []byte, m map[string]T) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	var stack [16]string
	keys := stack[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		if b, err = appendJSON(b, m[k]); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// validUTF8JSON replaces each invalid UTF-8 byte of compact JSON with the
// escape \ufffd, as encoding/json does for strings. Outside strings such
// bytes are syntax errors, which Compact has already refused.
func validUTF8JSON(raw []byte) []byte {
	out := make([]byte, 0, len(raw)+16)
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, `\ufffd`...)
		} else {
			out = append(out, raw[i:i+size]...)
		}
		i += size
	}
	return out
}

// appendJSONFloat writes a float like encoding/json: ES6 number style.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// quote, backslash and control characters escaped, invalid UTF-8 replaced
// by U+FFFD, and U+2028 and U+2029 escaped for JavaScript's sake.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONStringBody(b, s)
	return append(b, '"')
}

// appendJSONStringBody is appendJSONString without the quotes: escaping
// works character by character, so the bodies of several strings make
// the body of their concatenation.
func appendJSONStringBody(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Two-byte sequences (Cyrillic, most of what okmock writes) are
		// checked inline: none is U+2028 or U+2029.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// encodeBuffers recycle answer bodies: a round trip then allocates no
// buffer for its body.
var encodeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// maxPooledBuffer keeps a rare huge answer from pinning its buffer.
const maxPooledBuffer = 64 << 10

// getBuffer returns an empty pooled buffer.
func getBuffer() *[]byte {
	b := encodeBuffers.Get().(*[]byte)
	*b = (*b)[:0]
	return b
}

// putBuffer gives a buffer back; its bytes must no longer be used.
func putBuffer(b *[]byte) {
	if b != nil && cap(*b) <= maxPooledBuffer {
		encodeBuffers.Put(b)
	}
}
