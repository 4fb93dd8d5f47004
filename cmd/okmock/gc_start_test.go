package main

import (
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"
)

func TestStarterLooks(t *testing.T) {
	const mib = 1 << 20
	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	// live 10 MiB, goal 34 MiB: a start once 12 MiB have been allocated
	// since the last collection ended.
	at := func(cycles, allocs uint64) heapReading {
		return heapReading{cycles: cycles, allocs: allocs, live: 10 * mib, goal: 34 * mib}
	}
	var st starterState
	steps := []struct {
		name      string
		after     time.Duration
		reading   heapReading
		wantStart bool
		wantWait  time.Duration
	}{
		{"the first look only counts from here", 0, at(5, 100*mib), false, maxStartLook},
		{"half of what is left, at the rate seen", 10 * time.Millisecond, at(5, 101*mib), false, 55 * time.Millisecond},
		{"a faster rate, a shorter wait", 30 * time.Millisecond, at(5, 106*mib), false, 12 * time.Millisecond},
		{"no allocation seen: half the rate, twice the wait", 32 * time.Millisecond, at(5, 106*mib), false, 24 * time.Millisecond},
		{"a slow rate waits the longest", 40 * time.Millisecond, at(5, 106*mib+1), false, maxStartLook},
		{"a fast rate looks again soon", 41 * time.Millisecond, at(5, 111*mib), false, minStartLook},
		{"grown by half the distance to the goal: start", 42 * time.Millisecond, at(5, 112*mib), true, minStartLook},
		{"no second start before the collection ends", 43 * time.Millisecond, at(5, 125*mib), false, minStartLook},
		{"it ended: growth counts again from here", 50 * time.Millisecond, at(6, 126*mib), false, 42 * time.Millisecond},
		{"not yet half way", 60 * time.Millisecond, at(6, 137*mib), false, minStartLook},
		{"half way", 61 * time.Millisecond, at(6, 138*mib), true, minStartLook},
		{"the runtime's own collection ended it as well", 70 * time.Millisecond, at(7, 140*mib), false, 27 * time.Millisecond},
		{"no goal beyond the live heap: leave it to the runtime", 80 * time.Millisecond, heapReading{cycles: 7, allocs: 200 * mib, live: 10 * mib, goal: 10 * mib}, false, maxStartLook},
		{"a runtime without the figures never starts one", 90 * time.Millisecond, heapReading{}, false, maxStartLook},
	}
	for _, s := range steps {
		start, wait := st.look(t0.Add(s.after), s.reading)
		if start != s.wantStart || wait != s.wantWait {
			t.Errorf("%s: look = %v, %v; want %v, %v", s.name, start, wait, s.wantStart, s.wantWait)
		}
	}
}

func TestTheStarterStartsAtItsMostWhenThatComesFirst(t *testing.T) {
	const mib = 1 << 20
	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	st := starterState{most: 10 * mib}
	// Half way to the goal would be 12 MiB of growth.
	r := heapReading{cycles: 1, allocs: 0, live: 10 * mib, goal: 34 * mib}
	if start, _ := st.look(t0, r); start {
		t.Fatal("started on the first look")
	}
	r.allocs = 10*mib - 1
	if start, _ := st.look(t0.Add(time.Millisecond), r); start {
		t.Fatal("started before the heap grew by its most")
	}
	r.allocs = 10 * mib
	if start, _ := st.look(t0.Add(2*time.Millisecond), r); !start {
		t.Fatal("did not start once the heap grew by its most, short of half way")
	}
}

// fakeHeap is a heap the test allocates on by hand.
type fakeHeap struct {
	mu sync.Mutex
	r  heapReading
}

func (h *fakeHeap) read() heapReading {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.r
}

func (h *fakeHeap) change(f func(*heapReading)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f(&h.r)
}

func TestTheStarterStartsOneCollectionEachTimeTheHeapHasGrown(t *testing.T) {
	h := &fakeHeap{r: heapReading{cycles: 1, allocs: 0, live: 4 << 20, goal: 12 << 20}}
	s := startGCStarter(h.read, func() {}, 0)
	defer s.stop()
	time.Sleep(20 * time.Millisecond)
	if got := s.starts.Load(); got != 0 {
		t.Fatalf("the starter started %d collections before the heap grew", got)
	}

	h.change(func(r *heapReading) { r.allocs += 4 << 20 })
	if !waitFor(func() bool { return s.starts.Load() == 1 }) {
		t.Fatalf("once the heap grew half way to its goal the starter started %d collections, want 1", s.starts.Load())
	}
	h.change(func(r *heapReading) { r.allocs += 8 << 20 })
	time.Sleep(200 * time.Millisecond)
	if got := s.starts.Load(); got != 1 {
		t.Fatalf("before the collection it started ended, the starter started %d in all", got)
	}

	h.change(func(r *heapReading) { r.cycles++ })
	time.Sleep(20 * time.Millisecond)
	h.change(func(r *heapReading) { r.allocs += 4 << 20 })
	if !waitFor(func() bool { return s.starts.Load() == 2 }) {
		t.Fatalf("after a collection ended and the heap grew again the starter started %d in all, want 2", s.starts.Load())
	}
}

// completedCollections reads the number of collections completed.
func completedCollections() uint64 { return readUint64Metric(cyclesMetric) }

func TestStartCollectionStartsOneInTheBackgroundAndKeepsThePercent(t *testing.T) {
	const percent = 1 << 20 // far beyond anything this test allocates
	defer debug.SetGCPercent(debug.SetGCPercent(percent))
	runtime.GC()
	for range 2048 {
		garbageSink = make([]byte, 1024)
	}
	before := completedCollections()
	time.Sleep(20 * time.Millisecond)
	if got := completedCollections(); got != before {
		t.Fatalf("the runtime collected by itself during the test (%d -> %d collections): the test proves nothing", before, got)
	}

	g := &gcTuning{}
	g.startCollection()
	if got := gcPercent(t); got != percent {
		t.Errorf("after starting a collection the GC percent is %d, want %d back", got, percent)
	}
	if !waitFor(func() bool { return completedCollections() > before }) {
		t.Fatalf("no collection completed after startCollection (%d collections)", completedCollections())
	}
}

// garbageSink makes the tests' garbage escape to the heap.
var garbageSink []byte

func TestWhileServingTheStarterStartsTheCollectionsByHalfWayToTheGoal(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	g := tuneGC(func(string) string { return "" })
	defer g.stop()
	g.serve(4 << 20)

	// Allocate at about 128 MiB/s, noting the allocation each time a
	// collection is seen to have completed. The starter looks at least
	// every millisecond once it knows the rate, so it is never far behind.
	var ends, before []heapReading
	last := readHeap()
	prev := last
	for deadline := time.Now().Add(10 * time.Second); len(ends) < 5 && time.Now().Before(deadline); {
		for range 128 {
			garbageSink = make([]byte, 1024)
		}
		time.Sleep(time.Millisecond)
		r := readHeap()
		if r.cycles != last.cycles {
			ends, before, last = append(ends, r), append(before, prev), r
		}
		prev = r
	}
	if len(ends) < 5 {
		t.Fatalf("in ten seconds of allocation %d collections completed", len(ends))
	}
	// Between two collections the heap grew by about half the distance
	// from the live heap to the goal: the runtime's pacer never starts
	// one before 70% of it. (The goal read may be from either side of
	// the percent being set; the first collection may be under the
	// start-up percent.)
	for i := 2; i < len(ends); i++ {
		grown := ends[i].allocs - ends[i-1].allocs
		distance := max(ends[i-1].goal-ends[i-1].live, before[i].goal-before[i].live)
		if grown > distance*6/10 {
			t.Errorf("collection %d came after %d bytes, %d%% of the way to the goal", i, grown, grown*100/distance)
		}
	}
	if got := g.starter.starts.Load(); got < 4 {
		t.Errorf("the starter started %d collections, want most of the %d", got, len(ends))
	}
}
