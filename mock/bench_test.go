package mock

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkRoundTrip is one signed users.getCurrentUser (server scheme)
// through the whole handler: parse, verify, dispatch, encode, journal.
// BenchmarkBaseline is a bare handler writing a fixed ~300-byte JSON body,
// measured in the same run so that figures can be quoted as ratios.
func BenchmarkRoundTrip(b *testing.B) {
	ts := newTestServer(b, Options{})
	g := ts.session("VALUABLE_ACCESS")
	target := "/fb.do?" + signedServer(map[string]string{"method": "users.getCurrentUser", "format": "json"}, g.AccessToken).Encode()
	req := httptest.NewRequest("GET", target, nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		ts.srv.ServeHTTP(rec, req)
		if rec.Header().Get("Invocation-Error") != "" {
			b.Fatal(rec.Body.String())
		}
	}
}

// baselineBody is a fixed ~300-byte user object.
var baselineBody = []byte(`{"uid":"575000000001","birthday":"1987-05-02","age":39,"first_name":"Иван","last_name":"Петров","name":"Иван Петров","locale":"ru","gender":"male","has_email":true,"location":{"city":"Москва","country":"RUSSIAN_FEDERATION","countryCode":"RU"},"online":"web","pic_1":"https://i.mycdn.me/i?r=AAAA","pic_2":"https://i.mycdn.me/i?r=BBBB"}`)

func BenchmarkBaseline(b *testing.B) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentTypeJSON)
		_, _ = w.Write(baselineBody)
	})
	req := httptest.NewRequest("GET", "/fb.do?method=users.getCurrentUser", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}
