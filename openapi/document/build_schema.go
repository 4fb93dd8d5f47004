package document

import (
	"github.com/getkin/kin-openapi/openapi3"
)

func (b *docBuilder) schemaRef(v any, where string) *openapi3.SchemaRef {
	ref, s := refOrValue(b, b.object(v, where), "schemas", b.schemas, where, b.fillSchema)
	return &openapi3.SchemaRef{Ref: ref, Value: s}
}

func (b *docBuilder) schemaRefs(v any, where string) openapi3.SchemaRefs {
	l := b.list(v, where)
	out := make(openapi3.SchemaRefs, len(l))
	for i, item := range l {
		out[i] = b.schemaRef(item, where)
	}
	return out
}

var schemaFields = scalars[openapi3.Schema]{
	strs: map[string]func(*openapi3.Schema) *string{
		"format":      func(s *openapi3.Schema) *string { return &s.Format },
		"title":       func(s *openapi3.Schema) *string { return &s.Title },
		"description": func(s *openapi3.Schema) *string { return &s.Description },
		"pattern":     func(s *openapi3.Schema) *string { return &s.Pattern },
	},
	bools: map[string]func(*openapi3.Schema) *bool{
		"nullable":    func(s *openapi3.Schema) *bool { return &s.Nullable },
		"readOnly":    func(s *openapi3.Schema) *bool { return &s.ReadOnly },
		"writeOnly":   func(s *openapi3.Schema) *bool { return &s.WriteOnly },
		"deprecated":  func(s *openapi3.Schema) *bool { return &s.Deprecated },
		"uniqueItems": func(s *openapi3.Schema) *bool { return &s.UniqueItems },
	},
	nums: map[string]func(*openapi3.Schema) **float64{
		"minimum":    func(s *openapi3.Schema) **float64 { return &s.Min },
		"maximum":    func(s *openapi3.Schema) **float64 { return &s.Max },
		"multipleOf": func(s *openapi3.Schema) **float64 { return &s.MultipleOf },
	},
	counts: map[string]func(*openapi3.Schema) *uint64{
		"minLength":     func(s *openapi3.Schema) *uint64 { return &s.MinLength },
		"minItems":      func(s *openapi3.Schema) *uint64 { return &s.MinItems },
		"minProperties": func(s *openapi3.Schema) *uint64 { return &s.MinProps },
	},
	limits: map[string]func(*openapi3.Schema) **uint64{
		"maxLength":     func(s *openapi3.Schema) **uint64 { return &s.MaxLength },
		"maxItems":      func(s *openapi3.Schema) **uint64 { return &s.MaxItems },
		"maxProperties": func(s *openapi3.Schema) **uint64 { return &s.MaxProps },
	},
}

// schemaCombiners are the keys holding a list of schemas.
var schemaCombiners = map[string]func(*openapi3.Schema) *openapi3.SchemaRefs{
	"allOf": func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.AllOf },
	"anyOf": func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.AnyOf },
	"oneOf": func(s *openapi3.Schema) *openapi3.SchemaRefs { return &s.OneOf },
}

func (b *docBuilder) fillSchema(s *openapi3.Schema, m map[string]any, where string) {
	for k, x := range m {
		if schemaFields.set(b, s, k, x, where) {
			continue
		}
		if combiner, ok := schemaCombiners[k]; ok {
			*combiner(s) = b.schemaRefs(x, where)
			continue
		}
		switch k {
		case "type":
			if t, ok := x.(string); ok {
				s.Type = &openapi3.Types{t}
			} else {
				types := openapi3.Types(b.strings(x, where))
				s.Type = &types
			}
		case "enum":
			s.Enum = b.list(x, where)
		case "default":
			s.Default = x
		case "example":
			s.Example = x
		case "required":
			s.Required = b.strings(x, where)
		case "items":
			s.Items = b.schemaRef(x, where)
		case "not":
			s.Not = b.schemaRef(x, where)
		case "properties":
			props := b.object(x, where)
			s.Properties = make(openapi3.Schemas, len(props))
			for name, p := range props {
				s.Properties[name] = b.schemaRef(p, where)
			}
		case "additionalProperties":
			if has, ok := x.(bool); ok {
				s.AdditionalProperties = openapi3.AdditionalProperties{Has: &has}
			} else {
				s.AdditionalProperties = openapi3.AdditionalProperties{Schema: b.schemaRef(x, where)}
			}
		default:
			b.extension(&s.Extensions, k, x, where)
		}
	}
}
