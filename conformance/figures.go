package conformance

import (
	"time"

	"github.com/okmock/okmock/conformance/protocol"
)

// Figures are the timing figures the suite gives drivers, in
// milliseconds, and how long it waits for an answer. Small figures keep
// the whole suite well under a minute.
type Figures struct {
	// TimeoutMS is the per-attempt timeout of ordinary specs.
	TimeoutMS int64
	// Retry is the retry policy of ordinary specs.
	Retry protocol.Retry
	// Deadline is how long the suite waits for a driver's answer.
	Deadline time.Duration
}

// DefaultFigures are generous timeouts and quick retries.
var DefaultFigures = Figures{
	TimeoutMS: 5000,
	Retry:     protocol.Retry{MaxAttempts: 3, BaseDelayMS: 40, MaxDelayMS: 1000},
	Deadline:  20 * time.Second,
}

// The figures of the timing specs.
const (
	// hungTimeoutMS is the attempt timeout against a hung server.
	hungTimeoutMS = 300
	// hungDelayMS is how long the hung server holds its answer: far more
	// than a driver honouring the timeout waits.
	hungDelayMS = 4000
	// giveUpAttempts is max_attempts when every attempt fails: three
	// waits, so growth can be seen twice.
	giveUpAttempts = 4
)

// nominalDelay is the protocol's wait before retry n (1, 2, ...).
func nominalDelay(r protocol.Retry, n int) time.Duration {
	d := r.BaseDelayMS
	for i := 1; i < n && d < r.MaxDelayMS; i++ {
		d *= 2
	}
	return time.Duration(min(d, r.MaxDelayMS)) * time.Millisecond
}
