package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadDirReadsScenarioFilesInNameOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"sc/b.yml":          {Data: []byte("name: second\nrules: [{respond: {error_code: 1}}]")},
		"sc/a.json":         {Data: []byte(smallestRule)},
		"sc/c.yaml":         {Data: []byte("- respond: {error_code: 2}")},
		"sc/notes.txt":      {Data: []byte("not a scenario")},
		"sc/.hidden.yaml":   {Data: []byte("garbage: [")},
		"sc/sub/deep.yaml":  {Data: []byte("garbage: [")},
		"other/ignored.yml": {Data: []byte("garbage: [")},
	}
	docs, err := LoadDir(fsys, "sc")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Source+"="+d.Name)
	}
	if want := "sc/a.json=a sc/b.yml=second sc/c.yaml=c"; strings.Join(got, " ") != want {
		t.Errorf("loaded %v, want %s (file names name unnamed documents)", got, want)
	}
}

func TestLoadDirReportsEveryBadFileAndDuplicateNames(t *testing.T) {
	fsys := fstest.MapFS{
		"a.yaml": {Data: []byte("respond: {fault: x}")},
		"b.yaml": {Data: []byte("name: same\nrules: [{respond: {error_code: 1}}]")},
		"c.yaml": {Data: []byte("name: same\nrules: [{respond: {error_code: 1}}]")},
		"d.yaml": {Data: []byte("respond:\n  delay_ms: -1")},
	}
	_, err := LoadDir(fsys, ".")
	want := []string{
		`a.yaml:1: respond.fault: unknown fault "x"`,
		`c.yaml: name: "same" is also the name of b.yaml`,
		`d.yaml:2: respond.delay_ms: must be >= 0`,
	}
	if err == nil {
		t.Fatal("LoadDir accepted bad files")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
}

func TestLoadDirWithoutScenarios(t *testing.T) {
	if _, err := LoadDir(fstest.MapFS{"x.txt": {}}, "."); err == nil || !strings.Contains(err.Error(), "no scenario files") {
		t.Errorf("err = %v", err)
	}
	if _, err := LoadDir(fstest.MapFS{}, "missing"); err == nil {
		t.Error("a missing folder loaded")
	}
}

func TestLoadFileRefusesOversizedFilesWithoutReadingThemWhole(t *testing.T) {
	fsys := fstest.MapFS{"big.yaml": {Data: []byte("# " + strings.Repeat("x", 200))}}
	_, err := Loader{MaxBytes: 100}.LoadFile(fsys, "big.yaml")
	if err == nil || !strings.Contains(err.Error(), "big.yaml: document is larger than the limit of 100 bytes") {
		t.Errorf("err = %v", err)
	}
	if _, err := LoadFile(fsys, "nope.yaml"); err == nil || !strings.HasPrefix(err.Error(), "nope.yaml: ") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestLoadPathTakesAFileOrAFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "one.yaml")
	if err := os.WriteFile(file, []byte(smallestRule), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "two.yaml"), []byte("respond:\n  delay_ms: -1"), 0o600); err != nil {
		t.Fatal(err)
	}
	docs, err := LoadPath(file)
	if err != nil || len(docs) != 1 || docs[0].Name != "one" || docs[0].Source != file {
		t.Fatalf("LoadPath(file) = %v, %v", docs, err)
	}
	_, err = LoadPath(dir)
	if want := filepath.Join(dir, "two.yaml") + ":2: respond.delay_ms: must be >= 0"; err == nil || err.Error() != want {
		t.Errorf("LoadPath(dir) error = %v, want %s", err, want)
	}
	if _, err := LoadPath(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing path loaded")
	}
}
