package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCPercentFor(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name           string
		live, headroom uint64
		floor, want    int
	}{
		{"a small heap gets the headroom", 4 * mib, 8 * mib, 100, 200},
		{"rounded up, never under the headroom", 3 * mib, 8 * mib, 100, 267},
		{"as much live as headroom: the default", 8 * mib, 8 * mib, 100, 100},
		{"a large heap keeps the default", 100 * mib, 8 * mib, 100, 100},
		{"the floor wins when it is larger", 16 * mib, 8 * mib, 150, 150},
		{"nothing live yet", 0, 8 * mib, 100, 800 * mib},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := gcPercentFor(c.live, c.headroom, c.floor)
			if got != c.want {
				t.Errorf("gcPercentFor(%d, %d, %d) = %d, want %d", c.live, c.headroom, c.floor, got, c.want)
			}
			if grows := uint64(got) * c.live / 100; c.live > 0 && grows < c.headroom {
				t.Errorf("a heap of %d may grow by %d only", c.live, grows)
			}
			if got < c.floor {
				t.Errorf("percent %d is under the floor %d", got, c.floor)
			}
		})
	}
}

// gcPercent is the GC percent in force.
func gcPercent(t *testing.T) int {
	t.Helper()
	p := readUint64Metric(gcPercentMetric)
	if p == 0 {
		t.Fatal("this runtime does not report " + gcPercentMetric)
	}
	return int(p)
}

func TestTheCollectorIsRelaxedForStartupThenKeepsHeadroom(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gc := tuneGC(func(string) string { return "" })
	defer gc.stop()
	if got := gcPercent(t); got != startupGCPercent {
		t.Errorf("during start-up the GC percent is %d, want %d", got, startupGCPercent)
	}

	// Far more headroom than this test's live heap, so the percent must
	// rise above the default.
	const headroom = 256 << 20
	gc.serve(headroom)
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		live := readUint64Metric(liveHeapMetric)
		got := gcPercent(t)
		if got > 100 && got != startupGCPercent && uint64(got)*live/100 >= headroom {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after collections the GC percent is %d with %d bytes live, want room for %d more", got, live, headroom)
		}
		time.Sleep(10 * time.Millisecond)
	}

	gc.stop()
	if got := gcPercent(t); got != 100 {
		t.Errorf("after stop the GC percent is %d, want 100 back", got)
	}
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := gcPercent(t); got != 100 {
		t.Errorf("a collection after stop set the GC percent to %d", got)
	}
}

func TestAGOGCTheUserSetIsLeftAlone(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	gc := tuneGC(func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	})
	if got := gcPercent(t); got != 50 {
		t.Errorf("with GOGC set, start-up changed the GC percent to %d", got)
	}
	gc.serve(256 << 20)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := gcPercent(t); got != 50 {
		t.Errorf("with GOGC set, serving changed the GC percent to %d", got)
	}
	gc.stop()
	if got := gcPercent(t); got != 50 {
		t.Errorf("with GOGC set, stop changed the GC percent to %d", got)
	}
}
