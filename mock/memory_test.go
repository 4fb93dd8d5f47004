package mock

import (
	"runtime"
	"strings"
	"testing"

	"github.com/okmock/okmock/openapi"
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

// keptPerCall is how much the heap grows per call of fn, over n calls
// after warm ones. The warm calls set up what every later one shares
// (pools, lists, buffers that grow once); measured from a cold start
// they would hide what each call keeps.
func keptPerCall(ts *testServer, warm, n int, fn func()) int64 {
	for range warm {
		fn()
	}
	before := heapInUse()
	for range n {
		fn()
	}
	grown := int64(heapInUse()) - int64(before)
	// Without this the server is garbage by the second measurement, and
	// the growth reads negative whatever the calls kept.
	runtime.KeepAlive(ts)
	return grown / int64(n)
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
	per := keptPerCall(ts, 100, 1000, write)
	t.Logf("%d bytes per topic and its bookmark", per)
	if per > 2<<10 {
		t.Errorf("each topic and its bookmark kept %d bytes in memory; each request was over %d", per, len(pad))
	}
}

// TestJournalKeepsOneCopyOfEachCall: the journal keeps a call's masked
// parameters, copied; anything else it kept of the request (net/http's
// method and path are slices of the request line, which holds a GET's
// whole query) would keep the request line too, a second copy of every
// parameter. Calls with a 16 KiB parameter must cost the journal about
// 16 KiB each, not 32.
func TestJournalKeepsOneCopyOfEachCall(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	const n = 200
	ts := newTestServer(t, Options{JournalSize: n})
	g := ts.session("VALUABLE_ACCESS")
	pad := strings.Repeat("x", 16<<10)
	call := func() {
		q := signedServer(map[string]string{"method": "users.getCurrentUser", "pad": pad}, g.AccessToken)
		if rec := ts.do("GET", "/fb.do?"+q.Encode(), "", nil); rec.Header().Get("Invocation-Error") != "" {
			t.Fatalf("users.getCurrentUser: %s", rec.Body)
		}
	}
	per := keptPerCall(ts, 1, n, call)
	t.Logf("%d bytes per journaled call", per)
	if per > 24<<10 {
		t.Errorf("each journaled call kept %d bytes; its parameters are %d", per, len(pad))
	}
}

// TestNoMethodKeepsItsRequest runs every method of the catalogue on
// bodies padded to 16 KiB: whatever a method stores (a topic, an album, a
// note, an app's storage value) must cost about what was stored. A value
// stored as the request gave it is a slice of the whole body and would
// keep the padding alive: 16 KiB a call.
//
// Each method is called with the examples of all its parameters, the
// optional ones too, since most of what gets stored comes in optional
// parameters (a description, a text); a method whose optional examples
// do not go together falls back to its required ones.
func TestNoMethodKeepsItsRequest(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	cat := testCatalogue(t)
	ts := newTestServer(t, Options{JournalSize: -1})
	token := ts.session(allScopes(cat)...).AccessToken
	pad := strings.Repeat("x", 16<<10)
	for _, m := range cat.Methods() {
		if _, direct := directCallError[m.Name]; direct {
			continue
		}
		params := allExamples(m)
		if rec := ts.callMethod(m, DemoApp(), tokenFor(m, token), params); rec.Header().Get("Invocation-Error") != "" {
			params = requiredExamples(m)
		}
		params["pad"] = pad
		per := keptPerCall(ts, 3, 40, func() { ts.callMethod(m, DemoApp(), tokenFor(m, token), params) })
		if per > 4<<10 {
			t.Errorf("%s kept %d bytes per call; each request carried %d", m.Name, per, len(pad))
		}
	}
}

// allExamples are the examples of all of a method's parameters.
func allExamples(m *openapi.Method) map[string]string {
	out := map[string]string{}
	for _, p := range m.Params {
		if p.Example != "" {
			out[p.Name] = p.Example
		}
	}
	return out
}
