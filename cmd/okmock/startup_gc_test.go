package main

import (
	"runtime/debug"
	"testing"
)

func TestStartupRelaxesTheCollectorThenRestoresIt(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	restore := relaxGCForStartup(func(string) string { return "" })
	if got := debug.SetGCPercent(startupGCPercent); got != startupGCPercent {
		t.Errorf("during start-up the GC percent is %d, want %d", got, startupGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after start-up the GC percent is %d, want 100 again", got)
	}

	restore = relaxGCForStartup(func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, start-up changed the GC percent to %d", got)
	}
	restore()
}
