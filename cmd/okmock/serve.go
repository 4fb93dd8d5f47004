package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/scenarios"
)

// serveConfig is what the serve flags and OKMOCK_* variables say.
type serveConfig struct {
	addr        string
	configPath  string
	scenarios   string
	seed        int64
	seedSet     bool
	publicURL   string
	journalSize int
	logLevel    string
	tls         tlsSettings   // serve_tls.go
	state       stateSettings // state_flags.go
	limits      limitSettings // limits_flags.go
}

// parseServeFlags reads flags; each flag's default comes from its OKMOCK_*
// variable, so containers are configured by environment alone.
func parseServeFlags(args []string, getenv func(string) string, stderr io.Writer) (*serveConfig, error) {
	fs := flag.NewFlagSet("okmock serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &serveConfig{}
	envOr := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&cfg.addr, "addr", envOr("OKMOCK_ADDR", ":8080"), "listen address (OKMOCK_ADDR)")
	fs.StringVar(&cfg.configPath, "config", getenv("OKMOCK_CONFIG"), "YAML configuration file (OKMOCK_CONFIG)")
	fs.StringVar(&cfg.scenarios, "scenarios", getenv("OKMOCK_SCENARIOS"), "scenario file or folder loaded at start (OKMOCK_SCENARIOS)")
	seed := fs.String("seed", getenv("OKMOCK_SEED"), "world seed; the same seed gives the same data (OKMOCK_SEED, default 0)")
	fs.StringVar(&cfg.publicURL, "public-url", getenv("OKMOCK_PUBLIC_URL"), "base of absolute URLs okmock hands out (OKMOCK_PUBLIC_URL)")
	journal := fs.String("journal-size", getenv("OKMOCK_JOURNAL_SIZE"), "requests kept in the journal; negative turns it off (OKMOCK_JOURNAL_SIZE, default 1000)")
	fs.StringVar(&cfg.logLevel, "log-level", envOr("OKMOCK_LOG_LEVEL", "info"), "debug, info, warn or error (OKMOCK_LOG_LEVEL)")
	cfg.tls.register(fs, getenv)
	cfg.state.register(fs, getenv)
	cfg.limits.register(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if err := errors.Join(cfg.tls.check(), cfg.state.check(), cfg.limits.check()); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *seed != "" {
		n, err := strconv.ParseInt(*seed, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("seed %q is not a whole number", *seed)
		}
		cfg.seed, cfg.seedSet = n, true
	}
	if *journal != "" {
		n, err := strconv.Atoi(*journal)
		if err != nil {
			return nil, fmt.Errorf("journal-size %q is not a whole number", *journal)
		}
		cfg.journalSize = n
	}
	return cfg, nil
}

// options turns the serve configuration into server options.
func (c *serveConfig) options(logger *slog.Logger) (mock.Options, error) {
	opts := mock.Options{Logger: logger, PublicURL: c.publicURL, JournalSize: c.journalSize, Limits: c.limits.limits()}
	if c.configPath != "" {
		file, err := mock.LoadConfig(c.configPath)
		if err != nil {
			return opts, err
		}
		file.Apply(&opts)
	}
	if c.scenarios != "" {
		docs, err := scenarios.LoadPath(c.scenarios)
		if err != nil {
			return opts, err
		}
		opts.Scenarios = append(opts.Scenarios, docs...)
	}
	if c.seedSet {
		opts.Seed = c.seed
	}
	if c.publicURL != "" {
		opts.PublicURL = c.publicURL
	}
	return opts, nil
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseServeFlags(args, getenv, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "okmock:", err)
		return 2
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.logLevel)); err != nil {
		fmt.Fprintln(stderr, "okmock: log-level:", err)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	opts, err := cfg.options(logger)
	if err != nil {
		fmt.Fprintln(stderr, "okmock:", err)
		return 2
	}
	gc := tuneGC(getenv)
	defer gc.stop()
	srv, err := mock.New(opts)
	if err == nil {
		err = cfg.state.restore(srv, stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "okmock:", err)
		return 2
	}
	hs := srv.HTTPServer()
	tlsSide, err := cfg.tls.prepare(srv, hs)
	if err != nil {
		fmt.Fprintln(stderr, "okmock:", err)
		return 1
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		tlsSide.close()
		fmt.Fprintln(stderr, "okmock:", err)
		return 1
	}
	gc.serve(heapHeadroom)
	printBanner(stdout, ln.Addr().String(), opts)
	saveState := cfg.state.keep(srv, logger)
	errc := make(chan error, 2)
	https := tlsSide.serve(stdout, errc)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintln(stderr, "okmock:", err)
		_ = saveState()
		return 1
	case <-ctx.Done():
	}
	// Drain in-flight requests before exiting (SIGTERM from a container
	// runtime, Ctrl-C at a terminal), then save the state they left.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = shutdownAll(shutdownCtx, hs, https)
	if serr := saveState(); serr != nil {
		fmt.Fprintln(stderr, "okmock: state:", serr)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "okmock: shutdown:", err)
		return 1
	}
	return 0
}

// printBanner tells a newcomer where okmock listens and how to call it.
// The demo application's secret is printed here on purpose: it is the
// credential a newcomer needs, and it is public in the README too.
func printBanner(w io.Writer, addr string, opts mock.Options) {
	fmt.Fprintf(w, "okmock %s listening on %s (seed %d)\n", version(), addr, opts.Seed)
	if !opts.NoDemoApp {
		demo := mock.DemoApp()
		fmt.Fprintf(w, "demo application: application_id=%d application_key=%s application_secret_key=%s\n",
			demo.ID, demo.Key, demo.Secret)
	}
	fmt.Fprintf(w, "control API: http://%s%s/health\n", displayAddr(addr), mock.ControlPrefix)
}

func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
