package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// FuzzAPIRequest throws arbitrary query strings and bodies at the REST
// endpoint: whatever arrives, the answer is HTTP 200 with valid JSON (a
// result or OK's three-key error) and never a secret.
func FuzzAPIRequest(f *testing.F) {
	ts := newTestServer(f, Options{JournalSize: 16})
	g := ts.session("VALUABLE_ACCESS", "PHOTO_CONTENT")
	good := signedServer(map[string]string{"method": "users.getInfo", "uids": "575000000002", "fields": "uid,name"}, g.AccessToken).Encode()
	f.Add(good, "")
	f.Add("", good)
	f.Add("method=users.getCurrentUser&application_key=CBAFPJHFEBABABABA&sig=%zz", "a=%&b=%%%")
	f.Add("application_key=CBAFPJHFEBABABABA&access_token=&session_key=x&sig=", "attachment={\"media\":[[[[[[")
	f.Add("method=mediatopic.post&attachment=%7B%22media%22%3A%5B%5D%7D", "\x00\xff\xfe=\x00")
	f.Fuzz(func(t *testing.T, query, body string) {
		for _, method := range []string{"GET", "POST"} {
			rec := ts.do(method, "/fb.do?"+targetSafe(query), body, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("HTTP %d for %q / %q", rec.Code, query, body)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("invalid JSON %q", rec.Body)
			}
			if rec.Header().Get("Invocation-Error") != "" {
				var e map[string]any
				_ = json.Unmarshal(rec.Body.Bytes(), &e)
				if _, ok := e["error_msg"]; !ok {
					t.Fatalf("error without error_msg: %s", rec.Body)
				}
			}
			if s := rec.Body.String(); strings.Contains(s, DemoApp().Secret) || strings.Contains(s, g.SessionSecret) {
				t.Fatalf("secret in response: %s", s)
			}
		}
	})
}

// targetSafe percent-escapes the bytes a request line cannot carry
// (spaces, '#', control characters), so that any fuzzed query reaches the
// server instead of failing to build a request.
func targetSafe(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c == '#' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// FuzzSigningString compares the signing string of parsed parameters with
// the tests' independent reference implementation.
func FuzzSigningString(f *testing.F) {
	f.Add("a=1&b=Привет&sig=x&access_token=y")
	f.Add("a1=&a=%ff&session_key=s&a=2")
	f.Add("=&&==&%=%")
	f.Fuzz(func(t *testing.T, raw string) {
		var p Params
		p.parseParamString(raw)
		ref := map[string]string{}
		for _, prm := range p.All() {
			ref[prm.Key] = prm.Value
		}
		if got, want := Sign(p.All(), "secret"), refSign(ref, "secret"); got != want {
			t.Fatalf("sig %s, reference %s for %q", got, want, raw)
		}
	})
}
