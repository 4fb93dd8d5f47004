package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
)

// childEnv carries Main's arguments to a child started by RunInChild.
const childEnv = "OKMOCK_CONFORMANCE_CHILD_ARGS"

// RunChildIfAsked runs Main and exits when this process was started by
// RunInChild. Call it first in the TestMain of a package that uses
// RunInChild:
//
//	func TestMain(m *testing.M) {
//		conformance.RunChildIfAsked()
//		os.Exit(m.Run())
//	}
func RunChildIfAsked() {
	raw, ok := os.LookupEnv(childEnv)
	if !ok {
		return
	}
	// The driver the child starts must not take itself for a child.
	_ = os.Unsetenv(childEnv)
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		os.Stderr.WriteString("okmock conformance: bad " + childEnv + ": " + err.Error() + "\n")
		os.Exit(ExitUsage)
	}
	os.Exit(Main(context.Background(), args, os.Stdout, os.Stderr))
}

// ChildResult is what a suite run in a child process gave.
type ChildResult struct {
	// ExitCode is Main's exit status.
	ExitCode int
	// Output is the child's standard output and error (Ginkgo's report
	// and the summary).
	Output []byte
	// Summary is the run's JSON summary; nil when the run ended before
	// writing one (a usage error).
	Summary *Summary
}

// RunInChild runs the suite as `okmock-conformance args...` would, in a
// new process of the current test binary (which must call
// RunChildIfAsked), so that one Go test can check many drivers: Ginkgo
// runs a single suite per process. The JSON summary is collected through
// a temporary file.
func RunInChild(ctx context.Context, args ...string) (*ChildResult, error) {
	dir, err := os.MkdirTemp("", "okmock-conformance-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	summaryPath := filepath.Join(dir, "summary.json")
	raw, err := json.Marshal(append(append([]string{}, args...), "--json-report", summaryPath))
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(raw))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	res := &ChildResult{Output: out.Bytes()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
	case err != nil:
		return res, err
	}
	if s, err := ReadSummaryFile(summaryPath); err == nil {
		res.Summary = s
	}
	return res, nil
}
