package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// startupGCPercent is the collector's target while okmock builds its
// catalogue and world, and until the first collection after that gives
// the live heap the headroom is sized from. At the default 100 the
// start-up's short-lived
// garbage (the decoded OpenAPI tree, the generator's scratch) triggered
// several collections that made up about a quarter of the cold start;
// the whole start-up peaks at about 26 MB resident with the collector
// relaxed or not, under the steady state, so it costs no memory that
// counts.
const startupGCPercent = 400

// heapHeadroom is the least the heap grows between two collections while
// okmock serves: the gcStarter starts each collection there, and the
// runtime's goal is set as far again beyond it, as the mark's runway.
//
// At the runtime's default (GOGC=100) a heap may grow by as much as is
// live, and okmock's live heap is a few MB (the catalogue, the world, the
// journal), so at 5,000 requests a second the collector started every
// third of a second, and each mark phase shared the server's one core
// with the requests for 5-13 ms. On fresh servers taking posts and topic
// reads that put the open-loop p99 at 2.5× a bare net/http handler's in
// every one of eight turns; in the next such run (okmock-load,
// alternating turns) GOGC=200, about this headroom, gave 1.4×, and
// GOGC=400 no better. 8 MiB served until the write workloads stopped
// growing the marked heap (topics packed, 05c05d1); then, in alternating
// runs of getCurrentUser and the mix (okmock-load, 3 turns each, 12-07),
// 12 MiB gave pooled p99 ratios of 0.83-1.62× and 1.06-2.25× against
// 1.23-3.10× and 2.40-3.75× for 8 MiB, and peak RSS after a million reads
// of 34.4 MiB against 31.3. Once more than twice this much is live, the
// runtime's own goal (as much again as is live) is the larger and
// applies, so a server that has been written to for hours does not pay
// this on top of its data; the starter then starts each collection half
// way to that goal, with less memory and twice as many collections as the
// runtime alone would use.
const heapHeadroom = 12 << 20

// Runtime metrics read here: the heap the last collection found live,
// and the GC percent in force.
const (
	liveHeapMetric  = "/gc/heap/live:bytes"
	gcPercentMetric = "/gc/gogc:percent"
)

// readUint64Metric reads one runtime metric; 0 if this runtime does not
// have it.
func readUint64Metric(name string) uint64 { return readUint64Metrics(name)[0] }

// readUint64Metrics reads runtime metrics in one metrics.Read, in the
// order named; one this runtime does not have reads as 0.
func readUint64Metrics(names ...string) []uint64 {
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	return v
}

// gcPercentFor is the GC percent that lets a heap with live bytes live
// grow by at least headroom before the next collection, and never less
// than floor (the percent okmock would otherwise run with).
func gcPercentFor(live, headroom uint64, floor int) int {
	live = max(live, 1)
	p := (headroom*100 + live - 1) / live
	if p > uint64(floor) {
		return int(min(p, 1<<30))
	}
	return floor
}

// gcTuning is how the binary sets the collector: relaxed while it starts,
// then with heap headroom while it serves, and back to the percent it
// found when it stops. A GOGC the user set turns the percents and the
// starter off: it is the way to trade the headroom back for memory. While
// it serves, each collection also wakes the sweep nudger (sweep_nudge.go),
// GOGC or not.
type gcTuning struct {
	off   bool
	floor int // the percent in force before the tuning
	// mu orders the changes of the percent: the collection hook's, the
	// starter's and stop's.
	mu      sync.Mutex
	stopped atomic.Bool
	nudger  *sweepNudger
	starter *gcStarter
	// startAlloc is startCollection's allocation, kept so that it is made
	// on the heap.
	startAlloc *gcSentinel
	stop       func()
}

// tuneGC relaxes the collector for the start-up.
func tuneGC(getenv func(string) string) *gcTuning {
	g := &gcTuning{off: getenv("GOGC") != ""}
	if !g.off {
		g.floor = debug.SetGCPercent(startupGCPercent)
	}
	g.stop = sync.OnceFunc(func() {
		g.stopped.Store(true)
		if g.nudger != nil {
			g.nudger.stop()
		}
		if g.starter != nil {
			g.starter.stop()
		}
		if !g.off {
			g.mu.Lock()
			debug.SetGCPercent(g.floor)
			g.mu.Unlock()
		}
	})
	return g
}

// serve ends the start-up: from now on, or from the first collection if
// none has run yet, the percent is set after every collection so that the
// heap may grow by twice the headroom before the runtime starts a
// collection, and a gcStarter starts each one once it has grown by about
// the headroom, leaving the rest as the mark's runway. serve is called
// once.
func (g *gcTuning) serve(headroom uint64) {
	g.nudger = newSweepNudger()
	current := startupGCPercent
	setPercent := func() {
		if g.off {
			return
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.stopped.Load() {
			return
		}
		if live := readUint64Metric(liveHeapMetric); live > 0 {
			if p := gcPercentFor(live, 2*headroom, g.floor); p != current {
				debug.SetGCPercent(p)
				current = p
			}
		}
	}
	var collected func()
	collected = func() {
		if g.stopped.Load() {
			return
		}
		g.nudger.collected()
		setPercent()
		afterNextGC(collected)
	}
	setPercent()
	afterNextGC(collected)
	if !g.off {
		g.starter = startGCStarter(readHeap, g.startCollection, headroom)
	}
}

// startCollection starts a collection in the background, now, with the
// percent in force as its goal. There is no call for that: runtime.GC
// also sweeps the whole heap before it returns, yielding between spans,
// which on one P holds off the network until the sweep is done (timed
// under okmock-load's open loop: a median 20.7 ms per call, for a mark of
// 3-5 ms). So for a moment the percent is set so low that the trigger is
// behind the heap, and a large allocation, which always tests the
// trigger, starts the collection here; the percent is put back a few
// microseconds later, before the requests allocate much against the low
// goal. With a collection already running the allocation starts nothing.
func (g *gcTuning) startCollection() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped.Load() {
		return
	}
	prev := debug.SetGCPercent(1)
	g.startAlloc = new(gcSentinel)
	debug.SetGCPercent(prev)
}

// gcSentinel is a large object: larger than the largest small object
// (32 KiB), so that it has a span of its own (large objects' spans are
// the first a sweep walks) and its allocation always tests the
// collector's trigger.
type gcSentinel struct{ _ [33 << 10]byte }

// afterNextGC runs f once a collection has found a fresh object
// unreachable, as its sweep begins: the sentinel's span is swept first,
// and the scheduler wakes the finalizer goroutine before it goes back to
// the sweeper. (A cleanup from runtime.AddCleanup ran only when the sweep
// had ended, too late for the nudger.) Finalizers run one at a time, so f
// and the f it schedules never overlap.
func afterNextGC(f func()) {
	runtime.SetFinalizer(new(gcSentinel), func(*gcSentinel) { f() })
}
