package mock

import (
	"runtime"
	"strings"
	"testing"
)

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestWritesKeepOnlyWhatWasWritten: a request's parameters are slices of
// its body, so a stored topic that kept one of them would keep the whole
// request (signature, session key, padding) alive. Posting topics from
// bodies padded to 16 KiB must grow the heap by about what the topics
// hold, not by what the clients sent.
func TestWritesKeepOnlyWhatWasWritten(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	ts := newTestServer(t, Options{JournalSize: -1})
	g := ts.session()
	pad := strings.Repeat("x", 16<<10)
	post := func() {
		ts.call(g.AccessToken, map[string]string{
			"method": "mediatopic.post", "type": "USER", "pad": pad,
			"attachment": `{"media":[{"type":"text","text":"Привет, мир"}]}`,
		}, nil)
	}
	post() // the first write sets up what every later one shares
	const n = 500
	before := heapInUse()
	for range n {
		post()
	}
	grown := int64(heapInUse()) - int64(before)
	per := grown / n
	t.Logf("%d bytes per topic", per)
	if per > 2<<10 {
		t.Errorf("each posted topic kept %d bytes in memory; the request was %d, what was written under 100", per, len(pad))
	}
}
