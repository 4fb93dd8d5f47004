package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Hostile input: malformed and abusive requests, each with the answer it
// must get (OK's error, or a plain HTTP status), quickly, leaving the
// server healthy. The TCP-level cases (slow clients, HTTP/1.0, pipelining)
// are in hostile_tcp_test.go; hostile YAML in hostile_yaml_test.go.

// hostileLimits are the defaults but for a smaller upload cap, so that
// an oversized upload is cheap to build.
var hostileLimits = Limits{MaxUploadBytes: 256 << 10}

// hostileDeadline is how long any hostile request may take to be answered
// (generous for -race on a shared machine; the real figures are
// milliseconds).
const hostileDeadline = 3 * time.Second

// hostileEnv is what the cases build their requests from.
type hostileEnv struct {
	ts        *testServer
	g         SessionGrant
	uploadURL string // a valid upload URL of the session
}

// signed is a server-scheme query or body for the session, values raw.
func (h *hostileEnv) signed(params map[string]string) string {
	return signedServer(params, h.g.AccessToken).Encode()
}

// signedRaw signs decoded values but sends some of them in the raw form
// given (invalid percent-encoding, say), the way a sloppy client would.
func (h *hostileEnv) signedRaw(decoded, raw map[string]string) string {
	v := signedServer(decoded, h.g.AccessToken)
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		enc := url.QueryEscape(v.Get(k))
		if r, ok := raw[k]; ok {
			enc = r
		}
		parts = append(parts, url.QueryEscape(k)+"="+enc)
	}
	return strings.Join(parts, "&")
}

func get(target string) *http.Request { return httptest.NewRequest("GET", target, nil) }

func post(target, contentType, body string) *http.Request {
	r := httptest.NewRequest("POST", target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func form(body string) *http.Request {
	return post("/fb.do", "application/x-www-form-urlencoded", body)
}

// manyParams is n parameters k0&k1&...&k<n-1> (keys in hex, no values),
// or n copies of one key.
func manyParams(n int, sameKey bool) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte('&')
		}
		if sameKey {
			b.WriteString("k=v")
		} else {
			fmt.Fprintf(&b, "k%x", i)
		}
	}
	return b.String()
}

// post is a signed mediatopic.post with the attachment given.
func (h *hostileEnv) postTopic(attachment string) *http.Request {
	return form(h.signed(map[string]string{"method": "mediatopic.post", "attachment": attachment}))
}

// hostileCase is one abusive request and what it must get. want is an OK
// error_code; with status set, a plain HTTP status is expected instead;
// with neither, a successful answer.
type hostileCase struct {
	name   string
	build  func(h *hostileEnv) *http.Request
	want   int
	status int
	check  func(t *testing.T, rec *httptest.ResponseRecorder)
}

var hostileCases = []hostileCase{
	// Oversized bodies and uploads.
	{name: "form body over MaxBodyBytes", want: 30, build: func(h *hostileEnv) *http.Request {
		return form("method=users.getCurrentUser&pad=" + strings.Repeat("x", defaultMaxBodyBytes))
	}},
	{name: "body with no content type over MaxBodyBytes", want: 30, build: func(h *hostileEnv) *http.Request {
		return post("/fb.do", "", strings.Repeat("a=b&", defaultMaxBodyBytes/4+1))
	}},
	{name: "multipart REST call over MaxUploadBytes", want: 30, build: func(h *hostileEnv) *http.Request {
		body, ct := multipartBody(map[string][]byte{"pic1": []byte(strings.Repeat("x", 300<<10))})
		return post("/fb.do", ct, body)
	}},
	{name: "upload over MaxUploadBytes", want: 500, build: func(h *hostileEnv) *http.Request {
		big := append(append([]byte{}, pngBytes...), make([]byte, 300<<10)...)
		body, ct := multipartBody(map[string][]byte{"pic1": big})
		return post(h.uploadPath(), ct, body)
	}},
	{name: "upload of a thousand empty fields", want: 505, build: func(h *hostileEnv) *http.Request {
		body := strings.Repeat("--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n", 1000) + "--B--\r\n"
		return post(h.uploadPath(), "multipart/form-data; boundary=B", body)
	}},

	// Parameter floods.
	{name: "10,000 parameters in the query", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + manyParams(10000, false))
	}},
	{name: "10,000 parameters in a form body", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return form(manyParams(10000, false))
	}},
	{name: "a 1 MiB body of 150,000 parameters", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return form(manyParams(150000, false))
	}},
	{name: "10,000 copies of one key", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + manyParams(10000, true))
	}},
	{name: "one parameter over MaxParams, split between query and body", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		r := form(manyParams(501, false))
		r.URL.RawQuery = strings.ReplaceAll(manyParams(500, false), "k", "q")
		return r
	}},

	// Encoding.
	{name: "invalid percent-encoding in application_key", want: CodeAPIKey, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?method=users.getCurrentUser&application_key=%zz%")
	}},
	{name: "invalid percent-encoding kept raw and signed raw", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signedRaw(map[string]string{"method": "users.getCurrentUser", "note": "%zz%"}, map[string]string{"note": "%zz%"}))
	}},
	{name: "invalid UTF-8 in a value", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users.getCurrentUser", "fields": "uid,\xff\xfename"}))
	}},
	{name: "invalid UTF-8 in a key", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users.getCurrentUser", "\xc3\x28": "x"}))
	}},
	{name: "NUL inside the method name", want: CodeMethod, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users.get\x00CurrentUser"}))
	}},
	{name: "NUL inside a value", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users.getCurrentUser", "fields": "uid\x00,name"}))
	}},
	{name: "NUL as the application key", want: CodeAPIKey, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?method=users.getCurrentUser&application_key=%00")
	}},

	// Duplicate keys: the first value wins, for lookup and signing alike.
	{name: "method sent twice, first one signed", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users.getCurrentUser"}) + "&method=friends.get")
	}, check: func(t *testing.T, rec *httptest.ResponseRecorder) {
		if !strings.HasPrefix(rec.Body.String(), `{"uid":`) {
			t.Errorf("the second method won: %s", rec.Body)
		}
	}},
	{name: "sig sent twice, right one second", want: CodeSignature, build: func(h *hostileEnv) *http.Request {
		good := h.signed(map[string]string{"method": "users.getCurrentUser"})
		return get("/fb.do?sig=" + strings.Repeat("0", 32) + "&" + good)
	}},
	{name: "application_key in query and body", build: func(h *hostileEnv) *http.Request {
		r := form(h.signed(map[string]string{"method": "users.getCurrentUser"}))
		r.URL.RawQuery = "application_key=" + DemoApp().Key
		return r
	}},

	// Absurd sizes of ordinary values.
	{name: "100 KB method name", want: CodeMethod, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users." + strings.Repeat("x", 100<<10)}))
	}},
	{name: "100 KB sig", want: CodeSignature, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?method=users.getCurrentUser&application_key=" + DemoApp().Key + "&access_token=" + h.g.AccessToken + "&sig=" + strings.Repeat("f", 100<<10))
	}},
	{name: "100 KB access token", want: CodeSessionKey, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?method=users.getCurrentUser&application_key=" + DemoApp().Key + "&sig=x&access_token=" + strings.Repeat("t", 100<<10))
	}},
	{name: "20,000 field names", build: func(h *hostileEnv) *http.Request {
		return form(h.signed(map[string]string{"method": "users.getCurrentUser", "fields": strings.Repeat("name,", 20000)}))
	}},
	{name: "users.getInfo with 101 uids", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "users.getInfo", "uids": strings.TrimSuffix(strings.Repeat("575000000002,", 101), ",")}))
	}},

	// Attachment JSON.
	{name: "attachment nested 20,000 deep", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return h.postTopic(`{"media":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`)
	}},
	{name: "media block nested 20,000 deep", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return h.postTopic(`{"media":[{"type":"text","text":` + strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000) + `}]}`)
	}},
	{name: "attachment of 5,000 media blocks", want: 600, build: func(h *hostileEnv) *http.Request {
		return h.postTopic(`{"media":[` + strings.TrimSuffix(strings.Repeat(`{"type":"text","text":"x"},`, 5000), ",") + `]}`)
	}},
	{name: "text block of 40,000 characters", want: 601, build: func(h *hostileEnv) *http.Request {
		return h.postTopic(`{"media":[{"type":"text","text":"` + strings.Repeat("я", 40000) + `"}]}`)
	}},
	{name: "attachment that is JSON null", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return h.postTopic("null")
	}},
	{name: "attachment with a number too big for any type, kept as written", build: func(h *hostileEnv) *http.Request {
		return h.postTopic(`{"media":[{"type":"text","text":"x","n":1e999999}],"extra":1e999999}`)
	}},
	{name: "attachment with invalid UTF-8 reads back as valid JSON", build: func(h *hostileEnv) *http.Request {
		return h.postTopic("{\"media\":[{\"type\":\"text\",\"text\":\"bad \xff\xfe bytes\"}]}")
	}, check: func(t *testing.T, rec *httptest.ResponseRecorder) {
		t.Helper()
		var id string
		if err := json.Unmarshal(rec.Body.Bytes(), &id); err != nil {
			t.Fatalf("post: %s", rec.Body)
		}
		// Read back in the next request of the same environment.
		hostileReadBack = id
	}},

	// Multipart boundaries.
	{name: "multipart without a boundary", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return post("/fb.do", "multipart/form-data", "--x\r\n\r\n--x--")
	}},
	{name: "multipart whose boundary never comes", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return post("/fb.do", "multipart/form-data; boundary=nowhere", strings.Repeat("junk ", 1000))
	}},
	{name: "multipart with a 2,000-byte boundary, parsed", want: CodeAPIKey, build: func(h *hostileEnv) *http.Request {
		b := strings.Repeat("b", 2000)
		return post("/fb.do", "multipart/form-data; boundary="+b, "--"+b+"\r\nContent-Disposition: form-data; name=\"method\"\r\n\r\nusers.getCurrentUser\r\n--"+b+"--\r\n")
	}},
	{name: "multipart with an unterminated boundary parameter", want: CodeRequest, build: func(h *hostileEnv) *http.Request {
		return post("/fb.do", "multipart/form-data; boundary=\"unterminated", "a=b")
	}},
	{name: "upload whose boundary never comes", want: 324, build: func(h *hostileEnv) *http.Request {
		return post(h.uploadPath(), "multipart/form-data; boundary=nowhere", strings.Repeat("junk ", 1000))
	}},
	{name: "upload that is not multipart", want: 21, build: func(h *hostileEnv) *http.Request {
		return post(h.uploadPath(), "image/png", string(pngBytes))
	}},

	// Absurd count and anchor values.
	{name: "count with 30 digits", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "photosV2.getUploadUrl", "count": strings.Repeat("9", 30)}))
	}},
	{name: "negative count", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "photosV2.getUploadUrl", "count": "-1"}))
	}},
	{name: "a million photos asked for", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "photosV2.getUploadUrl", "count": "1000000"}))
	}, check: func(t *testing.T, rec *httptest.ResponseRecorder) {
		var up uploadURL
		if err := json.Unmarshal(rec.Body.Bytes(), &up); err != nil || len(up.PhotoIDs) != maxUploadCount {
			t.Errorf("count not capped at %d: %d ids", maxUploadCount, len(up.PhotoIDs))
		}
	}},
	{name: "anchor that is not okmock's", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "group.getUserGroupsV2", "anchor": "../../etc/passwd"}))
	}},
	{name: "forged anchor far past the end", build: func(h *hostileEnv) *http.Request {
		return get("/fb.do?" + h.signed(map[string]string{"method": "group.getUserGroupsV2", "anchor": encodeAnchor(1 << 62), "count": "99999"}))
	}},

	// Path traversal around the upload URL.
	{name: "dot segments after the upload path", status: http.StatusNotFound, build: func(h *hostileEnv) *http.Request {
		return post("/upload/photos/../../../etc/passwd", "", "")
	}},
	{name: "encoded dot segments", status: http.StatusNotFound, build: func(h *hostileEnv) *http.Request {
		return post("/upload/%2e%2e/%2e%2e/etc/passwd", "", "")
	}},
	{name: "traversal in the upload token", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		body, ct := multipartBody(map[string][]byte{"pic1": pngBytes})
		return post(uploadPath+"?apiToken=..%2F..%2Fetc%2Fpasswd&photoIds=..%2Fx", ct, body)
	}},
	{name: "traversal in the photo ids", want: CodeParam, build: func(h *hostileEnv) *http.Request {
		body, ct := multipartBody(map[string][]byte{"pic1": pngBytes})
		u, _ := url.Parse(h.uploadURL)
		q := u.Query()
		q.Set("photoIds", "../../../etc/passwd")
		return post(uploadPath+"?"+q.Encode(), ct, body)
	}},
	{name: "GET of the upload path", status: http.StatusMethodNotAllowed, build: func(h *hostileEnv) *http.Request {
		return get(uploadPath)
	}},

	// Methods and paths nobody serves.
	{name: "PUT on the REST endpoint", status: http.StatusMethodNotAllowed, build: func(h *hostileEnv) *http.Request {
		return httptest.NewRequest("PUT", "/fb.do", nil)
	}},
	{name: "unknown path", status: http.StatusNotFound, build: func(h *hostileEnv) *http.Request {
		return get("/%00/../../etc/passwd")
	}},

	// The control API.
	{name: "control body over 1 MiB", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/apps", "application/json", `{"name":"`+strings.Repeat("x", 2<<20)+`"}`)
	}},
	{name: "control body that is not JSON", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/sessions", "application/json", "{{{{")
	}},
	{name: "clock moved by 1e300 seconds", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/clock", "application/json", `{"advance_seconds":1e300}`)
	}},
	{name: "session living 9e18 seconds", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/sessions", "application/json", `{"application_key":"`+DemoApp().Key+`","ttl_seconds":9000000000000000000}`)
	}},
	{name: "journal limit with 30 digits", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return get(ControlPrefix + "/requests?limit=" + strings.Repeat("9", 30))
	}},
	{name: "scenario anchor bomb", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/scenarios", "application/yaml", yamlBomb)
	}},
	{name: "scenario over 1 MiB", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/scenarios", "application/yaml", "rules:\n"+strings.Repeat("  - {match: {method: users.getInfo}, respond: {error_code: 2}}\n", 20000))
	}},
	{name: "scenario delayed past the maximum", status: http.StatusBadRequest, build: func(h *hostileEnv) *http.Request {
		return post(ControlPrefix+"/scenarios", "application/json", `{"match":{"method":"users.getInfo"},"respond":{"delay_ms":9000000000}}`)
	}},
}

// hostileReadBack passes a topic id from the invalid-UTF-8 post to the
// check after the table (cases run in order, in one goroutine).
var hostileReadBack string

// uploadPath is the path and query of the environment's upload URL.
func (h *hostileEnv) uploadPath() string {
	u, _ := url.Parse(h.uploadURL)
	return u.RequestURI()
}

func TestHostileRequests(t *testing.T) {
	if n := len(hostileCases) + len(hostileTCPCases) + len(hostileYAMLCases); n < 40 {
		t.Fatalf("only %d hostile cases", n)
	}
	ts := newTestServer(t, Options{Limits: hostileLimits})
	h := &hostileEnv{ts: ts, g: ts.session("VALUABLE_ACCESS", "PHOTO_CONTENT", "GROUP_CONTENT")}
	var up uploadURL
	ts.call(h.g.AccessToken, map[string]string{"method": "photosV2.getUploadUrl"}, &up)
	h.uploadURL = up.UploadURL

	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.build(h)
			rec := httptest.NewRecorder()
			start := time.Now()
			ts.srv.ServeHTTP(rec, req)
			if took := time.Since(start); took > hostileDeadline {
				t.Errorf("answered in %s", took)
			}
			checkHostileAnswer(t, tc, rec)
			if tc.check != nil {
				tc.check(t, rec)
			}
			checkHealthy(t, ts)
		})
	}

	t.Run("invalid UTF-8 post reads back as valid JSON", func(t *testing.T) {
		if hostileReadBack == "" {
			t.Skip("the post failed")
		}
		rec := ts.do("GET", "/fb.do?"+h.signed(map[string]string{"method": "mediatopic.getByIds", "topic_ids": hostileReadBack}), "", nil)
		if !utf8.Valid(rec.Body.Bytes()) || !json.Valid(rec.Body.Bytes()) || rec.Header().Get("Invocation-Error") != "" {
			t.Errorf("read back: %q", rec.Body)
		}
	})
}

// checkHostileAnswer checks the wire form of the answer: OK's error with
// the expected code, a plain status with a small JSON body, or a result.
func checkHostileAnswer(t *testing.T, tc hostileCase, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.Bytes()
	if !json.Valid(body) || !utf8.Valid(body) {
		t.Fatalf("answer is not valid JSON: %.300q", body)
	}
	if strings.Contains(string(body), DemoApp().Secret) {
		t.Fatalf("secret in the answer: %.300s", body)
	}
	switch {
	case tc.status != 0:
		if rec.Code != tc.status || rec.Header().Get("Invocation-Error") != "" {
			t.Errorf("HTTP %d (Invocation-Error %q), want plain %d: %.300s", rec.Code, rec.Header().Get("Invocation-Error"), tc.status, body)
		}
	case tc.want != 0:
		if code, msg, _ := okError(t, rec); code != tc.want {
			t.Errorf("error %d %q, want %d", code, msg, tc.want)
		}
	default:
		if rec.Code != http.StatusOK || rec.Header().Get("Invocation-Error") != "" {
			t.Errorf("HTTP %d %.300s, want a result", rec.Code, body)
		}
	}
}

// checkHealthy asks the health endpoint, as a monitor would.
func checkHealthy(t *testing.T, ts *testServer) {
	t.Helper()
	var h Health
	if code := ts.control("GET", "/health", nil, &h); code != http.StatusOK || h.Status != "ok" {
		t.Fatalf("unhealthy after the request: %d %+v", code, h)
	}
}

// yamlBomb is the "billion laughs" of YAML: nine levels of aliases, each
// repeating the one below nine times.
var yamlBomb = func() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("rules: *a9\n")
	return b.String()
}()
