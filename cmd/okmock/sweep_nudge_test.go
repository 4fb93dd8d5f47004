package main

import (
	"runtime"
	"testing"
	"time"
)

func TestSweepWindow(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name string
		goal uint64
		want time.Duration
	}{
		{"a tiny heap gets the floor", 1 * mib, minSweepWindow},
		{"okmock's usual goal", 16 * mib, 2048 * sweepPerPage},
		{"a large heap gets the ceiling", 1 << 30, maxSweepWindow},
		{"no goal reported", 0, minSweepWindow},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := sweepWindow(c.goal); got != c.want {
				t.Errorf("sweepWindow(%d) = %v, want %v", c.goal, got, c.want)
			}
		})
	}
}

// onOneP runs the test with GOMAXPROCS=1, the case the nudger is for.
func onOneP(t *testing.T) {
	t.Helper()
	prev := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}

// waitFor polls cond for up to two seconds.
func waitFor(cond func() bool) bool {
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

func TestTheNudgerPollsForTheWindowAfterACollectionThenStops(t *testing.T) {
	onOneP(t)
	const window = 30 * time.Millisecond
	n := startSweepNudger(func() {}, func() time.Duration { return window })
	defer n.stop()

	n.collected()
	if !waitFor(func() bool { return n.polls.Load() >= 3 }) {
		t.Fatalf("after a collection on one P the nudger polled %d times, want it polling every %v", n.polls.Load(), nudgePeriod)
	}
	time.Sleep(window + 20*time.Millisecond)
	settled := n.polls.Load()
	time.Sleep(3 * window)
	if got := n.polls.Load(); got != settled {
		t.Errorf("the nudger went on polling after its window: %d polls, then %d", settled, got)
	}
	if most := int64(window/nudgePeriod) + 1; settled > most {
		t.Errorf("the nudger polled %d times in a %v window, more than one every %v", settled, window, nudgePeriod)
	}
}

func TestTheNudgerLeavesManyPsAlone(t *testing.T) {
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	n := startSweepNudger(func() {}, func() time.Duration { return 30 * time.Millisecond })
	defer n.stop()

	n.collected()
	time.Sleep(20 * time.Millisecond)
	if got := n.polls.Load(); got != 0 {
		t.Errorf("with two Ps an idle P polls the network; the nudger polled %d times", got)
	}
}

func TestAStoppedNudgerStopsPolling(t *testing.T) {
	onOneP(t)
	n := startSweepNudger(func() {}, func() time.Duration { return time.Hour })
	n.collected()
	if !waitFor(func() bool { return n.polls.Load() > 0 }) {
		t.Fatal("the nudger never polled")
	}
	n.stop()
	n.stop() // twice is fine
	time.Sleep(5 * time.Millisecond)
	stopped := n.polls.Load()
	time.Sleep(20 * time.Millisecond)
	if got := n.polls.Load(); got != stopped {
		t.Errorf("a stopped nudger polled %d more times", got-stopped)
	}
}

// TestEachCollectionWakesTheNudger: the binary's nudger is woken by the
// collections themselves, with GOGC set by the user too.
func TestEachCollectionWakesTheNudger(t *testing.T) {
	for _, gogc := range []string{"", "100"} {
		t.Run("GOGC="+gogc, func(t *testing.T) {
			onOneP(t)
			gc := tuneGC(func(k string) string {
				if k == "GOGC" {
					return gogc
				}
				return ""
			})
			defer gc.stop()
			gc.serve(8 << 20)
			for i := 0; i < 3; i++ {
				before := gc.nudger.polls.Load()
				runtime.GC()
				if !waitFor(func() bool { return gc.nudger.polls.Load() > before }) {
					t.Fatalf("collection %d: the nudger did not poll", i+1)
				}
				time.Sleep(2 * maxSweepWindow) // let the window close
			}
		})
	}
}
