package scenarios

import (
	"strings"
	"sync"
)

// limiter is a sliding-window rate limit: a key may make Limit calls in any
// Window-long span of Request.Time. Only allowed calls are remembered, so a
// client that backs off gets through again once its old calls age out.
type limiter struct {
	per    RateLimitKey
	param  string // parameter name for "param:NAME" keys
	limit  int
	window int64 // nanoseconds

	mu        sync.Mutex
	buckets   map[limitKey]*bucket
	sweepSize int
}

// limitKey identifies a window: the application, plus the uid (or the
// parameter value) for per-user keys.
type limitKey struct{ app, uid string }

// bucket is a ring of the times (Unix ns) of a key's allowed calls still
// inside the window, oldest at head.
type bucket struct {
	times []int64
	head  int
	n     int
	last  int64
}

const initialSweepSize = 4096

func newLimiter(rl RateLimit) *limiter {
	param, _ := strings.CutPrefix(string(rl.Per), PerParamPrefix)
	return &limiter{per: rl.Per, param: param, limit: rl.Limit, window: int64(rl.Window), buckets: map[limitKey]*bucket{}, sweepSize: initialSweepSize}
}

// allow records the call and reports true when it is within the limit, or
// reports false (over the limit) without recording it.
func (l *limiter) allow(req *Request) bool {
	key := limitKey{app: req.ApplicationKey}
	switch {
	case l.per == PerUser:
		key.uid = req.UID
	case l.param != "" && req.Param != nil:
		key.uid, _ = req.Param(l.param)
	}
	now := req.Time.UnixNano()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= l.sweepSize {
			l.sweep(now)
		}
		b = &bucket{}
		l.buckets[key] = b
	}
	for b.n > 0 && b.times[b.head] <= now-l.window {
		b.head = (b.head + 1) % len(b.times)
		b.n--
	}
	if b.n >= l.limit {
		return false
	}
	b.push(now, l.limit)
	return true
}

func (b *bucket) push(t int64, limit int) {
	if b.n == len(b.times) {
		// Grow up to the limit, re-linearizing the ring.
		grown := make([]int64, min(max(2*len(b.times), 4), limit))
		for i := 0; i < b.n; i++ {
			grown[i] = b.times[(b.head+i)%len(b.times)]
		}
		b.times, b.head = grown, 0
	}
	b.times[(b.head+b.n)%len(b.times)] = t
	b.n++
	b.last = t
}

// sweep forgets keys whose calls have all left the window, so that many
// distinct users cannot grow the map without bound.
func (l *limiter) sweep(now int64) {
	for k, b := range l.buckets {
		if b.last <= now-l.window {
			delete(l.buckets, k)
		}
	}
	l.sweepSize = max(initialSweepSize, 2*len(l.buckets))
}
