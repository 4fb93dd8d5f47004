// Command go is the conformance driver of the Go reference client
// (conformance/okclient). It speaks the protocol of conformance/PROTOCOL.md
// on stdin/stdout, or with -listen on every TCP connection it accepts:
//
//	okmock-conformance --client 'go run ./conformance/drivers/go'
//	go run ./conformance/drivers/go -listen :9000 & okmock-conformance --client-addr localhost:9000
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"

	"github.com/okmock/okmock/conformance/refdriver"
)

func main() {
	listen := flag.String("listen", "", "serve TCP connections on this address instead of stdin/stdout")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *listen == "" {
		if err := refdriver.Serve(ctx, os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "driver:", err)
			os.Exit(1)
		}
		return
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "driver: listening on", ln.Addr())
	go func() { <-ctx.Done(); ln.Close() }()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			if err := refdriver.Serve(ctx, conn, conn); err != nil {
				fmt.Fprintln(os.Stderr, "driver:", err)
			}
		}()
	}
}
