package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/okmock/okmock/mock"
)

// healthcheck asks a local okmock for its health: the image's HEALTHCHECK
// runs it, since a scratch image has no shell or curl.
func healthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("okmock healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := getenv("OKMOCK_ADDR")
	if def == "" {
		def = ":8080"
	}
	addr := fs.String("addr", def, "address okmock listens on (OKMOCK_ADDR)")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintln(stderr, "okmock healthcheck:", err)
		return 2
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	url := "http://" + net.JoinHostPort(host, port) + mock.ControlPrefix + "/health"
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "okmock healthcheck:", err)
		return 1
	}
	defer resp.Body.Close()
	var h mock.Health
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&h) != nil || h.Status != "ok" {
		fmt.Fprintln(stderr, "okmock healthcheck: unhealthy answer, HTTP", resp.StatusCode)
		return 1
	}
	fmt.Fprintln(stdout, "ok")
	return 0
}
