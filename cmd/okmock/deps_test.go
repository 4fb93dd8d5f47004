package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The server must not link kin-openapi: its package init compiles JSON
// Schema metaschemas (about 9 ms and 1.7 MB of allocations, before okmock
// can answer), and 370 KB of them stay live for the collector to mark on
// every cycle. Only package openapi/document, which tests and tools use,
// imports it.
func TestServerDoesNotLinkKinOpenAPI(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command runs these tests, yet it is not in PATH: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps named only %d packages", len(deps))
	}
	for _, pkg := range deps {
		if strings.HasPrefix(pkg, "github.com/getkin/kin-openapi/") || strings.HasPrefix(pkg, "github.com/santhosh-tekuri/jsonschema") {
			t.Errorf("okmock links %s", pkg)
		}
	}
}
