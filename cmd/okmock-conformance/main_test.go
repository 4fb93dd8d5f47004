package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/okmock/okmock/conformance"
	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/conformance/refdriver"
)

// roleEnv makes this test binary play a part other than the tests: "kit"
// runs main, so the tests check the real binary's signal handling without
// building it; "stall" is a driver that never answers a call.
const roleEnv = "OKMOCK_CONFORMANCE_MAIN_TEST_ROLE"

// readyEnv names the file the stalling driver creates once it holds a
// call: the kit is then in the middle of a spec.
const readyEnv = "OKMOCK_CONFORMANCE_MAIN_TEST_READY"

func TestMain(m *testing.M) {
	switch os.Getenv(roleEnv) {
	case "kit":
		main() // exits
	case "stall":
		stallDriver(os.Getenv(readyEnv))
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// stallDriver answers hello as the reference driver does, then holds the
// first other instruction without answering until its stdin closes.
func stallDriver(ready string) {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<10), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var ins protocol.Instruction
		_ = json.Unmarshal(in.Bytes(), &ins)
		if ins.Type != protocol.TypeHello {
			_ = os.WriteFile(ready, nil, 0o600)
			for in.Scan() { // until the kit closes stdin or is gone
			}
			return
		}
		resp := refdriver.Do(context.Background(), &ins)
		resp.ID = ins.ID
		_ = out.Encode(resp)
	}
}

// kit is the okmock-conformance command: this test binary running main.
func kit(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the test sends SIGINT")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), roleEnv+"=kit")
	return cmd
}

// TestInterruptStopsPromptlyAndReports: SIGINT in the middle of a spec
// whose driver never answers stops the kit within seconds (okmock
// conformance kills it 5s after an interrupt), with the interrupted exit
// status, a note, and the reports asked for holding the specs run so far.
func TestInterruptStopsPromptlyAndReports(t *testing.T) {
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready")
	summaryPath, junitPath := filepath.Join(dir, "summary.json"), filepath.Join(dir, "junit.xml")
	driver := "env " + roleEnv + "=stall " + readyEnv + "='" + ready + "' '" + os.Args[0] + "'"
	cmd := kit(t, "--client", driver, "--label-filter", "required", "--deadline", "5m",
		"--json-report", summaryPath, "--junit-report", junitPath, "--no-color")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()
	// Wait for the driver to hold a call rather than for some time: a
	// loaded machine may take long to start two processes.
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the kit ended before the driver got a call: %v\n%s\n%s", err, stdout.Bytes(), stderr.Bytes())
		default:
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the driver got no call within a minute")
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	interrupted := time.Now()
	// okmock conformance waits 5s; the kit must stop well before.
	const within = 4 * time.Second
	var err error
	select {
	case err = <-exited:
	case <-time.After(20 * time.Second):
		t.Fatalf("the kit did not stop within 20s of SIGINT\n%s\n%s", stdout.Bytes(), stderr.Bytes())
	}
	took := time.Since(interrupted)
	t.Logf("stopped %v after SIGINT", took)
	if took > within {
		t.Errorf("the kit took %v to stop after SIGINT, want under %v", took, within)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != conformance.ExitInterrupted {
		t.Errorf("exit %v, want status %d\n%s\n%s", err, conformance.ExitInterrupted, stdout.Bytes(), stderr.Bytes())
	}
	if !bytes.Contains(stderr.Bytes(), []byte("interrupted")) {
		t.Errorf("no note of the interrupt on stderr: %q", stderr.Bytes())
	}
	s, err := conformance.ReadSummaryFile(summaryPath)
	if err != nil {
		t.Fatalf("summary: %v\n%s", err, stdout.Bytes())
	}
	if !s.Interrupted || s.Passed || s.Totals[conformance.StateInterrupted] != 1 || s.Totals[conformance.StateSkipped] == 0 {
		t.Errorf("summary: interrupted %v passed %v totals %v; want one spec interrupted, the rest skipped",
			s.Interrupted, s.Passed, s.Totals)
	}
	raw, err := os.ReadFile(junitPath)
	if err != nil {
		t.Fatal(err)
	}
	var junit struct {
		Tests int `xml:"tests,attr"`
	}
	if err := xml.Unmarshal(raw, &junit); err != nil || junit.Tests == 0 {
		t.Errorf("JUnit report: %v, %d tests:\n%.500s", err, junit.Tests, raw)
	}
}

// TestListIntoAClosedPipe: `okmock-conformance --list | head -1` prints
// nothing on stderr when head stops reading.
func TestListIntoAClosedPipe(t *testing.T) {
	cmd := kit(t, "--list")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := bufio.NewReader(r).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	r.Close()
	err = cmd.Wait()
	if stderr.Len() > 0 {
		t.Errorf("stderr: %q", stderr.String())
	}
	// Dying of SIGPIPE, as a shell command does, or exiting 0 are both fine.
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGPIPE) {
		t.Errorf("exit: %v", err)
	}
}
