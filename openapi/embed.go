package openapi

import _ "embed"

// Spec is okmock's OpenAPI document as written: the YAML source.
//
//go:embed okmock.yaml
var Spec []byte

// SpecJSON is the JSON twin of Spec, generated from it by `go generate`;
// Default loads it because JSON decodes far faster than YAML.
//
//go:embed okmock.json
var SpecJSON []byte
