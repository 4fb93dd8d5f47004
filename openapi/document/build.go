package document

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// kin-openapi decodes every object twice and re-reads each subtree at every
// nesting level, which costs about 100 ms for okmock's document: more than
// okmock's whole start-up budget. docBuilder builds the same *openapi3.T from
// a plain decoded JSON tree in a few milliseconds. It knows the subset of
// OpenAPI 3.0 the document uses and reports anything else as unsupported, so
// that Load falls back to kin-openapi's own loader instead of silently
// dropping it. A test checks that both loaders give identical documents.

// errUnsupported says the fast builder met something it does not handle.
type errUnsupported struct{ where, what string }

func (e *errUnsupported) Error() string {
	return fmt.Sprintf("openapi: fast loader does not handle %s at %s", e.what, e.where)
}

// docBuilder turns a decoded JSON tree (map[string]any, []any, string,
// float64, bool, nil) into an *openapi3.T with every local reference resolved.
type docBuilder struct {
	schemas   map[string]*openapi3.Schema
	params    map[string]*openapi3.Parameter
	bodies    map[string]*openapi3.RequestBody
	responses map[string]*openapi3.Response
	headers   map[string]*openapi3.Header
	err       error
}

// buildDoc builds the document, or fails with *errUnsupported when the tree
// is outside the fast builder's subset.
func buildDoc(tree any) (*openapi3.T, error) {
	b := &docBuilder{}
	doc := b.doc(tree)
	if b.err != nil {
		return nil, b.err
	}
	return doc, nil
}

// fail records the first problem; later calls keep it.
func (b *docBuilder) fail(where, what string) {
	if b.err == nil {
		b.err = &errUnsupported{where: where, what: what}
	}
}

func (b *docBuilder) object(v any, where string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		b.fail(where, fmt.Sprintf("a %T where an object belongs", v))
	}
	return m
}

func (b *docBuilder) list(v any, where string) []any {
	l, ok := v.([]any)
	if !ok {
		b.fail(where, fmt.Sprintf("a %T where a list belongs", v))
	}
	return l
}

func (b *docBuilder) str(v any, where string) string {
	s, ok := v.(string)
	if !ok {
		b.fail(where, fmt.Sprintf("a %T where a string belongs", v))
	}
	return s
}

func (b *docBuilder) boolean(v any, where string) bool {
	x, ok := v.(bool)
	if !ok {
		b.fail(where, fmt.Sprintf("a %T where a boolean belongs", v))
	}
	return x
}

func (b *docBuilder) number(v any, where string) *float64 {
	f, ok := v.(float64)
	if !ok {
		b.fail(where, fmt.Sprintf("a %T where a number belongs", v))
	}
	return &f
}

func (b *docBuilder) count(v any, where string) uint64 {
	f, ok := v.(float64)
	if !ok || f < 0 || f != float64(uint64(f)) {
		b.fail(where, fmt.Sprintf("%v where a count belongs", v))
		return 0
	}
	return uint64(f)
}

func (b *docBuilder) strings(v any, where string) []string {
	l := b.list(v, where)
	out := make([]string, len(l))
	for i, item := range l {
		out[i] = b.str(item, where)
	}
	return out
}

// extension keeps an x- key, as kin-openapi does; anything else unknown is
// unsupported.
func (b *docBuilder) extension(ext *map[string]any, k string, v any, where string) {
	if !strings.HasPrefix(k, "x-") {
		b.fail(where, "key "+k)
		return
	}
	if *ext == nil {
		*ext = map[string]any{}
	}
	(*ext)[k] = v
}

// scalars maps the plain keys of one OpenAPI object to the fields they
// fill, so that the builders need no case per field.
type scalars[T any] struct {
	strs   map[string]func(*T) *string
	bools  map[string]func(*T) *bool
	nums   map[string]func(*T) **float64
	counts map[string]func(*T) *uint64
	limits map[string]func(*T) **uint64
}

// set fills the field of key k, reporting whether k is one of the table's.
func (f *scalars[T]) set(b *docBuilder, dst *T, k string, x any, where string) bool {
	if field, ok := f.strs[k]; ok {
		*field(dst) = b.str(x, where)
	} else if field, ok := f.bools[k]; ok {
		*field(dst) = b.boolean(x, where)
	} else if field, ok := f.nums[k]; ok {
		*field(dst) = b.number(x, where)
	} else if field, ok := f.counts[k]; ok {
		*field(dst) = b.count(x, where)
	} else if field, ok := f.limits[k]; ok {
		n := b.count(x, where)
		*field(dst) = &n
	} else {
		return false
	}
	return true
}

// fill sets every key of m through the table, keeping x- keys in ext.
func (f *scalars[T]) fill(b *docBuilder, dst *T, ext *map[string]any, m map[string]any, where string) {
	for k, x := range m {
		if !f.set(b, dst, k, x, where) {
			b.extension(ext, k, x, where)
		}
	}
}

var (
	infoFields = scalars[openapi3.Info]{strs: map[string]func(*openapi3.Info) *string{
		"title":       func(i *openapi3.Info) *string { return &i.Title },
		"version":     func(i *openapi3.Info) *string { return &i.Version },
		"description": func(i *openapi3.Info) *string { return &i.Description },
	}}
	serverFields = scalars[openapi3.Server]{strs: map[string]func(*openapi3.Server) *string{
		"url":         func(s *openapi3.Server) *string { return &s.URL },
		"description": func(s *openapi3.Server) *string { return &s.Description },
	}}
	tagFields = scalars[openapi3.Tag]{strs: map[string]func(*openapi3.Tag) *string{
		"name":        func(t *openapi3.Tag) *string { return &t.Name },
		"description": func(t *openapi3.Tag) *string { return &t.Description },
	}}
)

func (b *docBuilder) doc(tree any) *openapi3.T {
	m := b.object(tree, "the document")
	doc := &openapi3.T{}
	// Components first: every reference elsewhere points into them.
	if c, ok := m["components"]; ok {
		doc.Components = b.components(c)
	}
	for k, v := range m {
		switch k {
		case "openapi":
			doc.OpenAPI = b.str(v, k)
		case "info":
			doc.Info = &openapi3.Info{}
			infoFields.fill(b, doc.Info, &doc.Info.Extensions, b.object(v, k), k)
		case "servers":
			for _, item := range b.list(v, k) {
				s := &openapi3.Server{}
				serverFields.fill(b, s, &s.Extensions, b.object(item, k), k)
				doc.Servers = append(doc.Servers, s)
			}
		case "tags":
			for _, item := range b.list(v, k) {
				t := &openapi3.Tag{}
				tagFields.fill(b, t, &t.Extensions, b.object(item, k), k)
				doc.Tags = append(doc.Tags, t)
			}
		case "paths":
			doc.Paths = b.paths(v)
		case "components":
		default:
			b.extension(&doc.Extensions, k, v, "the document")
		}
	}
	return doc
}
