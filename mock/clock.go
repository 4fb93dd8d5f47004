package mock

import (
	"sync/atomic"
	"time"
)

// Clock tells okmock the time. Tests inject their own so that expiry can be
// checked without sleeping.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// systemClock is the wall clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// shiftedClock is the server's clock: the injected one plus the offset that
// POST /__okmock/clock adds.
type shiftedClock struct {
	base   Clock
	offset atomic.Int64 // nanoseconds
}

func (c *shiftedClock) Now() time.Time {
	return c.base.Now().Add(time.Duration(c.offset.Load()))
}

// Advance moves the clock forward by d (never backward: expiry is monotonic).
func (c *shiftedClock) Advance(d time.Duration) {
	if d > 0 {
		c.offset.Add(int64(d))
	}
}

// reset drops the offset.
func (c *shiftedClock) reset() { c.offset.Store(0) }
