// Command okmock-load measures okmock against a bare net/http handler in
// the same run, on this machine only, and prints the ratios as a Markdown
// table: throughput and server CPU per request in a closed loop, latency
// percentiles in a closed and an open loop, cold start and peak RSS. With
// -soak it instead runs okmock for minutes and checks that memory stays
// flat and nothing fails. With -against PATH the baseline is another
// okmock binary, given the same sessions, posts and requests: a change to
// okmock judged in alternating turns of one run, on a machine whose
// speed drifts too much between runs to compare them.
//
// The servers run as child processes pinned to one core, the generator to
// another (taskset). Every phase is bounded in time and requests, the whole
// run by -timeout; only loopback addresses are accepted.
//
//	go build -o /tmp/okmock ./cmd/okmock
//	go run ./cmd/okmock-load -okmock /tmp/okmock
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// pinnedEnv marks the re-run of the tool under taskset.
const pinnedEnv = "OKMOCK_LOAD_PINNED"

func main() {
	if os.Getenv(roleEnv) == roleBare {
		os.Exit(serveBare(os.Getenv(addrEnv), os.Stderr))
	}
	if code, ran := runPinned(os.Args[1:]); ran {
		os.Exit(code)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// runPinned runs the tool again under taskset on the load core, so that
// every thread of the generator stays there, and reports whether it did.
func runPinned(args []string) (code int, ran bool) {
	if os.Getenv(pinnedEnv) != "" {
		return 0, false
	}
	cfg, err := parseConfig(args, io.Discard)
	if err != nil || cfg.loadCPU < 0 || !canPin() {
		return 0, false // run reports the error, or runs unpinned
	}
	self, err := os.Executable()
	if err != nil {
		return 0, false
	}
	cmd := exec.Command("taskset", append([]string{"-c", strconv.Itoa(cfg.loadCPU), self}, args...)...)
	cmd.Env = append(os.Environ(), pinnedEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		return 0, false
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err = cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), true
	}
	if err != nil {
		return 1, true
	}
	return 0, true
}

// canPin reports whether two processes can be put on different cores.
func canPin() bool {
	_, err := exec.LookPath("taskset")
	return err == nil && machineCPUs() >= 2
}

// run is the tool after pinning: parse, then compare or soak.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "okmock-load:", err)
		return 2
	}
	if !canPin() {
		fmt.Fprintln(stderr, "okmock-load: taskset or a second core is missing; running unpinned")
		cfg.serverCPU, cfg.loadCPU = -1, -1
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "okmock-load:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	l := &launcher{cfg: cfg, self: self}
	if cfg.soak > 0 {
		return soak(ctx, l, stdout, stderr)
	}
	started := time.Now()
	c, err := compare(ctx, l, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "okmock-load:", err)
		return 1
	}
	writeReport(stdout, l, c, started, args)
	return 0
}
