package main

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// turnOf is a turn whose servers answered with the given latencies.
func turnOf(bareLat, okLat []time.Duration) [2]*phaseResult {
	return [2]*phaseResult{{latencies: bareLat}, {latencies: okLat}}
}

// flat is n latencies of about d, with a little spread so ties do not
// hide mistakes in ranking.
func flat(rng *rand.Rand, n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d + time.Duration(rng.IntN(int(d/10)))
	}
	return out
}

// TestPooledP99IsThePercentileOfThePooledTurns: merging only each turn's
// slowest requests gives the same p99 as pooling every request, turns
// picked more than once included.
func TestPooledP99IsThePercentileOfThePooledTurns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		turns := 1 + rng.IntN(9)
		var desc [][]time.Duration
		for range turns {
			lat := flat(rng, 1+rng.IntN(3000), time.Duration(1+rng.IntN(5))*time.Millisecond)
			// A burst: some turns get a slow stretch.
			for j := range rng.IntN(len(lat)/20 + 1) {
				lat[j] += time.Duration(rng.IntN(20)) * time.Millisecond
			}
			slices.SortFunc(lat, func(a, b time.Duration) int { return cmp.Compare(b, a) })
			desc = append(desc, lat)
		}
		pick := make([]int, turns)
		var all []time.Duration
		for i := range pick {
			pick[i] = rng.IntN(turns)
			all = append(all, desc[pick[i]]...)
		}
		slices.Sort(all)
		got, _ := pooledP99(desc, pick, nil)
		if want := percentile(all, 99); got != want {
			t.Fatalf("trial %d: pooled p99 %v, want %v", trial, got, want)
		}
	}
}

func TestP99RatioInterval(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	same := func(n int, b, o time.Duration) [][2]*phaseResult {
		var turns [][2]*phaseResult
		for range n {
			turns = append(turns, turnOf(flat(rng, 10000, b), flat(rng, 10000, o)))
		}
		return turns
	}

	t.Run("alike turns give a narrow interval around the ratio", func(t *testing.T) {
		lo, hi := p99RatioInterval(same(9, time.Millisecond, 1500*time.Microsecond), intervalDraws, intervalConf, intervalSeed)
		if lo < 1.45 || hi > 1.55 || lo > hi {
			t.Errorf("interval %.3f-%.3f, want within 1.45-1.55", lo, hi)
		}
	})

	t.Run("one disturbed turn widens it to cover the run without it", func(t *testing.T) {
		turns := same(9, time.Millisecond, 1200*time.Microsecond)
		// A neighbour's burst in one of okmock's turns: an eighth of it slow.
		slow := turns[4][okm].latencies
		for i := range len(slow) / 8 {
			slow[i] = 20 * time.Millisecond
		}
		lo, hi := p99RatioInterval(turns, intervalDraws, intervalConf, intervalSeed)
		pooledRun := pooled(turns)
		pooledRatio := float64(latencyQuantiles(pooledRun[okm].latencies).p99) / float64(latencyQuantiles(pooledRun[bare].latencies).p99)
		if pooledRatio < 5 {
			t.Fatalf("the burst should decide the pooled ratio, got %.2f", pooledRatio)
		}
		if lo > 1.35 || hi < pooledRatio {
			t.Errorf("interval %.2f-%.2f should reach from the quiet turns' ~1.2 to the pooled %.2f", lo, hi, pooledRatio)
		}
	})

	t.Run("the same turns always give the same interval", func(t *testing.T) {
		turns := same(5, time.Millisecond, 2*time.Millisecond)
		turns[2][bare].latencies[0] = time.Second
		lo1, hi1 := p99RatioInterval(turns, 500, intervalConf, intervalSeed)
		lo2, hi2 := p99RatioInterval(turns, 500, intervalConf, intervalSeed)
		if lo1 != lo2 || hi1 != hi2 {
			t.Errorf("%v-%v then %v-%v", lo1, hi1, lo2, hi2)
		}
	})

	t.Run("no turns, no interval", func(t *testing.T) {
		if lo, hi := p99RatioInterval(nil, intervalDraws, intervalConf, intervalSeed); lo != 0 || hi != 0 {
			t.Errorf("%v-%v", lo, hi)
		}
	})
}

// TestTheTargetsTableShowsTheInterval: the p99 target's cell says how far
// another run could land, next to the pooled ratio that decides it.
func TestTheTargetsTableShowsTheInterval(t *testing.T) {
	closed := [2]*phaseResult{phase(1000, time.Millisecond), phase(700, time.Millisecond)}
	open := [2]*phaseResult{phase(100, time.Millisecond), phase(100, 1500*time.Microsecond)}
	c := &comparison{rssReads: 1_000_000, peakRSSKB: [2]int64{13 << 10, 35 << 10}, rows: []row{
		{workload: workload{name: "reads"}, closed: closed, open: open, p99Interval: [2]float64{1.1, 2.4}},
	}}
	var out bytes.Buffer
	writeTargets(&out, c, 30*time.Millisecond)
	if want := "| 1.50× (highest: reads; 90% interval over the turns 1.10×-2.40×) | yes |"; !strings.Contains(out.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, out.String())
	}
}
