package mock

import (
	"runtime"
	"strings"
	"testing"
)

// heapInUse is the live heap after two full collections: the second
// empties what sync.Pool kept through the first.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestWritesKeepOnlyWhatWasWritten: a request's parameters are slices of
// its body, so a stored topic or bookmark that kept one of them would keep
// the whole request (signature, session key, padding) alive. Writing from
// bodies padded to 16 KiB must grow the heap by about what was stored, not
// by what the clients sent.
func TestWritesKeepOnlyWhatWasWritten(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	ts := newTestServer(t, Options{JournalSize: -1})
	g := ts.session("VALUABLE_ACCESS")
	pad := strings.Repeat("x", 16<<10)
	write := func() {
		var id string
		ts.call(g.AccessToken, map[string]string{
			"method": "mediatopic.post", "type": "USER", "pad": pad,
			"attachment": `{"media":[{"type":"text","text":"Привет, мир"}]}`,
		}, &id)
		ts.call(g.AccessToken, map[string]string{
			"method": "bookmark.add", "bookmark_type": "topic", "ref_id": id, "pad": pad,
		}, nil)
	}
	// The first writes set up what every later one shares (pools, lists,
	// buffers that grow once); measured from a cold start they would hide
	// what each write keeps.
	for range 100 {
		write()
	}
	const n = 1000
	before := heapInUse()
	for range n {
		write()
	}
	grown := int64(heapInUse()) - int64(before)
	// Without this the server is garbage by the second measurement, and
	// the growth reads negative whatever the writes kept.
	runtime.KeepAlive(ts)
	per := grown / n
	t.Logf("%d bytes per topic and its bookmark", per)
	if per > 2<<10 {
		t.Errorf("each topic and its bookmark kept %d bytes in memory; each request was over %d", per, len(pad))
	}
}
