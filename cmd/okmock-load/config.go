package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

// config is what the flags ask for. Every run is bounded: each phase by
// its duration and a request cap, the whole run by timeout.
type config struct {
	okmock      string        // path of the okmock binary under test
	host        string        // loopback address the servers listen on
	serverCPU   int           // core the servers are pinned to (-1: none)
	loadCPU     int           // core the load generator is pinned to (-1: none)
	duration    time.Duration // measured time of each phase
	warmup      time.Duration // unmeasured time before each phase
	maxRequests int           // cap on the requests of one phase
	conns       int           // connections of the closed and open loops
	repeat      int           // alternating runs of each phase pair, pooled in the report
	rate        int           // open-loop rate, requests per second
	coldStarts  int           // spawns measured for cold start
	rssReads    int           // read requests before peak RSS is read
	workloads   []string      // workload names, in table order
	timeout     time.Duration // bound on the whole run
	soak        time.Duration // >0: soak mode instead of the comparison
	soakWindow  time.Duration // soak sampling window
	soakSlackMB int           // RSS growth tolerated after the first window
	latencyDir  string        // "": no per-request files
	against     string        // another okmock binary as the baseline ("": the bare handler)
}

// parseConfig reads the flags.
func parseConfig(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("okmock-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &config{}
	fs.StringVar(&c.okmock, "okmock", "", "path of the okmock binary to measure (build it with: go build -o /tmp/okmock ./cmd/okmock)")
	fs.StringVar(&c.host, "host", "127.0.0.1", "loopback address the servers listen on (anything else is refused)")
	fs.IntVar(&c.serverCPU, "server-cpu", 0, "core the servers are pinned to with taskset (-1: no pinning)")
	fs.IntVar(&c.loadCPU, "load-cpu", 1, "core the load generator is pinned to with taskset (-1: no pinning)")
	fs.DurationVar(&c.duration, "duration", 3*time.Second, "measured time of each phase")
	fs.DurationVar(&c.warmup, "warmup", 500*time.Millisecond, "unmeasured warm-up before each phase (the open loop's lasts at least as long as its phase)")
	fs.IntVar(&c.maxRequests, "max-requests", 5_000_000, "cap on the requests of one phase")
	fs.IntVar(&c.conns, "conns", 64, "connections of the closed and open loops")
	fs.IntVar(&c.repeat, "repeat", 1, "alternating runs of each phase (bare, okmock, bare, ...); the figures pool all of them")
	fs.IntVar(&c.rate, "rate", 5000, "open-loop rate in requests per second")
	fs.IntVar(&c.coldStarts, "cold-starts", 5, "spawns measured for cold start (the median is shown)")
	fs.IntVar(&c.rssReads, "rss-reads", 100_000, "read requests sent before peak RSS is read (the documented run uses 1000000)")
	wl := fs.String("workloads", strings.Join(workloadNames(), ","), "workloads to run, comma-separated")
	fs.DurationVar(&c.timeout, "timeout", 20*time.Minute, "bound on the whole run")
	fs.DurationVar(&c.soak, "soak", 0, "soak okmock for this long (read mix, open loop at -rate) instead of comparing")
	fs.DurationVar(&c.soakWindow, "soak-window", 10*time.Second, "soak sampling window")
	fs.IntVar(&c.soakSlackMB, "soak-slack-mb", 8, "RSS growth (MiB) tolerated after the first soak window")
	fs.StringVar(&c.latencyDir, "latency-dir", "", "write every measured open-loop request to a TSV file per turn and server in this directory: when it was due (Unix µs), its latency and how late the generator sent it (µs)")
	fs.StringVar(&c.against, "against", "", "measure okmock against this other okmock binary instead of the bare net/http handler, in the same alternating turns with the same sessions and requests: to judge a change to okmock on a machine too noisy to compare separate runs (the targets table is left out)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, name := range strings.Split(*wl, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if _, ok := workloadByName(name); !ok {
			return nil, fmt.Errorf("unknown workload %q (known: %s)", name, strings.Join(workloadNames(), ", "))
		}
		c.workloads = append(c.workloads, name)
	}
	return c, c.check()
}

// check refuses what the tool must never do: load anything but this
// machine, or run unbounded.
func (c *config) check() error {
	if err := requireLoopback(c.host); err != nil {
		return err
	}
	if c.okmock == "" {
		return errors.New("-okmock is required: the path of the okmock binary to measure")
	}
	if _, err := os.Stat(c.okmock); err != nil {
		return fmt.Errorf("-okmock: %w", err)
	}
	if c.against != "" {
		if _, err := os.Stat(c.against); err != nil {
			return fmt.Errorf("-against: %w", err)
		}
	}
	switch {
	case c.duration <= 0 || c.timeout <= 0:
		return errors.New("-duration and -timeout must be positive")
	case c.maxRequests <= 0 || c.conns <= 0 || c.rate <= 0 || c.repeat <= 0:
		return errors.New("-max-requests, -conns, -rate and -repeat must be positive")
	case c.soak > 0 && c.soakWindow <= 0:
		return errors.New("-soak-window must be positive")
	}
	if c.latencyDir != "" {
		if err := os.MkdirAll(c.latencyDir, 0o755); err != nil {
			return fmt.Errorf("-latency-dir: %w", err)
		}
	}
	return nil
}

// requireLoopback accepts a loopback IP, or a name all of whose addresses
// are loopback ones: the tool must not be aimed at another machine.
func requireLoopback(host string) error {
	if ip := net.ParseIP(host); ip != nil {
		if !ip.IsLoopback() {
			return fmt.Errorf("refusing %s: okmock-load only loads loopback addresses", host)
		}
		return nil
	}
	addrs, err := net.LookupIP(host)
	if err != nil || len(addrs) == 0 {
		return fmt.Errorf("refusing %s: it does not resolve to a loopback address", host)
	}
	for _, ip := range addrs {
		if !ip.IsLoopback() {
			return fmt.Errorf("refusing %s: it resolves to %s, not a loopback address", host, ip)
		}
	}
	return nil
}
