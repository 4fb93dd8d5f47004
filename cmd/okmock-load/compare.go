package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// Index of each server in the pairs below.
const (
	bare = iota
	okm
)

// row is one workload measured against both servers: each side of a pair
// pools all the turns of that server, and the per-turn ratios are kept to
// show how much a single turn would have said otherwise.
type row struct {
	workload     workload
	closed, open [2]*phaseResult
	turnShares   []float64 // closed loop, okmock/bare throughput of each turn
	turnP99s     []float64 // open loop, okmock/bare p99 of each turn
	// p99Interval is the bootstrap interval of the pooled open-loop p99
	// ratio over the turns (p99RatioInterval).
	p99Interval [2]float64
	// longestWait is the closed-loop half-turn in which the server waited
	// longest for its core.
	longestWait waitMark
}

// waitMark is the share of a measured phase that its server waited for a
// CPU (phaseResult.waited), and which phase that was.
type waitMark struct {
	share float64
	where string // "turn 3, okmock"
}

// note keeps m or the mark of p, whichever share is larger.
func (m waitMark) note(p *phaseResult, where string) waitMark {
	if s := partOf(p.waited, p.elapsed); s > m.share {
		return waitMark{s, where}
	}
	return m
}

// comparison is everything the report shows.
type comparison struct {
	rows       []row
	coldStarts [2][]time.Duration
	peakRSSKB  [2]int64
	rssReads   int
	// rssWaits is the share of its reads for peak RSS that each server
	// waited for a CPU.
	rssWaits [2]float64
}

// compare measures every workload on both servers, then cold start and
// peak RSS. Progress goes to log.
func compare(ctx context.Context, l *launcher, log io.Writer) (*comparison, error) {
	cfg := l.cfg
	res := &comparison{rssReads: cfg.rssReads}
	for _, name := range cfg.workloads {
		w, _ := workloadByName(name)
		r, err := compareWorkload(ctx, l, w, log)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		res.rows = append(res.rows, r)
	}
	for i := 0; i < cfg.coldStarts; i++ {
		for k, kind := range []string{kindBare, kindOkmock} {
			c, took, err := l.start(ctx, kind)
			if err != nil {
				return nil, fmt.Errorf("cold start: %w", err)
			}
			c.stop()
			res.coldStarts[k] = append(res.coldStarts[k], took)
		}
	}
	fmt.Fprintf(log, "cold starts: bare %v, okmock %v\n", res.coldStarts[bare], res.coldStarts[okm])
	for k, kind := range []string{kindBare, kindOkmock} {
		kb, waited, err := peakRSS(ctx, l, kind)
		if err != nil {
			return nil, fmt.Errorf("peak RSS: %w", err)
		}
		res.peakRSSKB[k], res.rssWaits[k] = kb, waited
		fmt.Fprintf(log, "peak RSS %s after %d reads: %d KiB (waited for its core %.1f%% of the time)\n", kind, cfg.rssReads, kb, 100*waited)
	}
	return res, ctx.Err()
}

// compareWorkload runs the closed and then the open loop of one workload,
// the baseline first each time.
func compareWorkload(ctx context.Context, l *launcher, w workload, log io.Writer) (row, error) {
	cfg := l.cfg
	r := row{workload: w}
	closed, err := runLoop(ctx, l, w, "closed", log, func(addr string, ring [][]byte, d time.Duration, record bool) *phaseResult {
		return closedLoop(ctx, addr, ring, cfg.conns, d, cfg.maxRequests, record)
	})
	if err != nil {
		return r, err
	}
	open, err := runLoop(ctx, l, w, "open", log, func(addr string, ring [][]byte, d time.Duration, _ bool) *phaseResult {
		return openLoop(ctx, addr, ring, cfg.conns, cfg.rate, d, cfg.maxRequests)
	})
	if err != nil {
		return r, err
	}
	r.closed, r.open = pooled(closed), pooled(open)
	// Only the closed loop's waits are kept: there the server always has
	// work, so a wait is another task on its core. Under the open loop's
	// load the server idles between requests, and every wake-up waits for
	// the idle core (14-18% of a turn at 5,000 req/s, 12-08).
	for t, p := range closed {
		for k, kind := range []string{kindBare, kindOkmock} {
			r.longestWait = r.longestWait.note(p[k], fmt.Sprintf("turn %d, %s", t+1, kind))
		}
	}
	for _, p := range closed {
		r.turnShares = append(r.turnShares, p[okm].throughput()/p[bare].throughput())
	}
	for _, p := range open {
		r.turnP99s = append(r.turnP99s, float64(latencyQuantiles(p[okm].latencies).p99)/float64(latencyQuantiles(p[bare].latencies).p99))
	}
	r.p99Interval[0], r.p99Interval[1] = p99RatioInterval(open, intervalDraws, intervalConf, intervalSeed)
	return r, ctx.Err()
}

// runLoop runs the loop cfg.repeat times on each server, for cfg.duration
// after a warm-up. On a shared machine a neighbour's burst can land on one
// phase: the servers take turns, so that over the run both meet the same
// weather, and the caller pools the turns.
//
// Each phase starts a fresh pair of servers, the baseline and okmock, and
// both serve all its turns. From a62984a to 4716596 the baseline was one
// process for the whole run while okmock was fresh in every turn, so that
// a write workload's turns would not inherit each other's writes; but a
// young okmock answers with a worse tail than one that has been serving
// for a while: getCurrentUser's open-loop p99 was 2.4x the baseline's
// with a fresh okmock per turn (even after a 2 s warm-up, and with a fresh
// baseline per turn too) and 1.26x with one okmock for the phase, in runs
// minutes apart. Serving a load for a phase is what the targets are about;
// within a phase the turns of a write workload do write on (an open-loop
// phase of post+read stores ~90,000 topics over its nine turns), and the
// figures are those of a server taking that load.
//
// The warm-up is the loop itself, unrecorded: a closed-loop warm-up before
// an open-loop phase would write ten times what the phase writes, and the
// phase would measure the collection of that garbage rather than the rate.
func runLoop(ctx context.Context, l *launcher, w workload, name string, log io.Writer, loop func(addr string, ring [][]byte, d time.Duration, record bool) *phaseResult) ([][2]*phaseResult, error) {
	bareSrv, _, err := l.start(ctx, kindBare)
	if err != nil {
		return nil, err
	}
	defer bareSrv.stop()
	okSrv, _, err := l.start(ctx, kindOkmock)
	if err != nil {
		return nil, err
	}
	defer okSrv.stop()
	ring, err := l.sameRing(okSrv, bareSrv, w.build)
	if err != nil {
		return nil, err
	}
	var runs [][2]*phaseResult
	for turn := range l.cfg.repeat {
		runs = append(runs, runTurn(l, [2]*child{bareSrv, okSrv}, ring, w, name, turn+1, log, loop))
		if ctx.Err() != nil {
			break
		}
	}
	return runs, ctx.Err()
}

// openWarmup is the open loop's warm-up: as long as its phase, and never
// shorter than cfg.warmup. At 5,000 req/s a fresh okmock needs a second or
// two to pass its start-up transient: its heap grows to the collector's
// target (on a machine where a fresh page cost ~11 µs to fault in, that
// was 2,000-3,600 faults within the measured window of a 500 ms warm-up)
// and the first collection after start-up, the largest, runs. Only a
// phase's first turn meets a fresh okmock now (runLoop); every turn keeps
// the same warm-up so that the turns stay alike, each measured after the
// same stretch of the same load. The closed loop passes the transient
// within its warm-up.
func openWarmup(cfg *config) time.Duration {
	return max(cfg.warmup, cfg.duration)
}

// runTurn is one turn of runLoop: the baseline, then okmock.
func runTurn(l *launcher, servers [2]*child, ring [][]byte, w workload, name string, turn int, log io.Writer, loop func(addr string, ring [][]byte, d time.Duration, record bool) *phaseResult) [2]*phaseResult {
	var pair [2]*phaseResult
	warmup := l.cfg.warmup
	if name == "open" {
		warmup = openWarmup(l.cfg)
	}
	for k, srv := range servers {
		loop(srv.addr, ring, warmup, false)
		pair[k] = measure(srv.pid(), func() *phaseResult { return loop(srv.addr, ring, l.cfg.duration, true) })
		logPhase(log, w.name, name, srv.name, pair[k])
		if l.cfg.latencyDir != "" && name == "open" {
			if _, err := writeLatencies(l.cfg.latencyDir, w.name, turn, srv.name, pair[k]); err != nil {
				fmt.Fprintf(log, "-latency-dir: %v\n", err)
			}
		}
	}
	return pair
}

// pooled merges the turns of each server into one result: requests,
// errors, time and CPU add up and the latencies are pooled, so a p99 is
// the p99 of every request the server answered in the run.
//
// Why not the turn with the median ratio: a turn's p99 at 5,000 req/s
// rests on its slowest hundred requests, and one burst from a neighbour
// on this shared machine decides it (the baseline's own p99 moved from
// 0.19 to 1.75 ms between turns of one run). The ratio of two such
// figures ranged from 0.07× to 8.7× over the turns of one run, and the
// median of nine turns came out 1.7× in one run and 2.5× in the next,
// same build.
func pooled(runs [][2]*phaseResult) [2]*phaseResult {
	var out [2]*phaseResult
	for k := range out {
		p := &phaseResult{}
		for _, r := range runs {
			t := r[k]
			p.requests += t.requests
			p.errors += t.errors
			if p.firstErr == "" {
				p.firstErr = t.firstErr
			}
			p.elapsed += t.elapsed
			p.serverCPU += t.serverCPU
			p.loadCPU += t.loadCPU
			p.latencies = append(p.latencies, t.latencies...)
			p.lateness = append(p.lateness, t.lateness...)
		}
		out[k] = p
	}
	return out
}

func logPhase(log io.Writer, workload, loop, server string, p *phaseResult) {
	q := latencyQuantiles(p.latencies)
	fmt.Fprintf(log, "%-20s %-6s %-14s %8.0f req/s  cpu/req %-9s p50 %-9s p99 %-9s p99.9 %-9s errors %d  waited %.1f%%\n",
		workload, loop, server, p.throughput(), fmtDuration(p.cpuPerRequest()),
		fmtDuration(q.p50), fmtDuration(q.p99), fmtDuration(q.p999), p.errors, 100*partOf(p.waited, p.elapsed))
}

// peakRSS spawns a fresh server, sends it cfg.rssReads read requests and
// reads its high-water resident set (VmHWM), and the share of the time
// it waited for its core: a server that shares its core peaks higher
// (okmock with a shell polling /proc on its core every 20 ms: 36.4-38.3
// MiB, against 33.5-33.8 MiB alone, 12-08).
func peakRSS(ctx context.Context, l *launcher, kind string) (int64, float64, error) {
	okSrv, _, err := l.start(ctx, kindOkmock)
	if err != nil {
		return 0, 0, err
	}
	defer okSrv.stop()
	srv := okSrv
	if kind == kindBare {
		if srv, _, err = l.start(ctx, kindBare); err != nil {
			return 0, 0, err
		}
		defer srv.stop()
	}
	ring, err := l.sameRing(okSrv, srv, (*setup).readRing)
	if err != nil {
		return 0, 0, err
	}
	w0, start := waitOf(srv.pid()), time.Now()
	p := closedLoop(ctx, srv.addr, ring, l.cfg.conns, l.cfg.timeout, l.cfg.rssReads, false)
	w1, elapsed := waitOf(srv.pid()), time.Since(start)
	if p.errors > 0 {
		return 0, 0, fmt.Errorf("%d errors, the first: %s", p.errors, p.firstErr)
	}
	kb, err := procStatusKB(srv.pid(), "VmHWM")
	return kb, partOf(w1-w0, elapsed), err
}

// median of a few durations.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// sameRing builds a workload's ring against okmock. With -against the
// baseline is an okmock too: it is set up the same way (sessions, posted
// topics), and the run stops unless that gives the very same requests,
// since the comparison would not be of like with like.
func (l *launcher) sameRing(okSrv, baseline *child, build func(*setup) ([][]byte, error)) ([][]byte, error) {
	ring, err := buildRing(okSrv.addr, build)
	if err != nil || l.cfg.against == "" || baseline == okSrv {
		return ring, err
	}
	other, err := buildRing(baseline.addr, build)
	if err != nil {
		return nil, fmt.Errorf("baseline okmock: %w", err)
	}
	if !slices.EqualFunc(ring, other, bytes.Equal) {
		return nil, errors.New("-against: the two okmock builds answered the set-up differently, so their requests differ")
	}
	return ring, nil
}

// buildRing sets a server up for a workload and returns its ring.
func buildRing(addr string, build func(*setup) ([][]byte, error)) ([][]byte, error) {
	st := newSetup(addr)
	defer st.close()
	return build(st)
}
