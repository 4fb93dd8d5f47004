//go:build ignore

// gen writes okmock.json, the JSON twin of okmock.yaml that okmock serves,
// and table_gen.go, the part of it the method table is compiled from as a
// Go value, so that okmock decodes nothing at start (run through
// `go generate` in this directory).
package main

import (
	"log"
	"os"

	"github.com/okmock/okmock/openapi"
	"github.com/okmock/okmock/openapi/internal/specjson"
)

func main() {
	src, err := os.ReadFile("okmock.yaml")
	if err != nil {
		log.Fatal(err)
	}
	out, err := specjson.FromYAML(src)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("okmock.json", out, 0o644); err != nil {
		log.Fatal(err)
	}
	table, err := openapi.TableGo(out)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("table_gen.go", table, 0o644); err != nil {
		log.Fatal(err)
	}
}
