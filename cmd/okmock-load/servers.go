package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"
)

// Kinds of server under test.
const (
	kindBare   = "bare net/http"
	kindOkmock = "okmock"
)

// launcher starts servers under test, pinned to the server core.
type launcher struct {
	cfg  *config
	self string // this executable, which serves the baseline
}

// start spawns a server and waits until it answers the probe.
func (l *launcher) start(ctx context.Context, kind string, extraArgs ...string) (*child, time.Duration, error) {
	addr, err := freeAddr(l.cfg.host)
	if err != nil {
		return nil, 0, err
	}
	var argv, env []string
	switch {
	case kind == kindOkmock:
		argv = append([]string{l.cfg.okmock, "-addr", addr}, extraArgs...)
	case l.cfg.against != "":
		// The baseline is another okmock build (-against).
		argv = append([]string{l.cfg.against, "-addr", addr}, extraArgs...)
	default:
		argv = []string{l.self}
		env = []string{roleEnv + "=" + roleBare, addrEnv + "=" + addr}
	}
	c, err := startChild(kind, pinned(l.cfg.serverCPU, argv), env, addr)
	if err != nil {
		return nil, 0, err
	}
	rctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	took, err := c.waitReady(rctx, probe(), probeOK)
	if err != nil {
		c.stop()
		return nil, 0, err
	}
	return c, took, nil
}

// childEnv is this process's environment without okmock's own variables,
// so the server under test runs in its default configuration.
func childEnv(extra []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OKMOCK_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// describePinning says where the processes run, for the report.
func (l *launcher) describePinning() string {
	server := "not pinned"
	if l.cfg.serverCPU >= 0 {
		server = fmt.Sprintf("pinned to CPU %d (taskset)", l.cfg.serverCPU)
	}
	return fmt.Sprintf("servers %s, load generator on CPUs %s", server, allowedCPUs())
}
