package python_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/conformance"
)

func TestMain(m *testing.M) {
	// The drivers import okclient.py: keep Python from writing
	// __pycache__ into the source tree (children inherit this).
	_ = os.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	conformance.RunChildIfAsked() // a child runs one suite and exits here
	os.Exit(m.Run())
}

// childRun is one run of the suite, as okmock conformance would make it,
// in a child process: Ginkgo runs one suite per process, so every driver
// gets a process of its own.
type childRun struct {
	// Argv is the driver command, started per exchange over stdio.
	Argv []string
	// Addr, instead, is where a driver listens for the suite over TCP.
	Addr string
	// Focus are --focus expressions.
	Focus []string
}

// String names the driver for logs.
func (c childRun) String() string {
	if c.Addr != "" {
		return "the driver at " + c.Addr
	}
	return strings.Join(c.Argv, " ")
}

// args are the okmock conformance arguments of c.
func (c childRun) args() []string {
	args := []string{"--client", strings.Join(c.Argv, " "), "--no-color"}
	if c.Addr != "" {
		args = []string{"--client-addr", c.Addr, "--client-wait", "10s", "--no-color"}
	}
	for _, f := range c.Focus {
		args = append(args, "--focus", f)
	}
	return args
}

// runSuite runs the suite against c's driver in a child process and
// answers its summary; the child's output is logged when the test fails.
func runSuite(t *testing.T, c childRun) *conformance.Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	started := time.Now()
	res, err := conformance.RunInChild(ctx, c.args()...)
	t.Logf("%s: the suite ran in %v", c, time.Since(started).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("the suite's child process failed: %v", err)
	}
	if res.Summary == nil {
		t.Fatalf("the suite wrote no summary (exit %d):\n%s", res.ExitCode, res.Output)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the suite's output:\n%s", res.Output)
		}
	})
	return res.Summary
}

// python3 is the interpreter's path. Without one the test skips, unless
// OKMOCK_REQUIRE_ALL=1 asks for every test to run.
func python3(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("OKMOCK_REQUIRE_ALL") == "1" {
			t.Fatalf("python3 is not installed, and OKMOCK_REQUIRE_ALL=1: %v", err)
		}
		t.Skipf("python3 is not installed (%v): the Python drivers cannot run; install python3 to check them", err)
	}
	return p
}

// script is the absolute path of a file of this directory.
func script(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
