//go:build okmock_nogen

package openapi

// defaultTree has no tree to give when gen.go runs (built with the
// okmock_nogen tag), so that generating table_gen.go never needs the file
// it replaces to compile.
func defaultTree() *docTree { return nil }
