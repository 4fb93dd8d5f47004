package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// heapHeadroom is the least the heap may grow between two collections
// while okmock serves.
//
// At the runtime's default (GOGC=100) a heap may grow by as much as is
// live, and okmock's live heap is a few MB (the catalogue, the world, the
// journal), so at 5,000 requests a second the collector started every
// third of a second, and each mark phase shared the server's one core
// with the requests for 5-13 ms. On a fresh server taking posts and topic
// reads that put the open-loop p99 at 2.5× a bare net/http handler's in
// every one of eight turns; with GOGC=200 (about this headroom) it was
// 1.4×, measured in the same run (okmock-load, alternating turns). Once
// more than this much is live, the runtime's own target (as much again
// as is live) is the larger and applies, so a server that has been
// written to for hours does not pay this on top of its data.
const heapHeadroom = 8 << 20

// Runtime metrics read here: the heap the last collection found live,
// and the GC percent in force.
const (
	liveHeapMetric  = "/gc/heap/live:bytes"
	gcPercentMetric = "/gc/gogc:percent"
)

// readUint64Metric reads one runtime metric, or returns def if this
// runtime does not have it.
func readUint64Metric(name string, def uint64) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return def
	}
	return s[0].Value.Uint64()
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

// keepHeapHeadroom sets the GC percent from the live heap after every
// collection, so that the heap always has heapHeadroom to grow into, and
// returns the function that stops doing so and puts the percent back. A
// GOGC the user set is left alone: it is the way to trade the headroom
// back for memory.
func keepHeapHeadroom(getenv func(string) string, headroom uint64) (stop func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	floor := int(readUint64Metric(gcPercentMetric, 100))
	var stopped atomic.Bool
	current := floor
	var tune func()
	tune = func() {
		if stopped.Load() {
			return
		}
		if live := readUint64Metric(liveHeapMetric, 0); live > 0 {
			if p := gcPercentFor(live, headroom, floor); p != current {
				debug.SetGCPercent(p)
				current = p
			}
		}
		afterNextGC(tune)
	}
	tune()
	return sync.OnceFunc(func() {
		stopped.Store(true)
		debug.SetGCPercent(floor)
	})
}

// gcSentinel is allocated only to be collected. It holds a pointer so
// that it never comes from the tiny allocator, whose objects may never
// be cleaned up.
type gcSentinel struct{ _ *byte }

// afterNextGC runs f once a collection has found a fresh object
// unreachable, on the runtime's cleanup goroutine (which runs one
// cleanup at a time, so f and the f it schedules never overlap).
func afterNextGC(f func()) {
	runtime.AddCleanup(new(gcSentinel), func(struct{}) { f() }, struct{}{})
}
