package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary serve the baseline, as the tool's own
// binary does when it spawns itself.
func TestMain(m *testing.M) {
	if os.Getenv(roleEnv) == roleBare {
		os.Exit(serveBare(os.Getenv(addrEnv), os.Stderr))
	}
	code := m.Run()
	if okmockBuild.dir != "" {
		_ = os.RemoveAll(okmockBuild.dir)
	}
	os.Exit(code)
}

var okmockBuild struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// buildOkmock compiles the okmock binary the tool measures, once per run;
// OKMOCK_LOAD_TEST_OKMOCK names a prebuilt one instead.
func buildOkmock(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("OKMOCK_LOAD_TEST_OKMOCK"); bin != "" {
		return bin
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go toolchain to build okmock with")
	}
	b := &okmockBuild
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "okmock-load-test"); b.err != nil {
			return
		}
		b.bin = filepath.Join(b.dir, "okmock")
		out, err := exec.Command(gobin, "build", "-o", b.bin, "github.com/okmock/okmock/cmd/okmock").CombinedOutput()
		if err != nil {
			b.err = fmt.Errorf("build okmock: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.bin
}

// tiny is a run of a few hundred requests per phase: enough to go through
// every code path, short enough for CI.
func tiny(okmock string, extra ...string) []string {
	return append([]string{
		"-okmock", okmock, "-duration", "150ms", "-warmup", "20ms", "-max-requests", "300",
		"-conns", "4", "-rate", "1000", "-cold-starts", "1", "-rss-reads", "300", "-repeat", "2",
		"-server-cpu", "-1", "-load-cpu", "-1", "-timeout", "2m",
	}, extra...)
}

func TestToolComparesOkmockWithTheBaseline(t *testing.T) {
	okmock := buildOkmock(t)
	var out, log bytes.Buffer
	latDir := filepath.Join(t.TempDir(), "latencies")
	if code := run(context.Background(), tiny(okmock, "-latency-dir", latDir), &out, &log); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, log.String(), out.String())
	}
	report := out.String()
	// One file per workload, measured open-loop turn and server.
	if files, _ := filepath.Glob(filepath.Join(latDir, "*-open-turn1-*.tsv")); len(files) != 2*len(workloads) {
		t.Errorf("-latency-dir holds %d first-turn files, want %d: %v", len(files), 2*len(workloads), files)
	}
	for _, w := range workloads {
		if !strings.Contains(report, "| "+w.label+" | closed, 4 conns |") {
			t.Errorf("no closed-loop row for %s:\n%s", w.name, report)
		}
	}
	for _, want := range []string{"| open, 1000 req/s |", "| Cold start to the first signed answer", "| Peak RSS (VmHWM) after 300 read requests", "| Target (issue 8) |"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	for _, line := range strings.Split(report, "\n") {
		if strings.Contains(line, "req/s (") && !strings.HasSuffix(line, "| 0 / 0 |") {
			t.Errorf("a phase had errors: %s\n%s", line, log.String())
		}
	}
}

// TestAgainstComparesTwoOkmockBuilds: with -against the baseline is an
// okmock too, set up with the same sessions and posts, so every request
// succeeds on both and the report says what its baseline was.
func TestAgainstComparesTwoOkmockBuilds(t *testing.T) {
	okmock := buildOkmock(t)
	var out, log bytes.Buffer
	args := tiny(okmock, "-against", okmock, "-workloads", "getCurrentUser,post+read", "-cold-starts", "1")
	if code := run(context.Background(), args, &out, &log); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, log.String(), out.String())
	}
	report := out.String()
	if !strings.Contains(report, "**Baseline: the okmock binary `"+okmock+"` (-against)") {
		t.Errorf("the report does not name its baseline:\n%s", report)
	}
	if strings.Contains(report, "| Target (issue 8) |") {
		t.Errorf("targets checked against another okmock:\n%s", report)
	}
	for _, line := range strings.Split(report, "\n") {
		if strings.Contains(line, "req/s (") && !strings.HasSuffix(line, "| 0 / 0 |") {
			t.Errorf("a phase had errors (the baseline lacks the sessions or topics?): %s\n%s", line, log.String())
		}
	}
}

func TestSoakPassesOnAHealthyServer(t *testing.T) {
	okmock := buildOkmock(t)
	var out, log bytes.Buffer
	args := tiny(okmock, "-soak", "400ms", "-soak-window", "200ms", "-rate", "300")
	start := time.Now()
	if code := run(context.Background(), args, &out, &log); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, log.String(), out.String())
	}
	if !strings.Contains(out.String(), "Soak passed") || strings.Count(out.String(), "\n| ") != 3 {
		t.Errorf("unexpected soak report:\n%s", out.String())
	}
	if took := time.Since(start); took > time.Minute {
		t.Errorf("a 400 ms soak took %s", took)
	}
}

// anyFile stands in for the okmock binary where only flags are checked.
var anyFile = os.Args[0]

func TestRefusesTargetsOtherThanLoopback(t *testing.T) {
	okmock := anyFile
	for _, host := range []string{"10.1.2.3", "192.168.0.10", "8.8.8.8", "::ffff:10.0.0.1", "0.0.0.0"} {
		_, err := parseConfig([]string{"-okmock", okmock, "-host", host}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("host %s: err = %v, want a refusal", host, err)
		}
	}
	for _, host := range []string{"127.0.0.1", "127.0.0.2", "::1", "localhost"} {
		if _, err := parseConfig([]string{"-okmock", okmock, "-host", host}, &bytes.Buffer{}); err != nil {
			t.Errorf("host %s refused: %v", host, err)
		}
	}
}

func TestRejectsUnboundedOrIncompleteRuns(t *testing.T) {
	okmock := anyFile
	for _, args := range [][]string{
		{},
		{"-okmock", filepath.Join(t.TempDir(), "missing")},
		{"-okmock", okmock, "-duration", "0"},
		{"-okmock", okmock, "-timeout", "-1s"},
		{"-okmock", okmock, "-max-requests", "0"},
		{"-okmock", okmock, "-workloads", "nope"},
		{"-okmock", okmock, "-against", filepath.Join(t.TempDir(), "missing")},
	} {
		if _, err := parseConfig(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}
