// Package openapi holds okmock's OpenAPI document, the single source of
// truth for the OK REST method catalogue, and derives from it the method
// table okmock routes by: session rules, permissions, and parameters with
// precompiled validators.
//
// okmock.yaml is the source. Two files are generated from it (run
// `go generate` here after editing the YAML; tests fail while they are
// stale): okmock.json, its JSON twin, which okmock serves, and
// table_gen.go, the part of the twin the method table is compiled from,
// as a Go value, so that okmock decodes nothing at start.
//
// The method table is compiled from the document without kin-openapi, so
// that okmock does not link it (see tree.go); package openapi/document
// gives the whole document as kin-openapi's model and validates it.
//
// Catalogues are immutable once loaded and safe for concurrent use; the
// *Method values they hand out are shared and must not be modified.
package openapi

//go:generate go run -tags okmock_nogen gen.go
