package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/okmock/okmock/openapi/internal/specjson"
)

// Catalogue is the OK method table derived from an OpenAPI document.
//
// It keeps its method table and the source, not kin-openapi's document:
// that document is most of a running okmock's live heap, which the garbage
// collector marks on every cycle, and marking it was what stretched
// okmock's p99 latency. Document builds one when a caller needs it.
type Catalogue struct {
	methods []*Method // sorted by name
	exact   map[string]*Method
	folded  map[string]*Method // keyed by the lowercase name

	source     []byte // the document as loaded
	sourceJSON bool
	fast       bool // built by docBuilder rather than kin-openapi's loader

	jsonOnce sync.Once
	json     []byte
	jsonErr  error
}

// maxNameLen bounds the method names Lookup folds on the stack; OK's
// longest is well under it.
const maxNameLen = 64

// Load reads an OpenAPI document (JSON or YAML), validates it with
// kin-openapi and derives the method table. Every path under /api/ must be
// an OK method described by x-ok-* extensions.
func Load(data []byte) (*Catalogue, error) {
	return load(data, true)
}

// defaultCatalogue loads the embedded document once per process. It skips
// kin-openapi's validation, which the package's tests run instead: that keeps
// okmock's start-up within its budget.
var defaultCatalogue = sync.OnceValues(func() (*Catalogue, error) {
	return load(SpecJSON, false)
})

// Default returns the catalogue of the embedded document. It is loaded on
// the first call and shared afterwards, so calling it is cheap.
func Default() (*Catalogue, error) {
	return defaultCatalogue()
}

func load(data []byte, validate bool) (*Catalogue, error) {
	isJSON := looksLikeJSON(data)
	doc, fast, err := parseDocument(data, isJSON)
	if err != nil {
		return nil, err
	}
	if validate {
		if err := doc.Validate(context.Background()); err != nil {
			return nil, fmt.Errorf("openapi: invalid document: %w", err)
		}
	}
	c, err := newCatalogue(doc)
	if err != nil {
		return nil, err
	}
	c.source, c.sourceJSON, c.fast = data, isJSON, fast
	return c, nil
}

// parseDocument builds the document with the fast builder when it can and
// with kin-openapi's loader otherwise; the second result says which.
func parseDocument(data []byte, isJSON bool) (*openapi3.T, bool, error) {
	jsonData := data
	if !isJSON {
		converted, err := specjson.FromYAML(data)
		if err == nil {
			jsonData = converted
		} else {
			jsonData = nil
		}
	}
	if jsonData != nil {
		var tree any
		if err := json.Unmarshal(jsonData, &tree); err == nil {
			if doc, err := buildDoc(tree); err == nil {
				return doc, true, nil
			}
		}
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, false, fmt.Errorf("openapi: %w", err)
	}
	return doc, false, nil
}

func looksLikeJSON(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

func newCatalogue(doc *openapi3.T) (*Catalogue, error) {
	if doc.Paths == nil {
		return nil, fmt.Errorf("openapi: the document has no paths")
	}
	c := &Catalogue{
		exact:  map[string]*Method{},
		folded: map[string]*Method{},
	}
	for path, item := range doc.Paths.Map() {
		if _, isMethod := item.Extensions[extMethod]; !isMethod {
			if strings.HasPrefix(path, "/api/") {
				return nil, fmt.Errorf("openapi: %s: a path under /api/ must carry %s", path, extMethod)
			}
			continue
		}
		m, err := newMethod(path, item)
		if err != nil {
			return nil, err
		}
		lower := strings.ToLower(m.Name)
		if len(lower) > maxNameLen {
			return nil, fmt.Errorf("openapi: %s: method name longer than %d bytes", path, maxNameLen)
		}
		if other, dup := c.folded[lower]; dup {
			return nil, fmt.Errorf("openapi: %s and %s name the same method", other.Path, m.Path)
		}
		c.exact[m.Name] = m
		c.folded[lower] = m
		c.methods = append(c.methods, m)
	}
	slices.SortFunc(c.methods, func(a, b *Method) int { return strings.Compare(a.Name, b.Name) })
	return c, nil
}

// Method finds a method by its exact name, e.g. "users.getInfo".
func (c *Catalogue) Method(name string) (*Method, bool) {
	m, ok := c.exact[name]
	return m, ok
}

// Lookup finds a method by name in any letter case, as OK does
// ("users.getcurrentuser" works). It does not allocate.
func (c *Catalogue) Lookup(name string) (*Method, bool) {
	if m, ok := c.exact[name]; ok {
		return m, true
	}
	if len(name) > maxNameLen {
		return nil, false
	}
	var buf [maxNameLen]byte
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		buf[i] = ch
	}
	m, ok := c.folded[string(buf[:len(name)])]
	return m, ok
}

// Methods lists every method, sorted by name. The slice is the caller's;
// the methods are shared.
func (c *Catalogue) Methods() []*Method {
	return slices.Clone(c.methods)
}

// JSON returns the document as JSON, converted once from YAML when it was
// loaded from YAML. The bytes are shared and must not be modified.
func (c *Catalogue) JSON() ([]byte, error) {
	c.jsonOnce.Do(func() {
		switch {
		case c.sourceJSON:
			c.json = c.source
		case c.source != nil:
			c.json, c.jsonErr = specjson.FromYAML(c.source)
			if c.jsonErr == nil {
				break
			}
			fallthrough
		default:
			var doc *openapi3.T
			if doc, c.jsonErr = c.Document(); c.jsonErr == nil {
				c.json, c.jsonErr = json.Marshal(doc)
			}
		}
	})
	return c.json, c.jsonErr
}

// Document builds the whole document anew from its source, references
// resolved, for callers that walk it (tools, tests). The catalogue does
// not keep one; each call costs a load of the source without validation.
func (c *Catalogue) Document() (*openapi3.T, error) {
	doc, _, err := parseDocument(c.source, c.sourceJSON)
	return doc, err
}
