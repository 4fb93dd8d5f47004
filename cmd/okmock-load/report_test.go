package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// phase makes a phase result with a throughput and a flat latency.
func phase(requests int, latency time.Duration) *phaseResult {
	lat := make([]time.Duration, 100)
	for i := range lat {
		lat[i] = latency
	}
	return &phaseResult{requests: requests, elapsed: time.Second, latencies: lat}
}

// TestTargetsIgnoreBreakdownRows: the targets are judged on the issue's
// workloads; a breakdown row is listed with its figures but cannot make
// a target pass or fail.
func TestTargetsIgnoreBreakdownRows(t *testing.T) {
	pair := func(share float64, p99x float64) ([2]*phaseResult, [2]*phaseResult) {
		closed := [2]*phaseResult{phase(1000, time.Millisecond), phase(int(1000*share), time.Millisecond)}
		open := [2]*phaseResult{phase(100, time.Millisecond), phase(100, time.Duration(p99x*float64(time.Millisecond)))}
		return closed, open
	}
	c := &comparison{rssReads: 1_000_000, peakRSSKB: [2]int64{13 << 10, 35 << 10}}
	for _, r := range []struct {
		name      string
		share     float64
		p99x      float64
		breakdown bool
	}{{"reads", 0.7, 1.5, false}, {"writes-alone", 0.3, 9, true}, {"mix", 0.65, 1.2, false}} {
		closed, open := pair(r.share, r.p99x)
		c.rows = append(c.rows, row{workload: workload{name: r.name, breakdown: r.breakdown}, closed: closed, open: open})
	}
	var out bytes.Buffer
	writeTargets(&out, c, 30*time.Millisecond)
	report := out.String()
	for _, want := range []string{
		"| 65% (lowest: mix) | yes |",
		"| 1.50× (highest: reads) | yes |",
		"Breakdown rows, not targets themselves: writes-alone 30% of the bare throughput, p99 9.00× at the open-loop rate.",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	// Without the breakdown flag the same row fails both targets.
	c.rows[1].workload.breakdown = false
	out.Reset()
	writeTargets(&out, c, 30*time.Millisecond)
	if !strings.Contains(out.String(), "| 30% (lowest: writes-alone) | **no** |") {
		t.Errorf("a failing workload passed:\n%s", out.String())
	}
}
