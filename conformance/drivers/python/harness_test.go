package python_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2"

	"github.com/okmock/okmock/conformance"
)

// childEnv carries a childRun to a copy of this test binary: Ginkgo runs
// one suite per process, so every driver gets a process of its own.
const childEnv = "OKMOCK_PYTHON_SUITE_CHILD"

// childRun is one run of the suite in a child process.
type childRun struct {
	// Argv is the driver command, started per exchange over stdio.
	Argv []string `json:"argv,omitempty"`
	// Addr, instead, is where a driver listens for the suite over TCP.
	Addr string `json:"addr,omitempty"`
	// Focus and Labels are Ginkgo's --focus and --label-filter.
	Focus  []string `json:"focus,omitempty"`
	Labels string   `json:"labels,omitempty"`
	// Report is where the child writes the summary (--json-report).
	Report string `json:"report"`
}

func TestMain(m *testing.M) {
	if raw := os.Getenv(childEnv); raw != "" {
		flag.Parse()
		os.Exit(runChild(raw))
	}
	os.Exit(m.Run())
}

// failNote is the Ginkgo testing.T of a child: failures are judged from
// the summary, not from the exit status.
type failNote struct{}

func (failNote) Fail() {}

// runChild runs the suite once, against an embedded okmock, and writes its
// summary; 0 when the summary was written, whatever the verdict.
func runChild(raw string) int {
	var c childRun
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	target, err := conformance.StartEmbedded("127.0.0.1:0", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	defer target.Close()
	dial := conformance.CommandDialer(c.Argv, pythonEnv)
	if c.Addr != "" {
		dial = conformance.TCPDialer(c.Addr, 10*time.Second)
	}
	driver := conformance.NewDriver(dial)
	defer driver.Close()
	suite, reporter := ginkgo.GinkgoConfiguration()
	suite.FocusStrings, suite.LabelFilter = c.Focus, c.Labels
	reporter.Succinct = true
	summary, err := conformance.Run(failNote{}, conformance.Options{
		Driver: driver, Target: target, Suite: suite, Reporter: reporter, TargetName: "embedded okmock",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	f, err := os.Create(c.Report)
	if err == nil {
		err = summary.WriteJSON(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 2
	}
	return 0
}

// String names the driver for logs.
func (c childRun) String() string {
	if c.Addr != "" {
		return "the driver at " + c.Addr
	}
	return strings.Join(c.Argv, " ")
}

// pythonEnv keeps Python from writing __pycache__ into the source tree.
var pythonEnv = []string{"PYTHONDONTWRITEBYTECODE=1"}

// runSuite runs the suite against the driver argv in a child process and
// answers its summary; the child's output is logged when the test fails.
func runSuite(t *testing.T, c childRun) *conformance.Summary {
	t.Helper()
	c.Report = filepath.Join(t.TempDir(), "summary.json")
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"="+string(raw))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	started := time.Now()
	err = cmd.Run()
	t.Logf("%s: the suite ran in %v", c, time.Since(started).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("the suite's child process failed: %v\n%s", err, out.String())
	}
	s, err := conformance.ReadSummaryFile(c.Report)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("child output:\n%s", out.String())
		}
	})
	return s
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
