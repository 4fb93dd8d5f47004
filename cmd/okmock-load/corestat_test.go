package main

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestParseCoreBusyReadsOneCoresUserNiceAndSystemTime(t *testing.T) {
	stat := []byte("cpu  681833 1374 436727 747192 1890 0 158429 0 0 0\n" +
		"cpu0 404913 650 183624 343683 423 0 97079 0 0 0\n" +
		"cpu1 276920 723 253103 403509 1466 0 61350 0 0 0\n" +
		"cpu10 1 1 1 1 1 0 0 0 0 0\n")
	for _, tc := range []struct {
		cpu  int
		want time.Duration
	}{
		{0, (404913 + 650 + 183624) * 10 * time.Millisecond},
		{1, (276920 + 723 + 253103) * 10 * time.Millisecond},
		{10, 3 * 10 * time.Millisecond},
	} {
		got, err := parseCoreBusy(stat, tc.cpu)
		if err != nil || got != tc.want {
			t.Errorf("cpu%d: got %v, %v; want %v", tc.cpu, got, err, tc.want)
		}
	}
	if _, err := parseCoreBusy(stat, 2); err == nil {
		t.Error("a core /proc/stat does not list was read")
	}
	if _, err := parseCoreBusy([]byte("cpu0 1 x 3\n"), 0); err == nil {
		t.Error("a malformed line was read")
	}
}

func TestOthersShareIsTheCoresTimeTheServerDidNotUse(t *testing.T) {
	s := time.Second
	for _, tc := range []struct {
		busy, server, elapsed time.Duration
		want                  float64
	}{
		{2 * s, 2 * s, 2 * s, 0},
		{2 * s, 1500 * time.Millisecond, 2 * s, 0.25},
		{1 * s, 1200 * time.Millisecond, 2 * s, 0}, // ticks land apart
		{1 * s, 0, 0, 0},
	} {
		if got := othersShare(tc.busy, tc.server, tc.elapsed); got != tc.want {
			t.Errorf("othersShare(%v, %v, %v) = %v, want %v", tc.busy, tc.server, tc.elapsed, got, tc.want)
		}
	}
}

// The notes name the turn in which other tasks took the most of the
// server's core, and the share during the peak-RSS reads.
func TestNotesSayHowMuchOfTheServersCoreOthersTook(t *testing.T) {
	quiet := phase(1000, time.Millisecond)
	busy := phase(1000, time.Millisecond)
	busy.othersCPU = 150 * time.Millisecond // of its 1 s
	r := row{workload: workload{name: "mix"}}
	r.busiest = r.busiest.note(quiet, "closed turn 1, bare")
	r.busiest = r.busiest.note(busy, "open turn 2, okmock")
	r.busiest = r.busiest.note(quiet, "open turn 3, okmock")
	c := &comparison{rows: []row{r}, rssReads: 1000, rssOthers: [2]float64{0, 0.042}, coreWatched: true}
	want := "Other tasks took the server's core (its user and system time in /proc/stat, less the server's own) in a measured turn at most 15.0% (mix open turn 2, okmock); while each server took its reads for peak RSS 0.0% (bare) and 4.2% (okmock)."
	if got := othersNote(c); got != want {
		t.Errorf("note:\n got %s\nwant %s", got, want)
	}
	c.coreWatched = false
	if got := othersNote(c); got != "" {
		t.Errorf("unpinned servers got a note: %s", got)
	}
}

// A process that burns the server's core shows as others' time in the
// measured turn; the server's own time does not.
func TestMeasureCountsOtherTasksOnTheServersCore(t *testing.T) {
	taskset, err := exec.LookPath("taskset")
	if err != nil {
		msg := "taskset (util-linux) is not installed: it pins the CPU burner to a core"
		if os.Getenv("OKMOCK_REQUIRE_ALL") == "1" {
			t.Fatal(msg + "; OKMOCK_REQUIRE_ALL=1 forbids skipping")
		}
		t.Skip(msg)
	}
	server := exec.Command(taskset, "-c", "0", "sleep", "10")
	burner := exec.Command(taskset, "-c", "0", "sh", "-c", "while :; do :; done")
	for _, c := range []*exec.Cmd{server, burner} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = c.Process.Kill(); _ = c.Wait() }()
	}
	p := measure(server.Process.Pid, 0, func() *phaseResult {
		time.Sleep(600 * time.Millisecond)
		return &phaseResult{}
	})
	if share := othersShare(p.othersCPU, 0, p.elapsed); share < 0.5 {
		t.Errorf("a burner on core 0 took %.0f%% of it in the turn, want most of it (others %v of %v)", 100*share, p.othersCPU, p.elapsed)
	}
	if p.serverCPU > 20*time.Millisecond {
		t.Errorf("a sleeping server used %v", p.serverCPU)
	}
}
