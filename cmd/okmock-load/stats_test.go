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
