// Command okmock-conformance is okmock's conformance kit: it checks an OK
// client library, in any language, through a small driver program speaking
// conformance/PROTOCOL.md, against an embedded okmock (or --target URL).
//
//	okmock-conformance --client 'CMD ARGS' [flags]     driver on stdin/stdout
//	okmock-conformance --client-addr HOST:PORT [flags]  driver listening on TCP
//	okmock-conformance --list                           print the specs
//
// It is a binary of its own so that the okmock server does not link the
// kit's Ginkgo and Gomega. `okmock conformance [flags]` runs this binary
// when it is installed next to okmock or in PATH. See conformance/README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/okmock/okmock/conformance"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(conformance.Main(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
