package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
)

var sink [][]byte

// A measured turn must not include the generator's own collections: they
// would delay requests of whichever server is being measured.
func TestMeasuredTurnHasNoGeneratorCollections(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	var during uint32
	measure(os.Getpid(), func() *phaseResult {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		// 64 MB of garbage in 64 KB pieces: dozens of collections with the
		// collector on.
		for i := range 1024 {
			sink = append(sink[:0], make([]byte, 64<<10))
			sink[0][i] = 1
		}
		runtime.ReadMemStats(&m1)
		during = m1.NumGC - m0.NumGC
		return &phaseResult{}
	})
	sink = nil
	if during != 0 {
		t.Errorf("the generator collected %d times during a measured turn, want 0", during)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after the turn = %d, want it restored to 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got == generatorMemoryLimit {
		t.Errorf("memory limit after the turn = %d, want it restored", got)
	}
}
