package document

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// components allocates every component before filling any, so references
// between components resolve whatever their order.
func (b *docBuilder) components(v any) *openapi3.Components {
	c := &openapi3.Components{}
	raw := map[string]map[string]any{}
	for k, x := range b.object(v, "components") {
		switch k {
		case "schemas", "parameters", "requestBodies", "responses", "headers":
			raw[k] = b.object(x, "components/"+k)
		default:
			b.extension(&c.Extensions, k, x, "components")
		}
	}
	b.schemas = shells[openapi3.Schema](raw["schemas"])
	b.params = shells[openapi3.Parameter](raw["parameters"])
	b.bodies = shells[openapi3.RequestBody](raw["requestBodies"])
	b.responses = shells[openapi3.Response](raw["responses"])
	b.headers = shells[openapi3.Header](raw["headers"])

	c.Schemas = fillAll(b, "schemas", raw["schemas"], b.schemas, b.fillSchema,
		func(s *openapi3.Schema) *openapi3.SchemaRef { return &openapi3.SchemaRef{Value: s} })
	c.Parameters = fillAll(b, "parameters", raw["parameters"], b.params, b.fillParameter,
		func(p *openapi3.Parameter) *openapi3.ParameterRef { return &openapi3.ParameterRef{Value: p} })
	c.RequestBodies = fillAll(b, "requestBodies", raw["requestBodies"], b.bodies, b.fillRequestBody,
		func(r *openapi3.RequestBody) *openapi3.RequestBodyRef { return &openapi3.RequestBodyRef{Value: r} })
	c.Responses = fillAll(b, "responses", raw["responses"], b.responses, b.fillResponse,
		func(r *openapi3.Response) *openapi3.ResponseRef { return &openapi3.ResponseRef{Value: r} })
	c.Headers = fillAll(b, "headers", raw["headers"], b.headers, b.fillHeader,
		func(h *openapi3.Header) *openapi3.HeaderRef { return &openapi3.HeaderRef{Value: h} })
	return c
}

// shells allocates one empty component per name.
func shells[T any](raw map[string]any) map[string]*T {
	out := make(map[string]*T, len(raw))
	for name := range raw {
		out[name] = new(T)
	}
	return out
}

// fillAll fills the allocated components of one kind and wraps them as the
// references kin-openapi keeps in Components.
func fillAll[T, R any](b *docBuilder, kind string, raw map[string]any, allocated map[string]*T,
	fill func(*T, map[string]any, string), wrap func(*T) R) map[string]R {
	if raw == nil {
		return nil
	}
	out := make(map[string]R, len(raw))
	for name, x := range raw {
		where := "components/" + kind + "/" + name
		fill(allocated[name], b.object(x, where), where)
		out[name] = wrap(allocated[name])
	}
	return out
}

// resolve follows a local "#/components/<kind>/<name>" reference when m is
// one; ok says whether it was.
func resolve[T any](b *docBuilder, m map[string]any, kind string, in map[string]*T, where string) (ref string, v *T, ok bool) {
	raw, ok := m["$ref"]
	if !ok {
		return "", nil, false
	}
	if len(m) != 1 {
		b.fail(where, "keys next to $ref")
	}
	ref = b.str(raw, where)
	name, found := strings.CutPrefix(ref, "#/components/"+kind+"/")
	if v = in[name]; !found || v == nil {
		b.fail(where, "reference "+ref)
	}
	return ref, v, true
}

// refOrValue resolves m when it is a reference, or else builds a new T
// from it; the reference is empty in the second case.
func refOrValue[T any](b *docBuilder, m map[string]any, kind string, in map[string]*T, where string,
	fill func(*T, map[string]any, string)) (string, *T) {
	if ref, v, ok := resolve(b, m, kind, in, where); ok {
		return ref, v
	}
	v := new(T)
	fill(v, m, where)
	return "", v
}

func (b *docBuilder) paths(v any) *openapi3.Paths {
	m := b.object(v, "paths")
	paths := openapi3.NewPathsWithCapacity(len(m))
	for path, x := range m {
		if strings.HasPrefix(path, "x-") {
			b.fail("paths", "extensions on paths")
			continue
		}
		paths.Set(path, b.pathItem(b.object(x, path), path))
	}
	return paths
}

var pathItemFields = scalars[openapi3.PathItem]{strs: map[string]func(*openapi3.PathItem) *string{
	"summary":     func(p *openapi3.PathItem) *string { return &p.Summary },
	"description": func(p *openapi3.PathItem) *string { return &p.Description },
}}

// pathItemOps are the operations a path item may hold.
var pathItemOps = map[string]func(*openapi3.PathItem) **openapi3.Operation{
	"get":     func(p *openapi3.PathItem) **openapi3.Operation { return &p.Get },
	"post":    func(p *openapi3.PathItem) **openapi3.Operation { return &p.Post },
	"put":     func(p *openapi3.PathItem) **openapi3.Operation { return &p.Put },
	"delete":  func(p *openapi3.PathItem) **openapi3.Operation { return &p.Delete },
	"patch":   func(p *openapi3.PathItem) **openapi3.Operation { return &p.Patch },
	"head":    func(p *openapi3.PathItem) **openapi3.Operation { return &p.Head },
	"options": func(p *openapi3.PathItem) **openapi3.Operation { return &p.Options },
}

func (b *docBuilder) pathItem(m map[string]any, where string) *openapi3.PathItem {
	item := &openapi3.PathItem{}
	for k, x := range m {
		if op, ok := pathItemOps[k]; ok {
			*op(item) = b.operation(x, where+" "+k)
			continue
		}
		switch {
		case k == "parameters":
			item.Parameters = b.parameters(x, where)
		case !pathItemFields.set(b, item, k, x, where):
			b.extension(&item.Extensions, k, x, where)
		}
	}
	return item
}

var operationFields = scalars[openapi3.Operation]{
	strs: map[string]func(*openapi3.Operation) *string{
		"operationId": func(o *openapi3.Operation) *string { return &o.OperationID },
		"summary":     func(o *openapi3.Operation) *string { return &o.Summary },
		"description": func(o *openapi3.Operation) *string { return &o.Description },
	},
	bools: map[string]func(*openapi3.Operation) *bool{
		"deprecated": func(o *openapi3.Operation) *bool { return &o.Deprecated },
	},
}

func (b *docBuilder) operation(v any, where string) *openapi3.Operation {
	op := &openapi3.Operation{}
	for k, x := range b.object(v, where) {
		switch {
		case k == "tags":
			op.Tags = b.strings(x, where)
		case k == "parameters":
			op.Parameters = b.parameters(x, where)
		case k == "requestBody":
			op.RequestBody = b.requestBodyRef(x, where)
		case k == "responses":
			op.Responses = b.responsesOf(x, where)
		case !operationFields.set(b, op, k, x, where):
			b.extension(&op.Extensions, k, x, where)
		}
	}
	return op
}

func (b *docBuilder) parameters(v any, where string) openapi3.Parameters {
	l := b.list(v, where)
	out := make(openapi3.Parameters, 0, len(l))
	for _, item := range l {
		ref, p := refOrValue(b, b.object(item, where), "parameters", b.params, where, b.fillParameter)
		out = append(out, &openapi3.ParameterRef{Ref: ref, Value: p})
	}
	return out
}

var parameterFields = scalars[openapi3.Parameter]{
	strs: map[string]func(*openapi3.Parameter) *string{
		"name":        func(p *openapi3.Parameter) *string { return &p.Name },
		"in":          func(p *openapi3.Parameter) *string { return &p.In },
		"description": func(p *openapi3.Parameter) *string { return &p.Description },
		"style":       func(p *openapi3.Parameter) *string { return &p.Style },
	},
	bools: map[string]func(*openapi3.Parameter) *bool{
		"required":        func(p *openapi3.Parameter) *bool { return &p.Required },
		"deprecated":      func(p *openapi3.Parameter) *bool { return &p.Deprecated },
		"allowEmptyValue": func(p *openapi3.Parameter) *bool { return &p.AllowEmptyValue },
		"allowReserved":   func(p *openapi3.Parameter) *bool { return &p.AllowReserved },
	},
}

func (b *docBuilder) fillParameter(p *openapi3.Parameter, m map[string]any, where string) {
	for k, x := range m {
		switch {
		case k == "explode":
			e := b.boolean(x, where)
			p.Explode = &e
		case k == "schema":
			p.Schema = b.schemaRef(x, where+" "+p.Name)
		case k == "example":
			p.Example = x
		case !parameterFields.set(b, p, k, x, where):
			b.extension(&p.Extensions, k, x, where)
		}
	}
}

func (b *docBuilder) fillHeader(h *openapi3.Header, m map[string]any, where string) {
	if _, named := m["name"]; named {
		b.fail(where, "a name in a header")
	}
	if _, placed := m["in"]; placed {
		b.fail(where, "an in in a header")
	}
	b.fillParameter(&h.Parameter, m, where)
}
