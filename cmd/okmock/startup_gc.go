package main

import (
	"runtime/debug"
	"sync"
)

// startupGCPercent is the collector's target while okmock builds its
// catalogue and world. At the default 100 the start-up's short-lived
// garbage (the decoded OpenAPI tree, the generator's scratch) triggered
// several collections that made up about a quarter of the cold start;
// the whole start-up peaks at about 26 MB resident with the collector
// relaxed or not, under the steady state, so it costs no memory that
// counts.
const startupGCPercent = 400

// relaxGCForStartup raises the collector's target for the start-up and
// returns the function that puts it back (once, however often it is
// called). A GOGC the user set is left alone.
func relaxGCForStartup(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(startupGCPercent)
	return sync.OnceFunc(func() { debug.SetGCPercent(old) })
}
