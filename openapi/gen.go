//go:build ignore

// gen writes okmock.json, the JSON twin of okmock.yaml that okmock serves,
// and okmock.table.json, the part of it the method table is compiled from,
// which okmock decodes at start (run through `go generate` in this
// directory).
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
	table, err := openapi.TableSource(out)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("okmock.table.json", table, 0o644); err != nil {
		log.Fatal(err)
	}
}
