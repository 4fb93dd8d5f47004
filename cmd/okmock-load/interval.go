package main

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"
)

// Bootstrap settings of the p99 ratio's interval. The seed is fixed so
// that the same latencies always give the same interval.
const (
	intervalDraws = 2000
	intervalConf  = 0.90
	intervalSeed  = 8
)

// p99RatioInterval is a bootstrap interval of the pooled open-loop p99
// ratio (okmock / bare) over the turns of a phase: it draws the turns
// again with replacement, pools each draw as the report pools the run,
// and returns the quantiles of the ratio that hold the middle conf of the
// draws. A turn keeps both its halves, which ran back to back.
//
// Why: on this shared machine one turn's burst from a neighbour can decide
// a run's pooled p99 (a single disturbed turn made one run's getCurrentUser
// ratio 4.32x, 1.36x without it), so a pooled ratio alone does not say how
// far the next run may land from it. A wide interval says the run could
// not tell; a narrow one that it could.
func p99RatioInterval(turns [][2]*phaseResult, draws int, conf float64, seed uint64) (lo, hi float64) {
	if len(turns) == 0 || draws <= 0 {
		return 0, 0
	}
	var desc [2][][]time.Duration
	for _, t := range turns {
		for k := range desc {
			s := slices.Clone(t[k].latencies)
			slices.SortFunc(s, func(a, b time.Duration) int { return cmp.Compare(b, a) })
			desc[k] = append(desc[k], s)
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	pick := make([]int, len(turns))
	ratios := make([]float64, 0, draws)
	var buf []time.Duration
	for range draws {
		for i := range pick {
			pick[i] = rng.IntN(len(turns))
		}
		var p [2]time.Duration
		for k := range p {
			p[k], buf = pooledP99(desc[k], pick, buf)
		}
		if p[bare] > 0 {
			ratios = append(ratios, float64(p[okm])/float64(p[bare]))
		}
	}
	if len(ratios) == 0 {
		return 0, 0
	}
	slices.Sort(ratios)
	at := func(q float64) float64 {
		return ratios[min(int(q*float64(len(ratios))), len(ratios)-1)]
	}
	return at((1 - conf) / 2), at((1 + conf) / 2)
}

// pooledP99 is the nearest-rank p99 (as percentile gives it) of the
// latencies of the picked turns pooled together, each turn's latencies
// sorted slowest first. Only a turn's slowest requests can reach the
// pooled tail, so only those are merged; buf is scratch space, returned
// for reuse.
func pooledP99(desc [][]time.Duration, pick []int, buf []time.Duration) (time.Duration, []time.Duration) {
	n := 0
	for _, i := range pick {
		n += len(desc[i])
	}
	if n == 0 {
		return 0, buf
	}
	rank := min(max(int(0.99*float64(n)+0.5), 1), n)
	k := n - rank + 1 // the p99 is the k-th slowest request
	buf = buf[:0]
	for _, i := range pick {
		buf = append(buf, desc[i][:min(k, len(desc[i]))]...)
	}
	slices.SortFunc(buf, func(a, b time.Duration) int { return cmp.Compare(b, a) })
	return buf[k-1], buf
}
