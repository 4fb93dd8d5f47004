package scenarios

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// maxJSONDepth bounds nesting inside error_data and body values.
const maxJSONDepth = 64

// str reads any non-null scalar as text, so that unquoted ids such as
// uid: 575000000001 keep their digits.
func (d *decoder) str(v *yaml.Node, path string) (string, bool) {
	n := deref(v)
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		d.errorf(v, path, "must be a string, not %s", kindName(n))
		return "", false
	}
	return n.Value, true
}

// strList reads a string or a non-empty list of strings.
func (d *decoder) strList(v *yaml.Node, path string) []string {
	n := deref(v)
	if n.Kind != yaml.SequenceNode {
		if s, ok := d.str(v, path); ok {
			return []string{s}
		}
		return nil
	}
	if len(n.Content) == 0 {
		d.errorf(v, path, "must not be an empty list (leave the key out to match anything)")
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		p := index(path, i)
		d.line(p, item)
		if s, ok := d.str(item, p); ok {
			out = append(out, s)
		}
	}
	return out
}

// integer reads a whole number.
func (d *decoder) integer(v *yaml.Node, path string) (int64, bool) {
	n := deref(v)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		// Decimal first, so that 012 means twelve as a person expects.
		text := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(text, 10, 64); err == nil {
			return i, true
		}
		if i, err := strconv.ParseInt(text, 0, 64); err == nil {
			return i, true
		}
		d.errorf(v, path, "number %s is out of range", n.Value)
		return 0, false
	}
	d.errorf(v, path, "must be a whole number, not %s", kindName(n))
	return 0, false
}

// count reads a whole number where 0 would mean "unset" in the Go types,
// so it must be at least 1 when written.
func (d *decoder) count(v *yaml.Node, path string) int64 {
	i, ok := d.integer(v, path)
	if ok && i == 0 {
		d.errorf(v, path, "must be >= 1")
	}
	return i
}

func (d *decoder) number(v *yaml.Node, path string) (float64, bool) {
	n := deref(v)
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f, true
		}
	}
	d.errorf(v, path, "must be a number, not %s", kindName(n))
	return 0, false
}

func (d *decoder) boolean(v *yaml.Node, path string) bool {
	n := deref(v)
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		return strings.EqualFold(n.Value, "true")
	}
	d.errorf(v, path, "must be true or false, not %s", kindName(n))
	return false
}

// timestamp reads an RFC 3339 time (or a date, meaning its UTC midnight).
func (d *decoder) timestamp(v *yaml.Node, path string) time.Time {
	n := deref(v)
	if n.Kind == yaml.ScalarNode {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
			if t, err := time.Parse(layout, n.Value); err == nil {
				return t.UTC()
			}
		}
	}
	d.errorf(v, path, "must be an RFC 3339 time such as 2026-01-01T00:00:00Z, not %s", kindName(n))
	return time.Time{}
}

// body reads a response body: a string is sent as is, any other value is
// sent as its JSON encoding.
func (d *decoder) body(v *yaml.Node, path string) *string {
	n := deref(v)
	if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" {
		s := n.Value
		return &s
	}
	raw := d.json(v, path)
	if raw == nil {
		return nil
	}
	s := string(raw)
	return &s
}

// json converts any YAML value to compact JSON.
func (d *decoder) json(v *yaml.Node, path string) json.RawMessage {
	var buf bytes.Buffer
	if !d.writeJSON(&buf, v, path, 0) {
		return nil
	}
	return json.RawMessage(buf.Bytes())
}

func (d *decoder) writeJSON(buf *bytes.Buffer, v *yaml.Node, path string, depth int) bool {
	if depth > maxJSONDepth {
		d.errorf(v, path, "nested deeper than %d levels", maxJSONDepth)
		return false
	}
	n := deref(v)
	switch n.Kind {
	case yaml.MappingNode:
		buf.WriteByte('{')
		seen := make(map[string]bool, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := deref(n.Content[i])
			if k.Kind != yaml.ScalarNode {
				d.errorf(n.Content[i], path, "keys must be plain names, not %s", kindName(k))
				return false
			}
			if seen[k.Value] {
				d.errorf(n.Content[i], join(path, k.Value), "duplicate key")
				return false
			}
			seen[k.Value] = true
			if i > 0 {
				buf.WriteByte(',')
			}
			writeJSONString(buf, k.Value)
			buf.WriteByte(':')
			if !d.writeJSON(buf, n.Content[i+1], join(path, k.Value), depth+1) {
				return false
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if !d.writeJSON(buf, item, index(path, i), depth+1) {
				return false
			}
		}
		buf.WriteByte(']')
	case yaml.ScalarNode:
		return d.writeJSONScalar(buf, v, n, path)
	default:
		buf.WriteString("null")
	}
	return true
}

func (d *decoder) writeJSONScalar(buf *bytes.Buffer, v, n *yaml.Node, path string) bool {
	switch n.ShortTag() {
	case "!!null":
		buf.WriteString("null")
	case "!!bool":
		buf.WriteString(strconv.FormatBool(strings.EqualFold(n.Value, "true")))
	case "!!int":
		i, ok := d.integer(v, path)
		if !ok {
			return false
		}
		buf.WriteString(strconv.FormatInt(i, 10))
	case "!!float":
		f, ok := d.number(v, path)
		if !ok {
			return false
		}
		buf.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	default:
		writeJSONString(buf, n.Value)
	}
	return true
}

// writeJSONString quotes s without HTML escaping, so bodies read as written.
func writeJSONString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	buf.Truncate(buf.Len() - 1)
}
