package scenarios

import (
	"path"
	"strings"
	"testing"
)

func TestLibraryFilesLoadAndAreDocumented(t *testing.T) {
	files := libraryFiles()
	if len(files) < 20 {
		t.Fatalf("library holds %d files, want at least 20", len(files))
	}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			data, err := libraryFS.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Load(file, data)
			if err != nil {
				t.Fatalf("does not load:\n%v", err)
			}
			if want := strings.TrimSuffix(path.Base(file), ".yaml"); doc.Name != want {
				t.Errorf("name = %q, want the file name %q", doc.Name, want)
			}
			if doc.Summary() == "" || !strings.Contains(strings.TrimSpace(doc.Description), "\n") {
				t.Errorf("description needs a one-line summary and a line saying what it checks: %q", doc.Description)
			}
			if !strings.HasPrefix(string(data), "# ") {
				t.Errorf("file should open with a comment explaining the scenario")
			}
			for i, r := range doc.Rules {
				if r.Name == "" {
					t.Errorf("rules[%d] has no name; library rules are named so journals read well", i)
				}
				if len(r.Match.ApplicationKey) > 0 {
					t.Errorf("rules[%d] fixes an application_key; library scenarios are scoped by their user", i)
				}
			}
			if _, err := NewEngine(1).Add(doc); err != nil {
				t.Errorf("engine refuses it: %v", err)
			}
		})
	}
}
