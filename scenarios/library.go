package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed library/*.yaml
var libraryFS embed.FS

// libraryDocs loads the embedded library once. The files are part of the
// build and tested, so a broken one is a programming error.
var libraryDocs = sync.OnceValue(func() []*Document {
	docs, err := LoadDir(libraryFS, "library")
	if err != nil {
		panic(fmt.Sprintf("scenarios: embedded library does not load: %v", err))
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Name < docs[j].Name })
	return docs
})

// Library returns the embedded named scenarios, sorted by name. Each call
// returns fresh copies that the caller may modify.
//
// Library scenarios match every application. To break only one
// application, load Named(name).Scoped(applicationKey) instead.
func Library() []*Document {
	docs := libraryDocs()
	out := make([]*Document, len(docs))
	for i, d := range docs {
		out[i] = d.Clone()
	}
	return out
}

// Named returns a fresh copy of the library scenario with that name.
func Named(name string) (*Document, bool) {
	for _, d := range libraryDocs() {
		if d.Name == name {
			return d.Clone(), true
		}
	}
	return nil, false
}

// LibraryNames lists the names of the library scenarios, sorted.
func LibraryNames() []string {
	docs := libraryDocs()
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.Name
	}
	return names
}

// Summary is the first line of the document's description.
func (d *Document) Summary() string {
	first, _, _ := strings.Cut(strings.TrimSpace(d.Description), "\n")
	return strings.TrimSpace(first)
}

// libraryFiles lists the embedded file names, for tests.
func libraryFiles() []string {
	entries, _ := fs.ReadDir(libraryFS, "library")
	var names []string
	for _, e := range entries {
		names = append(names, path.Join("library", e.Name()))
	}
	return names
}
