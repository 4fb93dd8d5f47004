package document

import (
	"runtime"
	"testing"

	"github.com/okmock/okmock/openapi"
)

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// A running okmock's collector marks whatever the catalogue keeps on every
// cycle, so the catalogue keeps its method table, not kin-openapi's
// document (which was two thirds of a fresh server's live heap and
// stretched the p99 latency under load), and its parameters keep their
// compiled checks, not kin-openapi's schemas (which were more than half
// of what remained).
func TestCatalogueKeepsNoDocument(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's shadow memory distorts the heap")
	}
	before := liveHeap()
	c, err := openapi.Load(openapi.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	kept := int64(liveHeap()) - int64(before)
	runtime.KeepAlive(c)
	doc, err := Of(c)
	if err != nil {
		t.Fatal(err)
	}
	withDoc := int64(liveHeap()) - int64(before)
	runtime.KeepAlive(doc)
	t.Logf("the catalogue keeps %d KB; with its document %d KB", kept>>10, withDoc>>10)
	if kept*4 > withDoc {
		t.Errorf("the catalogue keeps %d KB, more than a quarter of what it and its document take (%d KB)", kept>>10, withDoc>>10)
	}
}
