package mock

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// The hot path of one REST call, stage by stage: parse, verify, dispatch,
// encode, journal. Each benchmark reports allocations; BenchmarkRoundTrip
// (bench_test.go) is the whole of it and BenchmarkBaseline the bare
// handler it is compared with.

// hotPathQuery is a signed users.getCurrentUser in the server scheme.
func hotPathQuery(b *testing.B, ts *testServer) (string, SessionGrant) {
	g := ts.session("VALUABLE_ACCESS")
	return signedServer(map[string]string{"method": "users.getCurrentUser", "format": "json"}, g.AccessToken).Encode(), g
}

// hotPostBody is a signed mediatopic.post form body.
func hotPostBody(ts *testServer) string {
	g := ts.session()
	return signedServer(map[string]string{
		"method": "mediatopic.post", "type": "USER",
		"attachment": `{"media":[{"type":"text","text":"Привет, мир"}]}`,
	}, g.AccessToken).Encode()
}

// formRequest is a POST of a form body.
func formRequest(body string) *http.Request {
	r := httptest.NewRequest("POST", "/fb.do", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// clientSchemeQuery is a friends.get signed with the session secret.
func clientSchemeQuery(ts *testServer) string {
	g := ts.session("VALUABLE_ACCESS")
	params := map[string]string{"method": "friends.get", "application_key": DemoApp().Key}
	v := url.Values{"sig": {refSign(params, g.SessionSecret)}, "access_token": {g.AccessToken}}
	for k, val := range params {
		v.Set(k, val)
	}
	return v.Encode()
}

// newHotCall prepares an apiCall the way handleAPI does.
func newHotCall(ts *testServer, r *http.Request) *apiCall {
	st, w := ts.srv.state()
	c := &apiCall{srv: ts.srv, req: r, store: st, world: w, now: ts.srv.clock.Now()}
	c.params.list = c.paramBuf[:0]
	return c
}

func BenchmarkParseQuery(b *testing.B) {
	ts := newTestServer(b, Options{})
	query, _ := hotPathQuery(b, ts)
	b.ReportAllocs()
	for b.Loop() {
		var p Params
		p.parseParamString(query)
		if p.Len() != 5 {
			b.Fatal(p.All())
		}
	}
}

func BenchmarkParseForm(b *testing.B) {
	ts := newTestServer(b, Options{})
	body := hotPostBody(ts)
	b.ReportAllocs()
	for b.Loop() {
		r := formRequest(body)
		c := newHotCall(ts, r)
		if _, err := ts.srv.readParams(r, &c.params); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyServerScheme(b *testing.B) {
	ts := newTestServer(b, Options{})
	query, _ := hotPathQuery(b, ts)
	// Sessions live in the server that minted them: verify on that one.
	benchVerifyOn(b, ts, query, SchemeServer)
}

func BenchmarkVerifyClientScheme(b *testing.B) {
	ts := newTestServer(b, Options{})
	benchVerifyOn(b, ts, clientSchemeQuery(ts), SchemeClient)
}

func BenchmarkVerifyApplicationScheme(b *testing.B) {
	params := map[string]string{"method": "users.getInfo", "uids": "575000000002", "application_key": DemoApp().Key}
	v := url.Values{"sig": {refSign(params, DemoApp().Secret)}}
	for k, val := range params {
		v.Set(k, val)
	}
	benchVerifyOn(b, newTestServer(b, Options{}), v.Encode(), SchemeApplication)
}

// benchVerifyOn runs the checks before dispatch on ts: application,
// session, signature.
func benchVerifyOn(b *testing.B, ts *testServer, query string, want Scheme) {
	r := httptest.NewRequest("GET", "/fb.do?"+query, nil)
	b.ReportAllocs()
	for b.Loop() {
		c := newHotCall(ts, r)
		c.params.parseParamString(r.URL.RawQuery)
		c.method, _ = ts.srv.catalogue.Lookup(c.params.Value("method"))
		if err := c.checkApplication(); err != nil {
			b.Fatal(err)
		}
		c.scan = c.newSecretScan()
		if err := c.checkSession(); err != nil {
			b.Fatal(err)
		}
		if err := c.checkSignature(); err != nil || c.scheme != want {
			b.Fatal(err, c.scheme)
		}
	}
}

// BenchmarkDispatch is everything between the raw request and the result
// to encode: parse, verify, the catalogue's checks, scenarios, handler.
func BenchmarkDispatch(b *testing.B) {
	ts := newTestServer(b, Options{})
	query, _ := hotPathQuery(b, ts)
	r := httptest.NewRequest("GET", "/fb.do?"+query, nil)
	ec := ts.srv.echo.NewContext(r, httptest.NewRecorder())
	b.ReportAllocs()
	for b.Loop() {
		c := newHotCall(ts, r)
		if _, err := ts.srv.serveAPI(c, ec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeUser is the JSON of the default users.getCurrentUser
// answer into a pooled buffer.
func BenchmarkEncodeUser(b *testing.B) {
	ts := newTestServer(b, Options{})
	r := httptest.NewRequest("GET", "/fb.do", nil)
	c := newHotCall(ts, r)
	c.method, _ = ts.srv.catalogue.Lookup("users.getCurrentUser")
	c.app = &App{}
	u, _ := c.world.User(c.world.DefaultUID())
	result := c.renderUser(u, defaultUserFields)
	b.ReportAllocs()
	for b.Loop() {
		buf := getBuffer()
		if _, err := encodeResultTo(buf, result); err != nil {
			b.Fatal(err)
		}
		putBuffer(buf)
	}
}

// BenchmarkRenderUser builds the default user object (before encoding).
func BenchmarkRenderUser(b *testing.B) {
	ts := newTestServer(b, Options{})
	c := newHotCall(ts, httptest.NewRequest("GET", "/fb.do", nil))
	c.method, _ = ts.srv.catalogue.Lookup("users.getCurrentUser")
	c.app = &App{}
	u, _ := c.world.User(c.world.DefaultUID())
	b.ReportAllocs()
	for b.Loop() {
		if len(c.renderUser(u, defaultUserFields)) == 0 {
			b.Fatal("empty user")
		}
	}
}

func BenchmarkEncodeError(b *testing.B) {
	e := Errorf(CodeParam, "Invalid parameter %s", "uids")
	b.ReportAllocs()
	for b.Loop() {
		writeAPIError(discardWriter{}, e)
	}
}

// BenchmarkJournal records one answered call.
func BenchmarkJournal(b *testing.B) {
	ts := newTestServer(b, Options{})
	query, _ := hotPathQuery(b, ts)
	r := httptest.NewRequest("GET", "/fb.do?"+query, nil)
	ec := ts.srv.echo.NewContext(r, httptest.NewRecorder())
	c := newHotCall(ts, r)
	if _, err := ts.srv.serveAPI(c, ec); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e := c.journalEntry(testEpoch)
		ts.srv.journal.add(&e)
	}
}

func BenchmarkRoundTripClientScheme(b *testing.B) {
	ts := newTestServer(b, Options{})
	r := httptest.NewRequest("GET", "/fb.do?"+clientSchemeQuery(ts), nil)
	benchRoundTrip(b, ts, func() *http.Request { return r })
}

// BenchmarkRoundTripPost writes topics, all by one user, so that a cost
// growing with the owner's list would show as ns/op rising with b.N.
func BenchmarkRoundTripPost(b *testing.B) {
	ts := newTestServer(b, Options{})
	body := hotPostBody(ts)
	// One request whose body is rewound each time, so that the figures
	// are okmock's and not httptest.NewRequest's.
	r, rd := formRequest(body), strings.NewReader(body)
	r.Body = io.NopCloser(rd)
	benchRoundTrip(b, ts, func() *http.Request { rd.Reset(body); return r })
}

// BenchmarkRoundTripGetByIds reads back a posted topic: the read half of
// the load tool's write workload.
func BenchmarkRoundTripGetByIds(b *testing.B) {
	ts := newTestServer(b, Options{})
	g := ts.session("VALUABLE_ACCESS")
	rec := ts.do("POST", "/fb.do", hotPostBody(ts), nil)
	var id string
	if err := json.Unmarshal(rec.Body.Bytes(), &id); err != nil {
		b.Fatalf("post: %s", rec.Body)
	}
	query := signedServer(map[string]string{"method": "mediatopic.getByIds", "topic_ids": id}, g.AccessToken).Encode()
	if rec := ts.do("GET", "/fb.do?"+query, "", nil); rec.Header().Get("Invocation-Error") != "" {
		b.Fatalf("getByIds: %s", rec.Body)
	}
	r := httptest.NewRequest("GET", "/fb.do?"+query, nil)
	benchRoundTrip(b, ts, func() *http.Request { return r })
}

func benchRoundTrip(b *testing.B, ts *testServer, next func() *http.Request) {
	b.ReportAllocs()
	for b.Loop() {
		w := discardWriter{h: http.Header{}}
		ts.srv.ServeHTTP(w, next())
		if w.h.Get("Invocation-Error") != "" {
			b.Fatal("error answer")
		}
	}
}

// discardWriter is a ResponseWriter that keeps only the headers, so the
// figures are okmock's and not a recorder's.
type discardWriter struct{ h http.Header }

func (d discardWriter) Header() http.Header {
	if d.h == nil {
		return http.Header{}
	}
	return d.h
}
func (discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (discardWriter) WriteHeader(int)             {}
