package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

// kitCommand is the conformance kit's own binary (cmd/okmock-conformance).
// The kit links Ginkgo and Gomega, which would make the server's binary,
// and so its resident memory, much larger: okmock only runs it.
const kitCommand = "okmock-conformance"

// kitInstall says how to get the kit when okmock cannot find it.
const kitInstall = `okmock conformance: the conformance kit is not installed.
It is a separate binary, okmock-conformance, which keeps the okmock server small;
okmock looks for it next to itself, then in PATH. Install it with

  go install github.com/okmock/okmock/cmd/okmock-conformance@latest

or build its container image with docker build --target conformance
(see conformance/README.md). okmock-conformance takes the same flags.
`

// kitInterruptGrace is how long the kit has to stop (and stop its driver)
// after okmock forwards an interrupt to it, before it is killed.
const kitInterruptGrace = 5 * time.Second

// runConformance is `okmock conformance`: it runs the okmock-conformance
// binary with the same arguments and standard streams, and answers its exit
// status; 2 (the kit's usage or setup error) when there is none.
func runConformance(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) int {
	self, err := os.Executable()
	if err != nil {
		self = ""
	}
	return runKit(ctx, self, exec.LookPath, args, os.Stdin, stdout, stderr)
}

// runKit runs the kit that findKit finds for the okmock executable self.
func runKit(ctx context.Context, self string, lookPath func(string) (string, error), args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	kit, ok := findKit(self, lookPath)
	if !ok {
		fmt.Fprint(stderr, kitInstall)
		return 2
	}
	cmd := exec.CommandContext(ctx, kit, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	// On SIGTERM or Ctrl-C to okmock the kit gets an interrupt, so that it
	// can stop its driver and embedded okmock; it is killed if it lingers.
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil && !errors.Is(err, os.ErrProcessDone) {
			return cmd.Process.Kill() // Windows has no interrupt to send
		}
		return nil
	}
	cmd.WaitDelay = kitInterruptGrace
	err := cmd.Run()
	if cmd.ProcessState != nil && cmd.ProcessState.ExitCode() >= 0 {
		return cmd.ProcessState.ExitCode()
	}
	if brokenPipe(cmd.ProcessState) {
		// `okmock conformance --list | head`: the reader went away, which
		// is no error to print; answer what a shell would.
		return 128 + int(syscall.SIGPIPE)
	}
	fmt.Fprintf(stderr, "okmock conformance: %s: %v\n", kit, err)
	return 2
}

// brokenPipe says the kit died of SIGPIPE: it wrote to a closed pipe.
func brokenPipe(st *os.ProcessState) bool {
	if st == nil {
		return false
	}
	ws, ok := st.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGPIPE
}

// findKit is the path of the kit: the executable named kitName beside self
// (okmock's own executable, symbolic links resolved), else the one
// lookPath finds in PATH.
func findKit(self string, lookPath func(string) (string, error)) (string, bool) {
	name := kitName(runtime.GOOS)
	if self != "" {
		if resolved, err := filepath.EvalSymlinks(self); err == nil {
			self = resolved
		}
		// A path with a separator is checked as it is, not searched for.
		if path, err := lookPath(filepath.Join(filepath.Dir(self), name)); err == nil {
			return path, true
		}
	}
	path, err := lookPath(name)
	return path, err == nil
}

// kitName is the kit's file name on the system goos.
func kitName(goos string) string {
	if goos == "windows" {
		return kitCommand + ".exe"
	}
	return kitCommand
}
