package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestParseRunDelayReadsTheWaitFigure(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2299591 1500 1\n", 1500, true},
		{"0 0 0", 0, true},
		{"2299591\n", 0, false},
		{"1 x 2", 0, false},
	} {
		got, err := parseRunDelay([]byte(tc.in))
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseRunDelay(%q) = %v, %v; want %v (ok %v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// The notes name the closed-loop turn in which a server waited longest
// for its core, and how long each waited during the peak-RSS reads.
func TestNotesSayHowLongTheServersWaitedForTheirCore(t *testing.T) {
	quiet := phase(1000, time.Millisecond)
	busy := phase(1000, time.Millisecond)
	busy.waited = 150 * time.Millisecond // of its 1 s
	r := row{workload: workload{name: "mix"}}
	r.longestWait = r.longestWait.note(quiet, "turn 1, bare")
	r.longestWait = r.longestWait.note(busy, "turn 2, okmock")
	r.longestWait = r.longestWait.note(quiet, "turn 3, okmock")
	c := &comparison{rows: []row{r}, rssReads: 1000, rssWaits: [2]float64{0, 0.042}}
	want := "Where a server always had work, its threads' waits for a CPU while ready to run (run_delay in /proc/<pid>/task/*/schedstat, added up over the threads; a few per cent with the core to itself, 50-100% with a busy neighbour on it) came to at most 15.0% of a closed-loop turn (mix turn 2, okmock); 0.0% (bare) and 4.2% (okmock) of their reads for peak RSS."
	if got := waitNote(c); got != want {
		t.Errorf("note:\n got %s\nwant %s", got, want)
	}
	c.rows[0].longestWait = waitMark{}
	if got := waitNote(c); !strings.Contains(got, "came to nothing in any closed-loop turn; 0.0% (bare)") {
		t.Errorf("with no wait in any turn, the note says: %s", got)
	}
}

// A process that burns the server's core makes the server wait for it in
// the measured turn.
func TestMeasureCountsTheServersWaitForItsCore(t *testing.T) {
	taskset, err := exec.LookPath("taskset")
	if err != nil {
		msg := "taskset (util-linux) is not installed: it pins the server and a CPU burner to one core"
		if os.Getenv("OKMOCK_REQUIRE_ALL") == "1" {
			t.Fatal(msg + "; OKMOCK_REQUIRE_ALL=1 forbids skipping")
		}
		t.Skip(msg)
	}
	// The "server" wants the core all the time, and so does the burner:
	// each gets about half and waits the rest.
	server := exec.Command(taskset, "-c", "0", "sh", "-c", "while :; do :; done")
	burner := exec.Command(taskset, "-c", "0", "sh", "-c", "while :; do :; done")
	for _, c := range []*exec.Cmd{server, burner} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = c.Process.Kill(); _ = c.Wait() }()
	}
	p := measure(server.Process.Pid, func() *phaseResult {
		time.Sleep(600 * time.Millisecond)
		return &phaseResult{}
	})
	// Other tests may share the core too, which only adds to the wait.
	if w := partOf(p.waited, p.elapsed); w < 0.25 {
		t.Errorf("sharing its core with a burner, the server waited %.0f%% of the turn (%v of %v), want about half or more", 100*w, p.waited, p.elapsed)
	}

	// A server asleep through the turn never waits, however busy the
	// machine: run_delay grows only while a thread is ready to run. It is
	// given time to get to its sleep first (exec and start-up do wait on
	// a busy machine: 10.3 ms once, in CI with the other packages'
	// tests).
	alone := exec.Command("sleep", "10")
	if err := alone.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = alone.Process.Kill(); _ = alone.Wait() }()
	time.Sleep(300 * time.Millisecond)
	p = measure(alone.Process.Pid, func() *phaseResult {
		time.Sleep(300 * time.Millisecond)
		return &phaseResult{}
	})
	if p.waited > 10*time.Millisecond {
		t.Errorf("a sleeping server waited %v for a CPU", p.waited)
	}
}
