package mock

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The calls a load test sends most allocate no more than they did when
// their figures were last measured: an allocation added to the hot path
// costs every request (and the collector), and is easy to add unseen, as
// a buffer one byte too short for what is appended to it. The counts are
// okmock's alone: the answer goes to a writer that allocates nothing.
func TestHotPathAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop objects at random; .ci/run runs this test without it")
	}
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	get := func(params map[string]string) func() *http.Request {
		r := httptest.NewRequest("GET", "/fb.do?"+signedServer(params, g.AccessToken).Encode(), nil)
		return func() *http.Request { return r }
	}
	post := hotPostBody(ts)
	rec := ts.do("POST", "/fb.do", post, nil)
	var topic string
	if err := json.Unmarshal(rec.Body.Bytes(), &topic); err != nil {
		t.Fatalf("post: %s", rec.Body)
	}
	postReq, body := formRequest(post), strings.NewReader(post)
	postReq.Body = io.NopCloser(body)
	client := httptest.NewRequest("GET", "/fb.do?"+clientSchemeQuery(ts), nil)
	for _, c := range []struct {
		name string
		max  float64
		next func() *http.Request
	}{
		{"users.getCurrentUser (server scheme)", 9, get(map[string]string{"method": "users.getCurrentUser", "format": "json"})},
		{"friends.get (client scheme)", 3, func() *http.Request { return client }},
		{"mediatopic.getByIds", 7, get(map[string]string{"method": "mediatopic.getByIds", "topic_ids": topic})},
		{"mediatopic.post", 10, func() *http.Request { body.Reset(post); return postReq }},
	} {
		allocs := testing.AllocsPerRun(2000, func() {
			w := discardWriter{h: http.Header{}}
			ts.srv.ServeHTTP(w, c.next())
			if w.h.Get("Invocation-Error") != "" {
				t.Fatalf("%s: error answer", c.name)
			}
		})
		if allocs > c.max {
			t.Errorf("%s: %.1f allocations a call, at most %.0f expected", c.name, allocs, c.max)
		}
	}
}
