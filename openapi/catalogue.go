package openapi

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/okmock/okmock/openapi/internal/specjson"
)

// Catalogue is the OK method table derived from an OpenAPI document.
//
// It keeps its method table and the source, not a model of the document:
// kin-openapi's was most of a running okmock's live heap, which the
// garbage collector marks on every cycle. document.Of (package
// openapi/document) builds one when a caller needs it.
type Catalogue struct {
	methods []*Method // sorted by name
	exact   map[string]*Method
	folded  map[string]*Method // keyed by the lowercase name

	json []byte // the document as loaded, as JSON
}

// maxNameLen bounds the method names Lookup folds on the stack; OK's
// longest is well under it.
const maxNameLen = 64

// Load reads an OpenAPI document (JSON or YAML) and derives the method
// table. Every path under /api/ must be an OK method described by x-ok-*
// extensions; what the table is built from is checked, the rest of the
// document is not read. document.Load (package openapi/document) also
// validates the whole document with kin-openapi.
func Load(data []byte) (*Catalogue, error) {
	jsonData := data
	if !looksLikeJSON(data) {
		converted, err := specjson.FromYAML(data)
		if err != nil {
			return nil, fmt.Errorf("openapi: %w", err)
		}
		jsonData = converted
	}
	return loadTable(jsonData)
}

// defaultCatalogue compiles the embedded document's table once per
// process, from its generated tree (defaultTree, table_gen.go): the same
// table as Load(SpecJSON), a test checks, with nothing to decode.
var defaultCatalogue = sync.OnceValues(func() (*Catalogue, error) {
	return compileTree(defaultTree(), SpecJSON)
})

// loadTable compiles the catalogue of a JSON document, serving it.
func loadTable(doc []byte) (*Catalogue, error) {
	tree, err := parseTree(doc)
	if err != nil {
		return nil, err
	}
	return compileTree(tree, doc)
}

// compileTree compiles a catalogue from a document's tree, serving doc.
func compileTree(tree *docTree, doc []byte) (*Catalogue, error) {
	c, err := newCatalogue(tree)
	if err != nil {
		return nil, err
	}
	c.json = doc
	return c, nil
}

// Default returns the catalogue of the embedded document. It is loaded on
// the first call and shared afterwards, so calling it is cheap.
func Default() (*Catalogue, error) {
	return defaultCatalogue()
}

func looksLikeJSON(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

func newCatalogue(tree *docTree) (*Catalogue, error) {
	if tree.Paths == nil {
		return nil, fmt.Errorf("openapi: the document has no paths")
	}
	c := &Catalogue{
		exact:  map[string]*Method{},
		folded: map[string]*Method{},
	}
	for path, item := range tree.Paths {
		if item == nil || item.Method == nil {
			if strings.HasPrefix(path, "/api/") {
				return nil, fmt.Errorf("openapi: %s: a path under /api/ must carry %s", path, extMethod)
			}
			continue
		}
		m, err := newMethod(path, item, tree)
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

// JSON returns the document as JSON, converted from YAML when it was
// loaded from YAML. The bytes are shared and must not be modified.
func (c *Catalogue) JSON() []byte {
	return c.json
}
