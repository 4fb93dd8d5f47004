package openapi

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The catalogue is compiled from the parts of the document it reads,
// decoded into these types by encoding/json. It does not go through
// kin-openapi's model: linking kin-openapi compiles JSON Schema
// metaschemas at package init (about 9 ms and 1.7 MB on these machines,
// 370 KB of it kept for the process's life), and building its document
// allocated 4.6 MB more, all before okmock answered its first call. The
// package openapi/document gives the whole document as kin-openapi's model
// to those who want it, and validates it.

// docTree is the part of an OpenAPI 3.0 document the catalogue reads.
// The embedded document's tree, trimmed to what the table reads
// (tableOnly), is generated as Go source (TableGo, table_gen.go).
type docTree struct {
	Paths      map[string]*pathNode `json:"paths"`
	Components componentsNode       `json:"components"`
}

// componentsNode holds the named parts references point to.
type componentsNode struct {
	Parameters map[string]*paramNode    `json:"parameters"`
	Responses  map[string]*responseNode `json:"responses"`
	Schemas    map[string]*schemaNode   `json:"schemas"`
}

// pathNode is a path item with okmock's x-ok-* extensions. The extensions
// are decoded as any so that a value of the wrong type is reported, not
// refused by the decoder with a less helpful message.
type pathNode struct {
	Parameters       []*paramNode    `json:"parameters"`
	Get              *opNode         `json:"get"`
	Post             *opNode         `json:"post"`
	Method           any             `json:"x-ok-method"`
	Session          any             `json:"x-ok-session"`
	Permissions      any             `json:"x-ok-permissions"`
	FieldPermissions json.RawMessage `json:"x-ok-field-permissions"`
	Unsigned         any             `json:"x-ok-unsigned"`
	Writes           any             `json:"x-ok-writes"`
	ResponseSource   any             `json:"x-ok-response-source"`
}

// opNode is an operation: its parameters and responses.
type opNode struct {
	Parameters []*paramNode             `json:"parameters"`
	Responses  map[string]*responseNode `json:"responses"`
}

// paramNode is a parameter or a reference to one.
type paramNode struct {
	Ref            string      `json:"$ref"`
	Name           string      `json:"name"`
	In             string      `json:"in"`
	Required       bool        `json:"required"`
	Schema         *schemaNode `json:"schema"`
	Example        any         `json:"example"`
	InvalidCode    any         `json:"x-ok-invalid-code"`
	InvalidMessage any         `json:"x-ok-invalid-message"`
}

// responseNode is a response or a reference to one.
type responseNode struct {
	Ref     string               `json:"$ref"`
	Content map[string]mediaNode `json:"content"`
}

// mediaNode is one media type of a response.
type mediaNode struct {
	Schema *schemaNode `json:"schema"`
}

// schemaNode holds the schema keywords a parameter check is compiled from,
// and the branches that tell a method's result from the error object.
type schemaNode struct {
	Ref       string        `json:"$ref"`
	Type      schemaTypes   `json:"type"`
	Format    string        `json:"format"`
	Items     *schemaNode   `json:"items"`
	MaxItems  *uint64       `json:"maxItems"`
	Minimum   *float64      `json:"minimum"`
	Maximum   *float64      `json:"maximum"`
	MinLength uint64        `json:"minLength"`
	MaxLength *uint64       `json:"maxLength"`
	Pattern   string        `json:"pattern"`
	Enum      []any         `json:"enum"`
	Example   any           `json:"example"`
	AnyOf     []*schemaNode `json:"anyOf"`
	OneOf     []*schemaNode `json:"oneOf"`
}

// schemaTypes is a schema's type: one name in OpenAPI 3.0, a list in 3.1.
type schemaTypes []string

// UnmarshalJSON takes a type name or a list of them.
func (t *schemaTypes) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, (*[]string)(t))
	}
	var one string
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*t = schemaTypes{one}
	return nil
}

// maxRefHops bounds a chain of references, so that a cycle is an error
// rather than a hang.
const maxRefHops = 16

// parseTree decodes a JSON document.
func parseTree(data []byte) (*docTree, error) {
	var t docTree
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	return &t, nil
}

// localRef is the name a local reference points to under prefix.
func localRef(ref, prefix string) (string, error) {
	name, ok := strings.CutPrefix(ref, prefix)
	if !ok || name == "" {
		return "", fmt.Errorf("unsupported reference %q (only %s... is read)", ref, prefix)
	}
	return name, nil
}

// resolveRef follows references of one kind until a value.
func resolveRef[T any](node *T, ref func(*T) string, in map[string]*T, prefix string) (*T, error) {
	for range maxRefHops {
		if node == nil {
			return nil, nil
		}
		r := ref(node)
		if r == "" {
			return node, nil
		}
		name, err := localRef(r, prefix)
		if err != nil {
			return nil, err
		}
		next, found := in[name]
		if !found {
			return nil, fmt.Errorf("unresolved reference %s", r)
		}
		node = next
	}
	return nil, fmt.Errorf("references nested more than %d deep", maxRefHops)
}

func (t *docTree) param(p *paramNode) (*paramNode, error) {
	return resolveRef(p, func(p *paramNode) string { return p.Ref }, t.Components.Parameters, "#/components/parameters/")
}

func (t *docTree) response(r *responseNode) (*responseNode, error) {
	return resolveRef(r, func(r *responseNode) string { return r.Ref }, t.Components.Responses, "#/components/responses/")
}

func (t *docTree) schema(s *schemaNode) (*schemaNode, error) {
	return resolveRef(s, func(s *schemaNode) string { return s.Ref }, t.Components.Schemas, "#/components/schemas/")
}

// tableOnly is the tree without what newCatalogue skips: paths that are
// not methods (kept, emptied, only when newCatalogue refuses them), the
// parameters every call shares, answers other than 200, the POST
// operation's content (only its presence counts), and the components
// nothing kept names.
func (t *docTree) tableOnly() *docTree {
	out := &docTree{Paths: map[string]*pathNode{}}
	out.Components.Schemas = t.Components.Schemas
	for path, item := range t.Paths {
		switch {
		case item != nil && item.Method != nil:
			kept := *item
			kept.Parameters = t.ownParams(item.Parameters)
			if item.Get != nil {
				kept.Get = &opNode{Parameters: t.ownParams(item.Get.Parameters), Responses: map[string]*responseNode{"200": item.Get.Responses["200"]}}
			}
			if item.Post != nil {
				kept.Post = &opNode{}
			}
			out.Paths[path] = &kept
		case strings.HasPrefix(path, "/api/"):
			out.Paths[path] = &pathNode{}
		}
	}
	out.Components.Responses = map[string]*responseNode{}
	for _, item := range out.Paths {
		if item.Get == nil {
			continue
		}
		if r := item.Get.Responses["200"]; r != nil {
			if name, err := localRef(r.Ref, "#/components/responses/"); err == nil {
				out.Components.Responses[name] = t.Components.Responses[name]
			}
		}
	}
	return out
}

// ownParams are the parameters that are not common to every call, with
// references to shared ones resolved; one that does not resolve is kept
// as it is, for newCatalogue to refuse.
func (t *docTree) ownParams(list []*paramNode) []*paramNode {
	var out []*paramNode
	for _, ref := range list {
		if p, err := t.param(ref); err == nil && p != nil {
			if commonParams[p.Name] {
				continue
			}
			ref = p
		}
		out = append(out, ref)
	}
	return out
}
