package conformance

import (
	"bytes"
	"context"
	"encoding/xml"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/okmock/okmock/conformance/refdriver"
)

// testDriver is the --client command running this test binary as the
// driver broken per mode.
func testDriver(mode string) string {
	return "env " + testDriverEnv + "=" + mode + " '" + os.Args[0] + "'"
}

// childRun runs the suite in a child process and fails the test when it
// could not run at all.
func childRun(t *testing.T, args ...string) *ChildResult {
	t.Helper()
	res, err := RunInChild(context.Background(), args...)
	if err != nil {
		t.Fatalf("run the suite: %v\n%s", err, res.Output)
	}
	if res.Summary == nil {
		t.Fatalf("no summary (exit %d):\n%s", res.ExitCode, res.Output)
	}
	return res
}

// TestBrokenDriversFailTheSpecsThatCatchThem runs the suite, narrowed to
// the relevant area, against the reference driver broken in one way, and
// checks exactly the expected specs fail.
func TestBrokenDriversFailTheSpecsThatCatchThem(t *testing.T) {
	tests := []struct {
		mode, focus string
		want        []string
	}{
		{"ignore-state", "required/oauth/", []string{
			"required/oauth/code/wrong-state-refused",
			"required/oauth/code/missing-state-refused",
			"required/oauth/implicit/wrong-state-refused",
		}},
		{"leak-secret", "required/secrets/|required/signature/server/", []string{
			"required/secrets/server/application-secret-never-sent",
			"required/secrets/application/application-secret-never-sent",
		}},
		{"no-backoff", "recommended/(no-)?retry/", []string{
			"recommended/retry/service-2/recovers", "recommended/retry/service-2/gives-up",
			"recommended/retry/flood-8/recovers", "recommended/retry/flood-8/gives-up",
			"recommended/retry/http-5xx/recovers", "recommended/retry/http-5xx/gives-up",
		}},
		{"crash-on-transport-error", "hostile/", []string{
			"hostile/truncated-json", "hostile/connection-reset", "hostile/empty-reply",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			res := childRun(t, "--client", testDriver(tt.mode), "--focus", tt.focus)
			got := slices.Clone(res.Summary.Failed)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("failed specs = %v\nwant %v\n%s", got, want, res.Output)
			}
			if res.ExitCode != ExitFail {
				t.Errorf("exit %d, want %d", res.ExitCode, ExitFail)
			}
			if res.Summary.Totals[StatePassed] == 0 {
				t.Errorf("nothing passed: the focus %q selected only the failing specs", tt.focus)
			}
		})
	}
}

func TestKnownFailingListStaysHonest(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "known-failing.txt")
	junit := filepath.Join(dir, "junit.xml")
	content := "# the leak is being fixed\n" +
		"required/secrets/server/application-secret-never-sent  # fails: known\n" +
		"required/secrets/client/session-secret-never-sent      # passes: must come off\n" +
		"required/no/such/spec\n\n"
	if err := os.WriteFile(list, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	res := childRun(t, "--client", testDriver("leak-secret"), "--focus", "required/secrets/",
		"--known-failing", list, "--junit-report", junit)
	s := res.Summary
	state := map[string]string{}
	for _, r := range s.Specs {
		state[r.Name] = r.State
	}
	want := map[string]string{
		"required/secrets/server/application-secret-never-sent":      StateKnownFailing,
		"required/secrets/client/session-secret-never-sent":          StateUnexpectedPass,
		"required/secrets/application/application-secret-never-sent": StateFailed,
		"required/signature/server/ascii":                            StateSkipped,
	}
	for name, st := range want {
		if state[name] != st {
			t.Errorf("%s: %s, want %s", name, state[name], st)
		}
	}
	if res.ExitCode != ExitFail || s.Passed {
		t.Errorf("exit %d passed %v: a failure and an unexpected pass must fail the run", res.ExitCode, s.Passed)
	}
	if !slices.Equal(s.UnknownKnownFailing, []string{"required/no/such/spec"}) {
		t.Errorf("unknown names = %v", s.UnknownKnownFailing)
	}
	if !bytes.Contains(res.Output, []byte("not a spec")) || !bytes.Contains(res.Output, []byte("verdict: FAIL")) {
		t.Errorf("the readable summary misses the warning or the verdict:\n%s", res.Output)
	}
	var report struct {
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
	}
	raw, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(raw, &report); err != nil {
		t.Fatal(err)
	}
	if report.Failures != 2 {
		t.Errorf("JUnit counts %d failures, want 2 (the leak and the unexpected pass)", report.Failures)
	}
}

func TestKnownFailuresAloneLetTheRunPass(t *testing.T) {
	list := filepath.Join(t.TempDir(), "known.txt")
	names := "required/secrets/server/application-secret-never-sent\nrequired/secrets/application/application-secret-never-sent\n"
	if err := os.WriteFile(list, []byte(names), 0o600); err != nil {
		t.Fatal(err)
	}
	res := childRun(t, "--client", testDriver("leak-secret"), "--focus", "required/secrets/", "--known-failing", list)
	if res.ExitCode != ExitPass || !res.Summary.Passed || res.Summary.Totals[StateKnownFailing] != 2 {
		t.Errorf("exit %d totals %v, want a pass with 2 known failures\n%s", res.ExitCode, res.Summary.Totals, res.Output)
	}
}

func TestADriverOverTCP(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _ = refdriver.Serve(context.Background(), c, c) }()
		}
	}()
	res := childRun(t, "--client-addr", ln.Addr().String(), "--label-filter", "required && !code_flow && !implicit_flow && !refresh")
	if res.ExitCode != ExitPass {
		t.Fatalf("exit %d\n%s", res.ExitCode, res.Output)
	}
	s := res.Summary
	for _, r := range s.Specs {
		want := StatePassed
		if r.Tier != Required || strings.HasPrefix(r.Name, "required/oauth/") {
			want = StateSkipped
		}
		if r.State != want {
			t.Errorf("%s: %s, want %s", r.Name, r.State, want)
		}
	}
}

func TestUsageErrorsAndTheCatalogue(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{nil, ExitUsage, "exactly one of --client and --client-addr"},
		{[]string{"--client", "x", "--client-addr", "h:1"}, ExitUsage, "exactly one"},
		{[]string{"--client", "'unterminated"}, ExitUsage, "unterminated quote"},
		{[]string{"--client", "x", "extra"}, ExitUsage, "unexpected argument"},
		{[]string{"--no-such-flag"}, ExitUsage, "flag provided but not defined"},
		{[]string{"-h"}, ExitPass, "--client-addr"},
		{[]string{"--list"}, ExitPass, "required/signature/server/cyrillic"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			code := Main(context.Background(), tt.args, &out, &out)
			if code != tt.code || !strings.Contains(out.String(), tt.out) {
				t.Errorf("exit %d, output:\n%s\nwant exit %d and %q", code, out.String(), tt.code, tt.out)
			}
		})
	}
}
