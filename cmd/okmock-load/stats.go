package main

import (
	"fmt"
	"slices"
	"time"
)

// percentile is the nearest-rank percentile p (0-100) of sorted values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted)) + 0.5)
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// quantiles are the latency figures of the table.
type quantiles struct{ p50, p99, p999 time.Duration }

func latencyQuantiles(values []time.Duration) quantiles {
	s := slices.Clone(values)
	slices.Sort(s)
	return quantiles{percentile(s, 50), percentile(s, 99), percentile(s, 99.9)}
}

// fmtDuration prints a latency or CPU time with three significant digits.
func fmtDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0"
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.3g s", d.Seconds())
}

// fmtRate prints requests per second.
func fmtRate(r float64) string {
	if r >= 10000 {
		return fmt.Sprintf("%.1fk", r/1000)
	}
	return fmt.Sprintf("%.0f", r)
}

// ratio is okmock's figure over the baseline's, as "1.42×"; "n/a" when
// the baseline is zero (too short a phase for the CPU clock's 10 ms tick).
func ratio(okmock, bare float64) string {
	if bare <= 0 || okmock <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f×", okmock/bare)
}

// share is okmock's throughput as a percentage of the baseline's.
func share(okmock, bare float64) string {
	if bare <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*okmock/bare)
}
