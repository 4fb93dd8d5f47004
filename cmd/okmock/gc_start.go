package main

import (
	"context"
	"sync/atomic"
	"time"
)

// Bounds of the time between two looks at the heap. The shortest bounds
// how far past its mark a fast-allocating server gets before a start (at
// 60 MB/s, okmock's closed-loop rate, 60 KB); the longest is the look
// rate of an idle server.
const (
	minStartLook = time.Millisecond
	maxStartLook = 100 * time.Millisecond
)

// Runtime metrics the starter reads, with liveHeapMetric and
// heapGoalMetric.
const (
	allocsMetric = "/gc/heap/allocs:bytes"
	cyclesMetric = "/gc/cycles/total:gc-cycles"
)

// heapReading is what the starter reads at each look.
type heapReading struct {
	cycles uint64 // collections completed so far
	allocs uint64 // bytes allocated so far
	live   uint64 // bytes the last collection found live
	goal   uint64 // the heap size the runtime's pacer aims to stay under
}

// readHeap reads the runtime's figures in one metrics.Read; a figure this
// runtime does not have reads as 0, which never starts a collection.
func readHeap() heapReading {
	v := readUint64Metrics(cyclesMetric, allocsMetric, liveHeapMetric, heapGoalMetric)
	return heapReading{cycles: v[0], allocs: v[1], live: v[2], goal: v[3]}
}

// gcStarter starts each collection itself, half way from the live heap to
// the runtime's goal or once the heap has grown by its most, whichever
// comes first, rather than where the runtime's pacer would.
//
// While okmock serves a steady load the pacer judges the collector fast
// next to the allocation and starts each collection as late as it may,
// 95% of the way to the goal (GODEBUG=gcpacertrace=1 under okmock-load's
// open loop: 0.6 MB of a 12 MiB headroom left; the test here sees the
// same), so every mark runs against the heap's last few hundred requests.
// The starter starts it at half the distance, and gcTuning doubles the
// headroom, so collections come as often as before and the heap peaks
// where it did (the most keeps it there: the runtime's goal also counts
// the stacks and globals, so half the distance is a little more than the
// headroom). In six alternating okmock-load runs of each (post+read,
// open loop, 12-07), counting the requests slower than the bare handler's
// p99 by the millisecond against the end of each mark: 716 in the 8 ms
// before it against 1,028 without the starter (334 against 561 slower
// than twice that p99), and about as many in the sweep after it (320 and
// 347); per run, one of 16 pooled p99 ratios over 2x against 6 of 15.
// The runtime's gctrace shows as much assist and mark time per collection
// either way, so which part of the mark got cheaper for the requests is
// not known.
type gcStarter struct {
	read  func() heapReading
	start func()
	// st is the run goroutine's own.
	st   starterState
	ctx  context.Context
	stop context.CancelFunc
	// starts counts the collections started, for tests.
	starts atomic.Int64
}

// startGCStarter starts a starter that reads the heap with read and
// starts a collection with start once the heap has grown half way to the
// goal, or by most bytes if that is less (0: no limit); stop ends it.
func startGCStarter(read func() heapReading, start func(), most uint64) *gcStarter {
	ctx, stop := context.WithCancel(context.Background())
	s := &gcStarter{read: read, start: start, st: starterState{most: most}, ctx: ctx, stop: stop}
	go s.run()
	return s
}

func (s *gcStarter) run() {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-timer.C:
		}
		start, wait := s.st.look(time.Now(), s.read())
		if start {
			s.start()
			s.starts.Add(1)
		}
		timer.Reset(wait)
	}
}

// starterState is what the starter keeps from one look to the next.
type starterState struct {
	most    uint64    // the most the heap grows before a start; 0 for no limit
	cycles  uint64    // collections completed at the last look
	base    uint64    // allocation when the last collection was seen to end
	started bool      // a collection was started and has not ended yet
	at      time.Time // time of the last look
	allocs  uint64    // allocation at the last look
	rate    float64   // bytes allocated per second, as last seen
}

// look takes in a reading made at now and says whether to start a
// collection, and how long to wait before the next look.
func (st *starterState) look(now time.Time, r heapReading) (start bool, wait time.Duration) {
	prevAt, prevAllocs := st.at, st.allocs
	st.at, st.allocs = now, r.allocs
	if prevAt.IsZero() || r.cycles != st.cycles {
		// A collection ended since the last look (or this is the first):
		// growth counts from here, a little late, which errs towards
		// starting later.
		st.cycles, st.base, st.started = r.cycles, r.allocs, false
	}
	if st.started {
		return false, minStartLook
	}
	if r.goal <= r.live || r.allocs < st.base {
		return false, maxStartLook
	}
	mark := (r.goal - r.live) / 2
	if st.most > 0 {
		mark = min(mark, st.most)
	}
	grown := r.allocs - st.base
	if grown >= mark {
		st.started = true
		return true, minStartLook
	}
	// Look again when, at the rate last seen, half of what is left would
	// have been allocated. The runtime adds up allocation in batches, so
	// two close looks may see none while it goes on: the rate is halved
	// then, not dropped, which also lets an idle server look seldom.
	if elapsed := now.Sub(prevAt); !prevAt.IsZero() && elapsed > 0 && r.allocs >= prevAllocs {
		if allocated := r.allocs - prevAllocs; allocated > 0 {
			st.rate = float64(allocated) / elapsed.Seconds()
		} else {
			st.rate /= 2
		}
	}
	if st.rate <= 0 {
		return false, maxStartLook
	}
	wait = time.Duration(float64(mark-grown) / st.rate / 2 * float64(time.Second)).Round(time.Microsecond)
	return false, min(max(wait, minStartLook), maxStartLook)
}
