package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/okmock/okmock/mock"
)

// stateSettings are the flags of --state-file: a long-running okmock keeps
// its applications, sessions and created objects across restarts.
type stateSettings struct {
	path     string
	interval time.Duration
	envErr   error // a malformed OKMOCK_STATE_INTERVAL, reported after parsing
}

// defaultStateInterval is how often the state is saved while serving.
const defaultStateInterval = 30 * time.Second

func (s *stateSettings) register(fs *flag.FlagSet, getenv func(string) string) {
	interval := defaultStateInterval
	if v := getenv("OKMOCK_STATE_INTERVAL"); v != "" {
		if interval, s.envErr = time.ParseDuration(v); s.envErr != nil {
			s.envErr = fmt.Errorf("OKMOCK_STATE_INTERVAL %q is not a duration", v)
		}
	}
	fs.StringVar(&s.path, "state-file", getenv("OKMOCK_STATE_FILE"), "file the state (apps, sessions, created objects) is restored from at start and saved to periodically and on shutdown (OKMOCK_STATE_FILE)")
	fs.DurationVar(&s.interval, "state-interval", interval, "how often --state-file is saved while serving (OKMOCK_STATE_INTERVAL)")
}

func (s *stateSettings) check() error {
	if s.envErr != nil {
		return s.envErr
	}
	if s.interval <= 0 {
		return fmt.Errorf("state-interval must be positive")
	}
	return nil
}

// restore loads the state file, if there is one yet.
func (s *stateSettings) restore(srv *mock.Server, stdout io.Writer) error {
	if s.path == "" {
		return nil
	}
	found, err := srv.LoadState(s.path)
	if err != nil {
		return err
	}
	if found {
		fmt.Fprintf(stdout, "state restored from %s\n", s.path)
	} else {
		fmt.Fprintf(stdout, "state will be saved to %s\n", s.path)
	}
	return nil
}

// keep saves the state every interval while serving. The function it
// returns stops that and saves once more: call it after the servers have
// drained, so that every acknowledged write is in the file.
func (s *stateSettings) keep(srv *mock.Server, logger *slog.Logger) func() error {
	if s.path == "" {
		return func() error { return nil }
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.SaveStateEvery(ctx, s.path, s.interval, func(err error) {
			logger.Error("saving state", "file", s.path, "err", err.Error())
		})
	}()
	return func() error {
		cancel()
		<-done
		return srv.SaveState(s.path)
	}
}
