package openapi

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Param is one parameter of a method, with its validator compiled from the
// schema at load time.
type Param struct {
	// Name is the parameter name.
	Name string
	// Required parameters must be present and non-empty.
	Required bool
	// Type is the schema type: integer, number, boolean, string or array
	// (a comma-separated list on the wire).
	Type string
	// InvalidCode is the OK error code for a malformed value
	// (x-ok-invalid-code, default 100).
	InvalidCode int
	// Example is the document's example as it goes on the wire
	// (lists comma-joined); empty when the document has none.
	Example  string
	check    valueCheck // the value, or each list item
	list     bool
	maxItems int    // 0: no limit
	invalid  string // message template with {name} and {value}
	missing  string // the whole "Missing required parameter ..." text
	tooMany  string
}

// defaultInvalid is the text of a malformed value per error code, in the
// words okmock's handlers use for the same codes.
var defaultInvalid = map[int]string{
	110: "Invalid uid {value}",
	120: "Invalid album id {value}",
	121: "Invalid photo id {value}",
	160: "Invalid group id {value}",
}

// Schema types a parameter can have (OpenAPI's names).
const (
	typeInteger = "integer"
	typeNumber  = "number"
	typeBoolean = "boolean"
	typeString  = "string"
	typeArray   = "array"
)

func compileParam(p *paramNode, tree *docTree) (Param, error) {
	fail := func(format string, args ...any) (Param, error) {
		return Param{}, fmt.Errorf("parameter %s: %s", p.Name, fmt.Sprintf(format, args...))
	}
	if p.In != "query" {
		return fail("must be in: query (the server reads query and form alike)")
	}
	s, err := tree.schema(p.Schema)
	if err != nil {
		return fail("%v", err)
	}
	if s == nil {
		return fail("has no schema")
	}
	out := Param{
		Name:        p.Name,
		Required:    p.Required,
		InvalidCode: 100,
		missing:     "Missing required parameter " + p.Name,
	}
	example := p.Example
	if example == nil {
		example = s.Example
	}
	if raw := p.InvalidCode; raw != nil {
		code, ok := raw.(float64)
		if !ok || code < 1 || code != math.Trunc(code) {
			return fail("%s must be an OK error code", extInvalidCode)
		}
		out.InvalidCode = int(code)
	}
	out.invalid = "Invalid parameter {name} value {value}"
	if text, ok := defaultInvalid[out.InvalidCode]; ok {
		out.invalid = text
	}
	if raw := p.InvalidMessage; raw != nil {
		text, ok := raw.(string)
		if !ok || text == "" {
			return fail("%s must be a text", extInvalidMessage)
		}
		out.invalid = text
	}
	out.invalid = strings.ReplaceAll(out.invalid, "{name}", p.Name)

	typ, err := schemaType(s)
	if err != nil {
		return fail("%v", err)
	}
	out.Type = typ
	item := s
	if typ == typeArray {
		if item, err = tree.schema(s.Items); err != nil {
			return fail("items: %v", err)
		}
		if item == nil {
			return fail("a list needs items")
		}
		out.list = true
		if s.MaxItems != nil {
			out.maxItems = int(min(*s.MaxItems, 1<<31))
			out.tooMany = fmt.Sprintf("Too many %s, at most %d allowed", p.Name, out.maxItems)
		}
	}
	if out.check, err = compileCheck(item); err != nil {
		return fail("%v", err)
	}
	if out.Example, err = exampleText(example); err != nil {
		return fail("example: %v", err)
	}
	return out, nil
}

// schemaType is the one type of a 3.0 schema.
func schemaType(s *schemaNode) (string, error) {
	if len(s.Type) != 1 {
		return "", fmt.Errorf("needs exactly one schema type")
	}
	t := s.Type[0]
	switch t {
	case typeInteger, typeNumber, typeBoolean, typeString, typeArray:
		return t, nil
	}
	return "", fmt.Errorf("schema type %s cannot travel in a query", t)
}

// exampleText renders an example as it travels in a query.
func exampleText(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			s, err := exampleText(item)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	default:
		b, err := json.Marshal(x)
		return string(b), err
	}
}
