package world

import (
	"encoding/json"
	"regexp"
	"testing"
	"time"
)

// testNow is the reference time of test worlds.
var testNow = time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC)

// testSeeds are the seeds properties are checked on.
var testSeeds = []int64{0, 1, 42, -7, 20250601}

// newTestWorld builds a default-sized world.
func newTestWorld(t testing.TB, seed int64) *World {
	t.Helper()
	return New(Options{Seed: seed, Now: testNow})
}

// snapshot marshals the world or fails the test.
func snapshot(t testing.TB, w *World) []byte {
	t.Helper()
	b, err := w.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return b
}

// must fails the test on an error.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mustID fails the test on an error and returns the id.
func mustID(t testing.TB) func(string, error) string {
	return func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
}

// textMedia is a topic attachment of one text block.
func textMedia(text string) []json.RawMessage {
	raw, _ := json.Marshal(textBlock{"text", text})
	return []json.RawMessage{raw}
}

var (
	// cyrillicText starts with a Cyrillic letter and has no Latin letters.
	cyrillicText = regexp.MustCompile(`^[А-ЯЁ][^A-Za-z]*$`)
	// shortname is a Latin group short name.
	shortname = regexp.MustCompile(`^[a-z][a-z0-9_]+$`)
)
