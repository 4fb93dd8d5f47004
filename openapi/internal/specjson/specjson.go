// Package specjson turns okmock's YAML OpenAPI document into its JSON twin.
//
// The conversion keeps the YAML's key order, so the served JSON reads like
// the source, and is deterministic, so a test can regenerate the twin and
// compare bytes.
package specjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"gopkg.in/yaml.v3"
)

// FromYAML converts one YAML document to compact JSON (with a final
// newline). Anchors and aliases are expanded; merge keys, non-string keys and
// duplicate keys are errors, because JSON cannot say them faithfully.
func FromYAML(src []byte) ([]byte, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root, extra yaml.Node
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	if err := dec.Decode(&extra); err != io.EOF || root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil, errors.New("specjson: expected exactly one YAML document")
	}
	var buf bytes.Buffer
	if err := write(&buf, root.Content[0], 0); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// maxDepth bounds alias expansion, which could otherwise recurse forever.
const maxDepth = 200

func write(buf *bytes.Buffer, n *yaml.Node, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("specjson: line %d: nesting deeper than %d", n.Line, maxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return write(buf, n.Alias, depth+1)
	case yaml.MappingNode:
		return writeMapping(buf, n, depth)
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := write(buf, item, depth+1); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	case yaml.ScalarNode:
		return writeScalar(buf, n)
	}
	return fmt.Errorf("specjson: line %d: unexpected YAML node kind %d", n.Line, n.Kind)
}

func writeMapping(buf *bytes.Buffer, n *yaml.Node, depth int) error {
	seen := make(map[string]bool, len(n.Content)/2)
	buf.WriteByte('{')
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
			return fmt.Errorf("specjson: line %d: only plain keys are supported (no merge keys)", k.Line)
		}
		if k.ShortTag() != "!!str" {
			return fmt.Errorf("specjson: line %d: key %q is not a string; quote it", k.Line, k.Value)
		}
		if seen[k.Value] {
			return fmt.Errorf("specjson: line %d: duplicate key %q", k.Line, k.Value)
		}
		seen[k.Value] = true
		if i > 0 {
			buf.WriteByte(',')
		}
		writeString(buf, k.Value)
		buf.WriteByte(':')
		if err := write(buf, v, depth+1); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

func writeScalar(buf *bytes.Buffer, n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!str", "!!binary", "!!timestamp":
		writeString(buf, n.Value)
	case "!!null":
		buf.WriteString("null")
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return err
		}
		buf.WriteString(strconv.FormatBool(b))
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return fmt.Errorf("specjson: line %d: %w", n.Line, err)
		}
		buf.WriteString(strconv.FormatInt(i, 10))
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return err
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("specjson: line %d: %s has no JSON form", n.Line, n.Value)
		}
		b, _ := json.Marshal(f)
		buf.Write(b)
	default:
		return fmt.Errorf("specjson: line %d: unsupported tag %s", n.Line, n.ShortTag())
	}
	return nil
}

// writeString quotes s as JSON without escaping <, > and &: the document is
// data, not HTML, and its descriptions quote XML.
func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	buf.Truncate(buf.Len() - 1)
}
