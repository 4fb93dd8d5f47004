package document

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

func (b *docBuilder) requestBodyRef(v any, where string) *openapi3.RequestBodyRef {
	ref, rb := refOrValue(b, b.object(v, where), "requestBodies", b.bodies, where, b.fillRequestBody)
	return &openapi3.RequestBodyRef{Ref: ref, Value: rb}
}

var requestBodyFields = scalars[openapi3.RequestBody]{
	strs: map[string]func(*openapi3.RequestBody) *string{
		"description": func(r *openapi3.RequestBody) *string { return &r.Description },
	},
	bools: map[string]func(*openapi3.RequestBody) *bool{
		"required": func(r *openapi3.RequestBody) *bool { return &r.Required },
	},
}

func (b *docBuilder) fillRequestBody(rb *openapi3.RequestBody, m map[string]any, where string) {
	for k, x := range m {
		switch {
		case k == "content":
			rb.Content = b.content(x, where)
		case !requestBodyFields.set(b, rb, k, x, where):
			b.extension(&rb.Extensions, k, x, where)
		}
	}
}

func (b *docBuilder) responsesOf(v any, where string) *openapi3.Responses {
	m := b.object(v, where)
	out := openapi3.NewResponsesWithCapacity(len(m))
	for code, x := range m {
		if strings.HasPrefix(code, "x-") {
			b.fail(where, "extensions on responses")
			continue
		}
		ref, r := refOrValue(b, b.object(x, where), "responses", b.responses, where+" "+code, b.fillResponse)
		out.Set(code, &openapi3.ResponseRef{Ref: ref, Value: r})
	}
	return out
}

func (b *docBuilder) fillResponse(r *openapi3.Response, m map[string]any, where string) {
	for k, x := range m {
		switch k {
		case "description":
			d := b.str(x, where)
			r.Description = &d
		case "content":
			r.Content = b.content(x, where)
		case "headers":
			hm := b.object(x, where)
			r.Headers = make(openapi3.Headers, len(hm))
			for name, hv := range hm {
				ref, header := refOrValue(b, b.object(hv, where), "headers", b.headers, where+" header "+name, b.fillHeader)
				r.Headers[name] = &openapi3.HeaderRef{Ref: ref, Value: header}
			}
		default:
			b.extension(&r.Extensions, k, x, where)
		}
	}
}

func (b *docBuilder) content(v any, where string) openapi3.Content {
	m := b.object(v, where)
	out := make(openapi3.Content, len(m))
	for mediaType, x := range m {
		mt := &openapi3.MediaType{}
		for k, y := range b.object(x, where) {
			switch k {
			case "schema":
				mt.Schema = b.schemaRef(y, where+" "+mediaType)
			case "example":
				mt.Example = y
			default:
				b.extension(&mt.Extensions, k, y, where)
			}
		}
		out[mediaType] = mt
	}
	return out
}
