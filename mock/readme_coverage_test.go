package mock

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/okmock/okmock/openapi"
)

var updateCoverage = flag.Bool("update", false, "rewrite the coverage table at the end of ../README.md from the OpenAPI document")

// The README's coverage table, between these markers.
const (
	coverageStart = "<!-- COVERAGE -->\n"
	coverageEnd   = "<!-- /COVERAGE -->\n"
	readmePath    = "../README.md"
)

// coverageTable renders the catalogue by group: its methods, the ones that
// write marked with a star.
func coverageTable(cat *openapi.Catalogue) string {
	type group struct {
		name            string
		methods, writes []string
	}
	var groups []*group
	for _, m := range cat.Methods() {
		if len(groups) == 0 || groups[len(groups)-1].name != m.Group {
			groups = append(groups, &group{name: m.Group})
		}
		g := groups[len(groups)-1]
		short := "`" + m.Short + "`"
		if m.Writes {
			g.writes = append(g.writes, m.Short)
			short += "\\*"
		}
		g.methods = append(g.methods, short)
	}
	var b strings.Builder
	total, writes := 0, 0
	b.WriteString("Generated from `openapi/okmock.yaml` by `go test ./mock -run TestReadmeCoverageTable -update`.\n")
	b.WriteString("Every method answers (`callbacks.payment` is OK's call to an application: a direct call gets\n")
	b.WriteString("`3 METHOD`, and `POST /__okmock/payments` makes the call). \\* marks the methods that write; the\n")
	b.WriteString("group's reads return what they wrote.\n\n")
	b.WriteString("| group | methods | writes | methods (\\* writes) |\n|---|---:|---:|---|\n")
	for _, g := range groups {
		fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", g.name, len(g.methods), len(g.writes), strings.Join(g.methods, ", "))
		total += len(g.methods)
		writes += len(g.writes)
	}
	fmt.Fprintf(&b, "| **%d groups** | **%d** | **%d** | |\n", len(groups), total, writes)
	return b.String()
}

func TestReadmeCoverageTable(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	want := coverageTable(testCatalogue(t))
	start, end := strings.Index(text, coverageStart), strings.Index(text, coverageEnd)
	if start >= 0 && end > start && text[start+len(coverageStart):end] == want {
		return
	}
	if !*updateCoverage {
		t.Fatalf("README.md's coverage table is missing or stale; run: go test ./mock -run TestReadmeCoverageTable -update\nwant:\n%s", want)
	}
	var next string
	if start >= 0 && end > start {
		next = text[:start+len(coverageStart)] + want + text[end:]
	} else {
		next = strings.TrimRight(text, "\n") + "\n\n## Method coverage\n\n" + coverageStart + want + coverageEnd
	}
	if err := os.WriteFile(readmePath, []byte(next), 0o644); err != nil {
		t.Fatal(err)
	}
}
