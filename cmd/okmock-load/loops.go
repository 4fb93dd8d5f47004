package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// generatorMemoryLimit bounds the generator's heap while its collector
// is off during a measured turn (measure).
const generatorMemoryLimit = 1 << 30

// phaseResult is what one measured phase saw.
type phaseResult struct {
	requests  int
	errors    int
	firstErr  string
	elapsed   time.Duration
	serverCPU time.Duration // CPU time of the server process during the phase
	loadCPU   time.Duration // CPU time of the load generator during the phase
	// waited is how long the server's threads were ready to run and
	// waited for a CPU during the phase (runDelay).
	waited    time.Duration
	latencies []time.Duration
	lateness  []time.Duration // open loop: how late the generator sent
	// Open loop only: when the first request was due, the interval
	// between requests, and for each latency the number of its request
	// (latencies are in the order answers came in, lateness in the order
	// requests were sent).
	start  time.Time
	period time.Duration
	order  []int32
}

func (r *phaseResult) throughput() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

// cpuPerRequest is the server's CPU time divided by the requests answered.
func (r *phaseResult) cpuPerRequest() time.Duration {
	if r.requests == 0 {
		return 0
	}
	return r.serverCPU / time.Duration(r.requests)
}

// recorder collects one goroutine's latencies and errors; merged at the
// end, so the hot loop takes no lock.
type recorder struct {
	latencies []time.Duration
	order     []int32 // open loop: the request each latency belongs to
	requests  int
	errors    int
	firstErr  string
}

func (r *recorder) result(a answer, err error, check func(answer) error) {
	r.requests++
	if err == nil {
		err = check(a)
	}
	if err != nil {
		r.errors++
		if r.firstErr == "" {
			r.firstErr = err.Error()
		}
	}
}

// okAnswer accepts HTTP 200 without an OK error.
func okAnswer(a answer) error {
	if a.status != 200 {
		return fmt.Errorf("HTTP %d: %.200s", a.status, a.body)
	}
	if a.okError {
		return fmt.Errorf("OK error: %.200s", a.body)
	}
	return nil
}

// measure runs fn between two readings of the server's and the
// generator's CPU time.
//
// The generator's own collector is off while fn runs. Its collections
// took 20-28 ms of wall time on the generator's core (two Ps on one
// core), about once per open-loop turn, and every request due meanwhile
// was sent late and counted late, against whichever server happened to
// be measured: noise in both servers' tails that said nothing about
// either. A turn allocates a few megabytes at most (the latencies are
// preallocated), so the collection after the turn, or the memory limit
// should a turn ever allocate far more, takes the garbage back.
func measure(pid int, fn func() *phaseResult) *phaseResult {
	runtime.GC()
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(generatorMemoryLimit))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	s0, l0, w0 := cpuOf(pid), cpuOf(0), waitOf(pid)
	start := time.Now()
	res := fn()
	res.elapsed = time.Since(start)
	s1, l1, w1 := cpuOf(pid), cpuOf(0), waitOf(pid)
	res.serverCPU, res.loadCPU, res.waited = s1-s0, l1-l0, max(w1-w0, 0)
	return res
}

// cpuOf is procCPU without its error: a process that cannot be read
// reads 0, and the figures that depend on it show as 0.
func cpuOf(pid int) time.Duration {
	d, _ := procCPU(pid)
	return d
}

// closedLoop keeps conns requests in flight, each connection sending its
// next request as soon as the previous answer arrived, for d or until max
// requests were sent. ring is cycled through.
func closedLoop(ctx context.Context, addr string, ring [][]byte, conns int, d time.Duration, maxReq int, record bool) *phaseResult {
	var next atomic.Int64
	var stop atomic.Bool
	timer := time.AfterFunc(d, func() { stop.Store(true) })
	defer timer.Stop()
	recs := make([]recorder, conns)
	var wg sync.WaitGroup
	for w := range recs {
		wg.Add(1)
		go func(rec *recorder) {
			defer wg.Done()
			conn := newHTTPConn(addr)
			defer conn.close()
			if record {
				rec.latencies = make([]time.Duration, 0, min(maxReq/conns+1, 1<<16))
			}
			for !stop.Load() && ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(maxReq) {
					return
				}
				t0 := time.Now()
				a, err := conn.do(ring[i%int64(len(ring))])
				if record {
					rec.latencies = append(rec.latencies, time.Since(t0))
				}
				rec.result(a, err, okAnswer)
			}
		}(&recs[w])
	}
	wg.Wait()
	return merge(recs)
}

// job is one open-loop request handed to the connection that sends it.
type job struct {
	n        int32 // the request's number in the phase
	intended time.Time
	sendErr  error
}

// openLoop sends requests at a fixed rate whatever the answers do, and
// measures each latency from the time the request was due: a slow answer
// delays nothing else, so a stall shows in the figures instead of being
// hidden (no coordinated omission). A request due while every connection
// is busy waits for one, and that wait counts.
func openLoop(ctx context.Context, addr string, ring [][]byte, conns, rate int, d time.Duration, maxReq int) *phaseResult {
	total := min(int(d.Seconds()*float64(rate)), maxReq)
	period := time.Second / time.Duration(rate)

	// The pacer sleeps in nanosleep on its own thread (Go's timers wake up
	// with millisecond granularity when idle); it needs a second P so the
	// readers run meanwhile. Both stay on the generator's pinned core.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))

	free := make(chan int, conns)
	pool := make([]*httpConn, conns)
	inflight := make([]chan job, conns)
	recs := make([]recorder, conns)
	var wg sync.WaitGroup
	for k := range pool {
		pool[k] = newHTTPConn(addr)
		_ = pool[k].connect()
		inflight[k] = make(chan job, 1)
		recs[k].latencies = make([]time.Duration, 0, total/conns+1)
		recs[k].order = make([]int32, 0, total/conns+1)
		free <- k
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			conn, rec := pool[k], &recs[k]
			for j := range inflight[k] {
				var a answer
				err := j.sendErr
				if err == nil {
					a, err = conn.recv()
				}
				rec.latencies = append(rec.latencies, time.Since(j.intended))
				rec.order = append(rec.order, j.n)
				rec.result(a, err, okAnswer)
				free <- k
			}
			conn.close()
		}(k)
	}

	lateness := make([]time.Duration, 0, total)
	start := time.Now().Add(10 * time.Millisecond)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		setTimerSlack()
		for i := 0; i < total && ctx.Err() == nil; i++ {
			intended := start.Add(time.Duration(i) * period)
			sleepUntil(intended)
			k := <-free
			lateness = append(lateness, time.Since(intended))
			err := pool[k].send(ring[i%len(ring)])
			inflight[k] <- job{n: int32(i), intended: intended, sendErr: err}
		}
	}()
	<-done
	// Every connection comes back once its last answer is in.
	for range conns {
		<-free
	}
	for k := range inflight {
		close(inflight[k])
	}
	wg.Wait()
	res := merge(recs)
	res.lateness, res.start, res.period = lateness, start, period
	return res
}

// sleepUntil waits for t: a Go timer for the bulk, then nanosleep, which
// wakes within tens of microseconds.
func sleepUntil(t time.Time) {
	d := time.Until(t)
	if d > 3*time.Millisecond {
		time.Sleep(d - 2*time.Millisecond)
		d = time.Until(t)
	}
	if d > 0 {
		ts := syscall.NsecToTimespec(int64(d))
		_ = syscall.Nanosleep(&ts, nil)
	}
}

// setTimerSlack asks the kernel to wake this thread on time rather than
// up to 50 µs late (PR_SET_TIMERSLACK).
func setTimerSlack() {
	const prSetTimerSlack = 29
	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetTimerSlack, 1, 0)
}

func merge(recs []recorder) *phaseResult {
	res := &phaseResult{}
	for i := range recs {
		r := &recs[i]
		res.requests += r.requests
		res.errors += r.errors
		if res.firstErr == "" {
			res.firstErr = r.firstErr
		}
		res.latencies = append(res.latencies, r.latencies...)
		res.order = append(res.order, r.order...)
	}
	return res
}
