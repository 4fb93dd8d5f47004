package python_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md's table of broken drivers")

// Markers around the generated table in README.md.
const (
	flawsStart = "<!-- broken drivers: generated from broken_test.go; go test ./conformance/drivers/python -run TestReadmeFlaws -update -->"
	flawsEnd   = "<!-- end of broken drivers -->"
)

// flawsMarkdown is the table of broken drivers and what catches each.
func flawsMarkdown() string {
	var b strings.Builder
	b.WriteString("| `--break` | the client | specs that fail (all others pass) |\n|---|---|---|\n")
	quote := func(ps []string) string { return "`" + strings.Join(ps, "`, `") + "`" }
	for _, fl := range flaws {
		caught := quote(fl.caught)
		if fl.spared != nil {
			caught = "all but " + quote(fl.spared)
		}
		if fl.why != "" {
			caught += ": " + fl.why
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", fl.name, fl.does, caught)
	}
	return b.String()
}

// TestReadmeFlaws keeps README.md's table equal to the test's; -update
// rewrites it.
func TestReadmeFlaws(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, flawsStart), strings.Index(doc, flawsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q ... %q", flawsStart, flawsEnd)
	}
	want := doc[:i+len(flawsStart)] + "\n" + flawsMarkdown() + doc[j:]
	if want == doc {
		return
	}
	if *update {
		if err := os.WriteFile("README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md's table of broken drivers is out of date: go test ./conformance/drivers/python -run TestReadmeFlaws -update")
}
