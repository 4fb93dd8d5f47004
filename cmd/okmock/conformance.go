package main

import (
	"context"
	"io"

	"github.com/okmock/okmock/conformance"
)

// runConformance is `okmock conformance`: the conformance suite against a
// client's driver, with an embedded okmock unless --target names one.
// OKMOCK_* variables do not apply: the suite's okmock is its own.
func runConformance(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	return conformance.Main(ctx, args, stdout, stderr)
}
