package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Default limits of a zero Loader.
const (
	DefaultMaxBytes   = 1 << 20 // 1 MiB
	DefaultMaxNodes   = 100_000
	DefaultMaxAliases = 1_000
)

// Loader reads scenario documents with limits that keep hostile input
// cheap. The zero value uses the defaults.
type Loader struct {
	// MaxBytes caps a document's size (default DefaultMaxBytes).
	MaxBytes int64
	// MaxNodes caps the number of YAML values a document holds once its
	// aliases are expanded (default DefaultMaxNodes); this is what stops
	// "billion laughs" alias bombs.
	MaxNodes int
	// MaxAliases caps the number of alias references (default DefaultMaxAliases).
	MaxAliases int
}

func (l Loader) limits() (maxBytes int64, maxNodes, maxAliases int) {
	maxBytes, maxNodes, maxAliases = l.MaxBytes, l.MaxNodes, l.MaxAliases
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if maxNodes <= 0 {
		maxNodes = DefaultMaxNodes
	}
	if maxAliases <= 0 {
		maxAliases = DefaultMaxAliases
	}
	return maxBytes, maxNodes, maxAliases
}

// Load parses and validates one document with the default limits. See
// Loader.Load.
func Load(source string, data []byte) (*Document, error) { return Loader{}.Load(source, data) }

// LoadFile loads one file of fsys with the default limits. See Loader.LoadFile.
func LoadFile(fsys fs.FS, name string) (*Document, error) { return Loader{}.LoadFile(fsys, name) }

// LoadDir loads every scenario file of a folder with the default limits.
// See Loader.LoadDir.
func LoadDir(fsys fs.FS, dir string) ([]*Document, error) { return Loader{}.LoadDir(fsys, dir) }

// LoadPath loads a file or a folder of the OS file system with the default
// limits. See Loader.LoadPath.
func LoadPath(name string) ([]*Document, error) { return Loader{}.LoadPath(name) }

// Load parses and validates one document, YAML or JSON, written in any of
// three forms: a full document (version, name, description, rules), a list
// of rules, or a single bare rule. source names the input in messages.
//
// On failure the error is a LoadErrors listing every problem found, each a
// *LoadError with the line and field path.
func (l Loader) Load(source string, data []byte) (*Document, error) {
	maxBytes, maxNodes, maxAliases := l.limits()
	probs := &problems{source: source}
	if int64(len(data)) > maxBytes {
		probs.add(0, "", "document is larger than the limit of %d bytes", maxBytes)
		return nil, probs.err()
	}
	root, err := parseYAML(data)
	if err != nil {
		line, msg := splitYAMLError(err)
		probs.add(line, "", "%s", msg)
		return nil, probs.err()
	}
	if root == nil {
		probs.add(0, "", "document is empty")
		return nil, probs.err()
	}
	if line, msg := checkExpansion(root, maxNodes, maxAliases); msg != "" {
		probs.add(line, "", "%s", msg)
		return nil, probs.err()
	}
	d := &decoder{probs: probs, lines: map[string]int{}}
	doc, f := d.document(root)
	doc.validate(f.rulePath, func(field, msg string) {
		if !d.related(field) {
			probs.add(lineOf(d.lines, field), field, "%s", msg)
		}
	})
	if err := probs.err(); err != nil {
		return nil, err
	}
	doc.Source = source
	return doc, nil
}

// parseYAML parses exactly one YAML document. The parser is third-party
// code fed untrusted bytes, so a panic in it becomes an error.
func parseYAML(data []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml: cannot parse document: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("yaml: line %d: a file holds one document; found another after ---", extra.Line)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	root = doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil, nil
	}
	return root, nil
}

var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// splitYAMLError turns "yaml: line 3: did not find..." into (3, "did not find...").
func splitYAMLError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLineError.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// checkExpansion measures the document as the decoder will see it, with
// every alias expanded, without expanding anything: sizes are memoized per
// node, so a billion-laughs document is rejected after visiting each of its
// few nodes once. Self-referencing aliases are rejected too.
func checkExpansion(root *yaml.Node, maxNodes, maxAliases int) (line int, msg string) {
	memo := map[*yaml.Node]int{}
	active := map[*yaml.Node]bool{}
	aliases := 0
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if msg != "" {
			return 0
		}
		if n.Kind == yaml.AliasNode {
			aliases++
			if aliases > maxAliases {
				line, msg = n.Line, fmt.Sprintf("more than %d alias references (*name); refusing a possible alias bomb", maxAliases)
				return 0
			}
			if n.Alias == nil {
				return 1
			}
			if active[n.Alias] {
				line, msg = n.Line, fmt.Sprintf("alias *%s refers to a value that contains it", n.Value)
				return 0
			}
			return size(n.Alias)
		}
		if s, ok := memo[n]; ok {
			return s
		}
		active[n] = true
		total := 1
		for _, c := range n.Content {
			total += size(c)
			if total > maxNodes && msg == "" {
				line, msg = n.Line, fmt.Sprintf("document expands to more than %d values", maxNodes)
				if aliases > 0 {
					msg += " through its aliases; refusing a possible alias bomb"
				}
			}
			if msg != "" {
				return 0
			}
		}
		active[n] = false
		memo[n] = total
		return total
	}
	size(root)
	return line, msg
}

// lineOf finds the line of a field path, falling back to its closest
// recorded parent.
func lineOf(lines map[string]int, field string) int {
	for {
		if l, ok := lines[field]; ok {
			return l
		}
		if field == "" {
			return 0
		}
		cut := strings.LastIndexAny(field, ".[")
		if cut < 0 {
			field = ""
		} else {
			field = field[:cut]
		}
	}
}

// LoadFile loads one file of fsys. A document without a name takes the
// file's base name without extension.
func (l Loader) LoadFile(fsys fs.FS, name string) (*Document, error) {
	return l.loadFile(fsys, name, name)
}

func (l Loader) loadFile(fsys fs.FS, name, source string) (*Document, error) {
	maxBytes, _, _ := l.limits()
	f, err := fsys.Open(name)
	if err != nil {
		return nil, LoadErrors{{Source: source, Msg: err.Error()}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, LoadErrors{{Source: source, Msg: err.Error()}}
	}
	doc, err := l.Load(source, data)
	if err != nil {
		return nil, err
	}
	if doc.Name == "" {
		base := path.Base(name)
		doc.Name = strings.TrimSuffix(base, path.Ext(base))
	}
	return doc, nil
}

// isScenarioFile reports whether a folder entry is read by LoadDir.
func isScenarioFile(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// LoadDir loads every *.yaml, *.yml and *.json file directly inside dir
// (sub-folders and hidden files are skipped), in name order. It reports the
// problems of every file at once, and two documents with the same name.
func (l Loader) LoadDir(fsys fs.FS, dir string) ([]*Document, error) {
	return l.loadDir(fsys, dir, func(name string) string { return path.Join(dir, name) })
}

func (l Loader) loadDir(fsys fs.FS, dir string, display func(string) string) ([]*Document, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, LoadErrors{{Source: display(""), Msg: err.Error()}}
	}
	var docs []*Document
	var all LoadErrors
	byName := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || !isScenarioFile(e.Name()) {
			continue
		}
		source := display(e.Name())
		doc, err := l.loadFile(fsys, path.Join(dir, e.Name()), source)
		if err != nil {
			all = append(all, asLoadErrors(err, source)...)
			continue
		}
		if other, dup := byName[doc.Name]; dup {
			all = append(all, &LoadError{Source: source, Field: "name", Msg: fmt.Sprintf("%q is also the name of %s", doc.Name, other)})
			continue
		}
		byName[doc.Name] = source
		docs = append(docs, doc)
	}
	if len(all) > 0 {
		return nil, all
	}
	if len(docs) == 0 {
		return nil, LoadErrors{{Source: display(""), Msg: "no scenario files (*.yaml, *.yml, *.json) in this folder"}}
	}
	return docs, nil
}

func asLoadErrors(err error, source string) LoadErrors {
	var les LoadErrors
	if errors.As(err, &les) {
		return les
	}
	return LoadErrors{{Source: source, Msg: err.Error()}}
}

// LoadPath loads the --scenarios argument: a file (one document) or a
// folder (see LoadDir) of the OS file system. Messages name files as the
// argument spells them.
func (l Loader) LoadPath(name string) ([]*Document, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, LoadErrors{{Source: name, Msg: err.Error()}}
	}
	if info.IsDir() {
		return l.loadDir(os.DirFS(name), ".", func(file string) string { return filepath.Join(name, file) })
	}
	doc, err := l.loadFile(os.DirFS(filepath.Dir(name)), filepath.Base(name), name)
	if err != nil {
		return nil, err
	}
	return []*Document{doc}, nil
}
