// Command okmock serves a mock of the OK.ru (Odnoklassniki) API: the REST
// API of api.ok.ru and the OAuth pages of connect.ok.ru, on one port.
//
//	okmock                 serve (the default; no flags or config needed)
//	okmock healthcheck     exit 0 when a local okmock answers its health check
//	okmock conformance     run the conformance kit (the okmock-conformance
//	                       binary, beside okmock or in PATH) against a client's driver
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run dispatches on the subcommand; with none (or only flags) it serves.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			return serve(ctx, args[1:], getenv, stdout, stderr)
		case "healthcheck":
			return healthcheck(ctx, args[1:], getenv, stdout, stderr)
		case "conformance":
			return runConformance(ctx, args[1:], getenv, stdout, stderr)
		case "help", "-h", "--help":
			usage(stdout)
			return 0
		case "version", "--version":
			fmt.Fprintln(stdout, "okmock", version())
			return 0
		}
	}
	return serve(ctx, args, getenv, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `okmock: a mock of the OK.ru API (api.ok.ru and connect.ok.ru)

Usage:
  okmock [flags]               serve (see okmock serve -h for flags)
  okmock healthcheck [flags]   check a running okmock (for container health checks)
  okmock conformance [flags]   check an OK client through its driver: runs the
                               okmock-conformance binary, beside okmock or in PATH
                               (okmock conformance -h)
  okmock version
`)
}
