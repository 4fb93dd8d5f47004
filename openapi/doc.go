// Package openapi holds okmock's OpenAPI document, the single source of
// truth for the OK REST method catalogue, and derives from it the method
// table okmock routes by: session rules, permissions, parameters with
// precompiled validators, and the schema of each method's result.
//
// okmock.yaml is the source. okmock.json is its generated twin (run
// `go generate` here after editing the YAML; a test fails while they
// differ): okmock loads the JSON at start because it parses far faster.
//
// The method table is compiled from the document without kin-openapi, so
// that okmock does not link it (see tree.go); package openapi/document
// gives the whole document as kin-openapi's model and validates it.
//
// Catalogues are immutable once loaded and safe for concurrent use; the
// *Method values they hand out are shared and must not be modified.
package openapi

//go:generate go run gen.go
