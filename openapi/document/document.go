// Package document gives okmock's OpenAPI document as kin-openapi's model
// (openapi3.T): validated loading, the whole document with its references
// resolved, and the schema of each method's result.
//
// The server does not import this package. Linking kin-openapi compiles
// its JSON Schema metaschemas at package init, about 9 ms and 1.7 MB of
// allocations on a 2-core machine, and 370 KB of them stay live for the
// garbage collector to mark on every cycle; the method table (package
// openapi) is compiled without it. Tests, tools and embedders that want
// the document use this package.
package document

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/okmock/okmock/openapi"
)

// errorSchemaRef names the shared OK error object.
const errorSchemaRef = "#/components/schemas/Error"

// Load validates an OpenAPI document (JSON or YAML) with kin-openapi and
// derives its method table with openapi.Load.
func Load(data []byte) (*openapi.Catalogue, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: invalid document: %w", err)
	}
	return openapi.Load(data)
}

// Of builds the catalogue's whole document anew, references resolved. The
// catalogue does not keep one; each call costs a load without validation.
func Of(c *openapi.Catalogue) (*openapi3.T, error) {
	doc, _, err := parse(c.JSON())
	return doc, err
}

// parse builds the document with the fast builder when it can and with
// kin-openapi's loader otherwise; the second result says which.
func parse(jsonData []byte) (*openapi3.T, bool, error) {
	var tree any
	if err := json.Unmarshal(jsonData, &tree); err == nil {
		if doc, err := buildDoc(tree); err == nil {
			return doc, true, nil
		}
	}
	doc, err := openapi3.NewLoader().LoadFromData(jsonData)
	if err != nil {
		return nil, false, fmt.Errorf("openapi: %w", err)
	}
	return doc, false, nil
}

// ResponseSchema is the schema of m's successful result (not of the error
// object it may answer instead) in doc, a document of m's catalogue (Of):
// the branch of the 200 answer's anyOf/oneOf that is not the shared error
// object, or the whole schema.
func ResponseSchema(doc *openapi3.T, m *openapi.Method) (*openapi3.Schema, error) {
	item := doc.Paths.Value(m.Path)
	if item == nil || item.Get == nil {
		return nil, fmt.Errorf("openapi: the document has no GET %s", m.Path)
	}
	resp := item.Get.Responses.Value("200")
	if resp == nil || resp.Value == nil {
		return nil, fmt.Errorf("openapi: %s: no 200 response", m.Path)
	}
	media := resp.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return nil, fmt.Errorf("openapi: %s: the 200 response has no application/json schema", m.Path)
	}
	s := media.Schema.Value
	for _, branches := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf} {
		if len(branches) != 2 {
			continue
		}
		for i, b := range branches {
			if b.Ref == errorSchemaRef && branches[1-i].Value != nil {
				return branches[1-i].Value, nil
			}
		}
	}
	return s, nil
}
