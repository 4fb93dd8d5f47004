//go:build race

package document

// raceEnabled says the race detector is on; timing budgets do not apply.
const raceEnabled = true
