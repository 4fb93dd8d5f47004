package document

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/okmock/okmock/openapi"
)

func mustDefault(t testing.TB) *openapi.Catalogue {
	t.Helper()
	c, err := openapi.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mustDocument builds the catalogue's document.
func mustDocument(t testing.TB, c *openapi.Catalogue) *openapi3.T {
	t.Helper()
	doc, err := Of(c)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDocumentValidates(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.Spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("kin-openapi rejects okmock.yaml: %v", err)
	}
	// The fast-built document must pass too: it is what okmock serves from.
	if err := mustDocument(t, mustDefault(t)).Validate(context.Background()); err != nil {
		t.Fatalf("the fast-built document does not validate: %v", err)
	}
}

// The fast builder must build exactly what kin-openapi's loader builds,
// from the JSON twin and from the YAML alike.
func TestFastBuilderMatchesKinOpenAPI(t *testing.T) {
	kin, err := openapi3.NewLoader().LoadFromData(openapi.Spec)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(kin)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"json": openapi.SpecJSON, "yaml": openapi.Spec} {
		c, err := openapi.Load(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		doc, fast, err := parse(c.JSON())
		if err != nil {
			t.Fatal(err)
		}
		if !fast {
			t.Fatalf("%s: the embedded document fell back to kin-openapi's slow loader", name)
		}
		got, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the fast builder's document differs from kin-openapi's", name)
		}
	}
}

// A document outside the fast builder's subset is still built, through
// kin-openapi, with nothing dropped.
func TestUnsupportedDocumentFallsBack(t *testing.T) {
	src := bytes.Replace(openapi.SpecJSON, []byte(`"components":{`),
		[]byte(`"externalDocs":{"url":"https://apiok.ru"},"components":{`), 1)
	c, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	doc, fast, err := parse(c.JSON())
	if err != nil {
		t.Fatal(err)
	}
	if fast {
		t.Fatal("externalDocs is outside the fast builder's subset, yet it was used")
	}
	if doc.ExternalDocs == nil || len(c.Methods()) != 147 {
		t.Fatalf("fallback lost content: externalDocs %v, %d methods", doc.ExternalDocs, len(c.Methods()))
	}
}

// Load refuses what kin-openapi refuses, even where the method table would
// not notice.
func TestLoadValidatesTheWholeDocument(t *testing.T) {
	src := bytes.Replace(openapi.SpecJSON, []byte(`"openapi":"3.0.3"`), []byte(`"openapi":""`), 1)
	if bytes.Equal(src, openapi.SpecJSON) {
		t.Fatal("the edit found nothing to replace")
	}
	if _, err := openapi.Load(src); err != nil {
		t.Fatalf("the method table should not care about the version field: %v", err)
	}
	if _, err := Load(src); err == nil {
		t.Fatal("Load accepted a document without an OpenAPI version")
	}
}

func TestEveryMethodHasAResultSchema(t *testing.T) {
	c := mustDefault(t)
	doc := mustDocument(t, c)
	for _, m := range c.Methods() {
		item := doc.Paths.Value(m.Path)
		if item == nil || item.Get == nil || item.Post == nil {
			t.Errorf("%s: needs GET and POST at %s", m.Name, m.Path)
			continue
		}
		if s, err := ResponseSchema(doc, m); err != nil || s == nil {
			t.Errorf("%s: no response schema: %v", m.Name, err)
		}
		if item.Get.Responses.Value("200") != item.Post.Responses.Value("200") &&
			item.Get.Responses.Value("200").Ref != item.Post.Responses.Value("200").Ref {
			t.Errorf("%s: GET and POST answer differently", m.Name)
		}
	}
}

// checkKeywords are the schema keywords a parameter's check is compiled
// from (package openapi reads exactly these), and those that do not
// constrain a value.
var checkKeywords = map[string]bool{
	"type": true, "format": true, "items": true, "maxItems": true, "minimum": true, "maximum": true,
	"minLength": true, "maxLength": true, "pattern": true, "enum": true,
	"example": true, "default": true, "description": true,
}

// The method table is compiled from the document without kin-openapi: it
// must see each method's parameters as kin-openapi does, and no parameter
// may use a keyword it would silently ignore.
func TestMethodTableSeesWhatKinOpenAPISees(t *testing.T) {
	c := mustDefault(t)
	doc := mustDocument(t, c)
	common := map[string]bool{}
	for _, m := range c.Methods() {
		item := doc.Paths.Value(m.Path)
		var want []string
		required := map[string]bool{}
		for _, list := range []openapi3.Parameters{item.Parameters, item.Get.Parameters} {
			for _, ref := range list {
				p := ref.Value
				if ref.Ref != "" {
					common[p.Name] = true
					continue
				}
				if !slices.Contains(want, p.Name) {
					want = append(want, p.Name)
				}
				required[p.Name] = p.Required
				for _, s := range []*openapi3.SchemaRef{p.Schema, p.Schema.Value.Items} {
					if s == nil {
						continue
					}
					raw, err := json.Marshal(s.Value)
					if err != nil {
						t.Fatal(err)
					}
					var keys map[string]any
					_ = json.Unmarshal(raw, &keys)
					for k := range keys {
						if !checkKeywords[k] {
							t.Errorf("%s: parameter %s uses %s, which the method table does not read", m.Name, p.Name, k)
						}
					}
				}
			}
		}
		var got []string
		for _, p := range m.Params {
			got = append(got, p.Name)
			if p.Required != required[p.Name] {
				t.Errorf("%s: parameter %s required %v, kin-openapi says %v", m.Name, p.Name, p.Required, required[p.Name])
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the table has parameters %v, the document %v", m.Name, got, want)
		}
	}
	if !common["application_key"] || !common["sig"] {
		t.Errorf("the shared parameters are not the common ones: %v", common)
	}
}

func TestNonMethodPathsAreDescribed(t *testing.T) {
	doc := mustDocument(t, mustDefault(t))
	want := map[string][]string{
		"/fb.do":                           {"GET", "POST"},
		"/oauth/authorize":                 {"GET"},
		"/oauth/token.do":                  {"POST"},
		"/upload/photos":                   {"POST"},
		"/__okmock/apps":                   {"POST"},
		"/__okmock/apps/{application_key}": {"DELETE"},
		"/__okmock/sessions":               {"POST"},
		"/__okmock/clock":                  {"POST"},
		"/__okmock/reset":                  {"POST"},
		"/__okmock/health":                 {"GET"},
		"/__okmock/requests":               {"GET", "DELETE"},
		"/__okmock/openapi.json":           {"GET"},
		"/__okmock/openapi.yaml":           {"GET"},
	}
	for path, methods := range want {
		item := doc.Paths.Value(path)
		if item == nil {
			t.Errorf("%s is not described", path)
			continue
		}
		for _, method := range methods {
			op := item.GetOperation(method)
			if op == nil {
				t.Errorf("%s %s is not described", method, path)
				continue
			}
			if strings.HasPrefix(path, "/__okmock/") && !slices.Contains(op.Tags, "control") {
				t.Errorf("%s %s is not tagged control", method, path)
			}
		}
	}
}

func TestEveryParameterIsDescribed(t *testing.T) {
	c := mustDefault(t)
	doc := mustDocument(t, c)
	for _, m := range c.Methods() {
		for _, ref := range doc.Paths.Value(m.Path).Parameters {
			p := ref.Value
			if p.In != "query" || p.Description == "" || p.Schema == nil || p.Schema.Value.Type == nil {
				t.Errorf("%s: parameter %s needs in: query, a description and a typed schema", m.Name, p.Name)
			}
		}
	}
}
