package main

import (
	"testing"
	"time"
)

func TestPercentileIsNearestRank(t *testing.T) {
	var values []time.Duration
	for i := 1; i <= 1000; i++ {
		values = append(values, time.Duration(i))
	}
	q := latencyQuantiles(values)
	if q.p50 != 500 || q.p99 != 990 || q.p999 != 999 {
		t.Errorf("quantiles %+v", q)
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("empty: %v", got)
	}
	if got := percentile([]time.Duration{7}, 99.9); got != 7 {
		t.Errorf("single: %v", got)
	}
}

func TestFormatting(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{fmtDuration(1500 * time.Nanosecond), "1.5 µs"},
		{fmtDuration(2500 * time.Microsecond), "2.5 ms"},
		{fmtRate(48012), "48.0k"},
		{fmtRate(4905), "4905"},
		{ratio(3, 2), "1.50×"},
		{ratio(3, 0), "n/a"},
		{share(30, 50), "60%"},
		{thousands(1000000), "1,000,000"},
		{thousands(300), "300"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestPooledTurnsAreOneSample: the figures of a phase are those of every
// request of all its turns, not of one chosen turn. A turn hit by a burst
// moves the p99 by its share of the requests, no more.
func TestPooledTurnsAreOneSample(t *testing.T) {
	turn := func(requests int, slow int) *phaseResult {
		p := &phaseResult{requests: requests, elapsed: time.Second, serverCPU: time.Duration(requests) * 10 * time.Microsecond}
		for i := range requests {
			l := 100 * time.Microsecond
			if i < slow {
				l = 5 * time.Millisecond
			}
			p.latencies = append(p.latencies, l)
		}
		return p
	}
	// Three turns of 1,000 requests; okmock's second turn meets a burst
	// that makes 50 of its requests slow: 1.7% of the pool.
	runs := [][2]*phaseResult{
		{turn(1000, 0), turn(1000, 0)},
		{turn(1000, 0), turn(1000, 50)},
		{turn(1000, 0), turn(1000, 0)},
	}
	p := pooled(runs)
	if p[okm].requests != 3000 || p[okm].elapsed != 3*time.Second || len(p[okm].latencies) != 3000 {
		t.Fatalf("pooled okmock: %d requests in %v, %d latencies", p[okm].requests, p[okm].elapsed, len(p[okm].latencies))
	}
	if got := p[okm].throughput(); got != 1000 {
		t.Errorf("throughput %v, want the total over the total time", got)
	}
	if got := p[okm].cpuPerRequest(); got != 10*time.Microsecond {
		t.Errorf("CPU per request %v", got)
	}
	if got := latencyQuantiles(p[okm].latencies).p99; got != 5*time.Millisecond {
		t.Errorf("pooled p99 %v: 1.7%% slow requests must reach the p99", got)
	}
	if got := latencyQuantiles(p[okm].latencies).p50; got != 100*time.Microsecond {
		t.Errorf("pooled p50 %v", got)
	}
	// The turns themselves are left as they were: the report also shows
	// their spread.
	if len(runs[1][okm].latencies) != 1000 {
		t.Error("pooling changed a turn")
	}
}

func TestSpreadShowsRangeAndMedian(t *testing.T) {
	if got := spread([]float64{2.4, 1.1, 1.5}, "%.2f×", 1); got != "1.10×-2.40× (median 1.50×)" {
		t.Errorf("spread: %q", got)
	}
	if got := spread([]float64{0.62}, "%.0f%%", 100); got != "62%-62% (median 62%)" {
		t.Errorf("spread of one: %q", got)
	}
}

func TestOpenLoopWarmsUpForAPhase(t *testing.T) {
	tests := []struct{ warmup, duration, want time.Duration }{
		{500 * time.Millisecond, 2 * time.Second, 2 * time.Second},
		{3 * time.Second, 2 * time.Second, 3 * time.Second},
	}
	for _, tt := range tests {
		if got := openWarmup(&config{warmup: tt.warmup, duration: tt.duration}); got != tt.want {
			t.Errorf("warmup %v, phase %v: open-loop warm-up %v, want %v", tt.warmup, tt.duration, got, tt.want)
		}
	}
}
