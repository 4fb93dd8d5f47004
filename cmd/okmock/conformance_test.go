package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeKit writes an okmock-conformance shell script into dir that prints
// who it is and its arguments, one a line, then runs tail (shell code).
func fakeKit(t *testing.T, dir, who, tail string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake kit is a shell script")
	}
	path := filepath.Join(dir, kitName(runtime.GOOS))
	script := "#!/bin/sh\necho " + who + "\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n" + tail + "\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConformanceRunsTheKitFromPath: okmock conformance runs the kit found
// in PATH with its arguments unchanged and answers the kit's exit status.
func TestConformanceRunsTheKitFromPath(t *testing.T) {
	dir := t.TempDir()
	fakeKit(t, dir, "path-kit", "exit 3")
	t.Setenv("PATH", dir)
	args := []string{"--client", "python3 my driver.py", "--label-filter", "required && !photo_upload", ""}
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), append([]string{"conformance"}, args...), noEnv, &stdout, &stderr)
	if code != 3 {
		t.Errorf("exit status %d, want the kit's 3 (stderr: %s)", code, stderr.String())
	}
	if want := "path-kit\n" + strings.Join(args, "\n") + "\n"; stdout.String() != want {
		t.Errorf("the kit printed %q, want %q", stdout.String(), want)
	}
}

// TestConformanceWithoutTheKit: no kit anywhere is a setup error (2) with
// a message saying how to install it.
func TestConformanceWithoutTheKit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var stdout, stderr bytes.Buffer
	code := runKit(t.Context(), filepath.Join(t.TempDir(), "okmock"), exec.LookPath, []string{"--list"}, nil, &stdout, &stderr)
	if code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	for _, want := range []string{
		"go install github.com/okmock/okmock/cmd/okmock-conformance@latest",
		"docker build --target conformance",
		"keeps the okmock server small",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the message does not say %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout: %q", stdout.String())
	}
}

// TestConformancePrefersTheKitBesideOkmock: the kit in okmock's own
// folder (reached through a symbolic link to okmock) wins over PATH.
func TestConformancePrefersTheKitBesideOkmock(t *testing.T) {
	inPath, beside, links := t.TempDir(), t.TempDir(), t.TempDir()
	fakeKit(t, inPath, "path-kit", "exit 0")
	want := fakeKit(t, beside, "sibling-kit", "exit 4")
	self := filepath.Join(beside, "okmock")
	if err := os.WriteFile(self, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(links, "okmock")
	if err := os.Symlink(self, link); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", inPath)

	got, ok := findKit(link, exec.LookPath)
	if !ok || got != want {
		t.Errorf("findKit = %q, %v; want %q", got, ok, want)
	}
	var stdout, stderr bytes.Buffer
	code := runKit(t.Context(), link, exec.LookPath, []string{"--list"}, nil, &stdout, &stderr)
	if code != 4 || stdout.String() != "sibling-kit\n--list\n" {
		t.Errorf("exit status %d, output %q (stderr %q); want the sibling kit's 4", code, stdout.String(), stderr.String())
	}
	// Without a kit beside okmock, PATH's is used.
	if got, ok := findKit(filepath.Join(links, "elsewhere"), exec.LookPath); !ok || got != filepath.Join(inPath, kitCommand) {
		t.Errorf("findKit without a sibling = %q, %v; want PATH's", got, ok)
	}
}

// TestConformanceInterruptsTheKit: when okmock is told to stop, the kit
// gets an interrupt (not a kill) and its own exit status is answered.
func TestConformanceInterruptsTheKit(t *testing.T) {
	dir := t.TempDir()
	// The kit says it is ready, then waits; on SIGINT it exits 7.
	fakeKit(t, dir, "kit", "trap 'echo interrupted; exit 7' INT\necho ready\nwhile :; do sleep 0.05; done")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- runKit(ctx, filepath.Join(dir, "okmock"), exec.LookPath, nil, nil, out, out) }()
	for start := time.Now(); !strings.Contains(out.String(), "ready"); time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatalf("the kit did not start: %q", out.String())
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 7 || !strings.Contains(out.String(), "interrupted") {
			t.Errorf("exit status %d, output %q; want the kit's 7 after an interrupt", code, out.String())
		}
	case <-time.After(kitInterruptGrace + 5*time.Second):
		t.Fatal("the kit did not stop")
	}
}

// TestConformanceIntoAClosedPipe: `okmock conformance --list | head -1`
// says nothing when head stops reading and the kit dies of SIGPIPE.
func TestConformanceIntoAClosedPipe(t *testing.T) {
	dir := t.TempDir()
	// The kit writes until its output breaks (and stops there even if
	// SIGPIPE is ignored, when echo fails instead).
	fakeKit(t, dir, "kit", "while echo catalogue line; do :; done")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runKit(t.Context(), filepath.Join(dir, "okmock"), exec.LookPath, []string{"--list"}, nil, w, &stderr)
		w.Close()
	}()
	if _, err := bufio.NewReader(r).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	r.Close()
	select {
	case code := <-done:
		if code != 141 {
			t.Errorf("exit status %d, want 141 (128+SIGPIPE)", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the kit did not stop")
	}
	if got := stderr.String(); got != "" {
		t.Errorf("stderr: %q", got)
	}
}

func noEnv(string) string { return "" }

// syncBuffer is a bytes.Buffer safe to write and read at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
