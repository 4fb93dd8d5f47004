package main

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"
)

// nudgePeriod is how often the nudger polls while a sweep may run: about
// the longest a request then waits for it.
const nudgePeriod = 50 * time.Microsecond

// Bounds of the time a sweep is assumed to take. sweepPerPage is an
// over-estimate of the background sweeper's time per 8 KiB of heap goal:
// traced, the sweeps took 0.6-1.6 µs per 8 KiB alone, and up to 2.2 µs
// once nudged, interleaved with the requests the polls let in.
const (
	sweepPerPage   = 3 * time.Microsecond
	minSweepWindow = time.Millisecond
	maxSweepWindow = 50 * time.Millisecond
)

// heapGoalMetric is the heap size the last collection set as the next goal:
// what the sweep that follows it has to walk, at most.
const heapGoalMetric = "/gc/heap/goal:bytes"

// sweepWindow is how long after a collection the sweep may still run, for
// a heap goal of goal bytes.
func sweepWindow(goal uint64) time.Duration {
	d := time.Duration(goal/(8<<10)) * sweepPerPage
	return min(max(d, minSweepWindow), maxSweepWindow)
}

// sweepNudger polls the network while a sweep may be holding it off.
//
// On one P the runtime's background sweeper holds off the network poller
// after every collection (golang/go#56060): it yields with Gosched, which
// puts it on the global run queue, and a P looking for work takes that
// queue before it polls the network. With GOMAXPROCS=1 (okmock pinned to
// one core, or a container with one CPU) no connection is read until the
// sweep ends, or until sysmon polls, every 10 ms. Traced under okmock-load's
// open loop (5,000 requests a second, a heap goal of 16-20 MB), each sweep
// held every request that arrived for 1.1-2.9 ms, once every 0.8 s; in
// -latency-dir files of five such phases, 321 of the 330 requests due in
// the first millisecond after a sweep began were slower than the bare
// handler's p99 (with the nudger, 116 of 325).
//
// Starting the world again after a stop polls the network, and
// runtime.ReadMemStats is the cheapest stop the runtime offers (about
// 2.5 µs on one P). While a sweep may still be running the nudger calls it
// every nudgePeriod, so a request waits about that long rather than for the
// whole sweep; the cost is a few per cent of one core for a few
// milliseconds after each collection.
type sweepNudger struct {
	wake chan struct{}
	ctx  context.Context
	// stop ends the nudger; like any CancelFunc it may be called again.
	stop context.CancelFunc
	// poll makes the runtime poll the network; its stop of the world is
	// what is wanted, not the statistics.
	poll func()
	// window is how long to poll after a collection.
	window func() time.Duration
	// polls counts the polls, for tests.
	polls atomic.Int64
}

// newSweepNudger starts a nudger that stops the world to poll, for as long
// as sweepWindow says; stop ends it.
func newSweepNudger() *sweepNudger {
	var stats runtime.MemStats
	return startSweepNudger(
		func() { runtime.ReadMemStats(&stats) },
		func() time.Duration { return sweepWindow(readUint64Metric(heapGoalMetric)) })
}

// startSweepNudger starts a nudger with its way to poll and its window.
func startSweepNudger(poll func(), window func() time.Duration) *sweepNudger {
	ctx, stop := context.WithCancel(context.Background())
	n := &sweepNudger{
		wake:   make(chan struct{}, 1),
		ctx:    ctx,
		stop:   stop,
		poll:   poll,
		window: window,
	}
	go n.run()
	return n
}

// collected tells the nudger that a collection has ended and its sweep
// begun. With more than one P an idle P polls the network itself, so
// there is nothing to do.
func (n *sweepNudger) collected() {
	if runtime.GOMAXPROCS(0) != 1 {
		return
	}
	select {
	case n.wake <- struct{}{}:
	default: // already polling
	}
}

func (n *sweepNudger) run() {
	for {
		select {
		case <-n.ctx.Done():
			return
		case <-n.wake:
		}
		end := time.NewTimer(n.window())
		tick := time.NewTicker(nudgePeriod)
		n.poll() // the sweep has begun: no need to wait a period
		n.polls.Add(1)
	polling:
		for {
			select {
			case <-n.ctx.Done():
				break polling
			case <-end.C:
				break polling
			case <-tick.C:
				n.poll()
				n.polls.Add(1)
			}
		}
		end.Stop()
		tick.Stop()
	}
}
