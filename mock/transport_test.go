package mock

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// TestSignatureSchemesAccepted calls the same method signed in every scheme
// OK accepts, over every transport, and expects the same user back.
func TestSignatureSchemesAccepted(t *testing.T) {
	ts := newTestServer(t, Options{})
	demo := DemoApp()
	g := ts.session("VALUABLE_ACCESS")
	base := func() map[string]string {
		return map[string]string{"application_key": demo.Key, "method": "users.getCurrentUser", "format": "json"}
	}
	encode := func(p map[string]string, sig string, extra ...string) string {
		v := url.Values{}
		for k, val := range p {
			v.Set(k, val)
		}
		v.Set("sig", sig)
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		return v.Encode()
	}
	server := base()
	client := base()
	jsForm := base()
	jsForm["session_key"] = g.AccessToken
	noSession := map[string]string{"application_key": demo.Key, "method": "users.getInfo", "uids": "575000000002", "fields": "uid"}
	// Signing strings longer than the buffer verification builds them in
	// on its stack (a long post, a long list of ids).
	long := func(p map[string]string) map[string]string {
		out := map[string]string{"x_padding": strings.Repeat("пост ", 400)}
		for k, v := range p {
			out[k] = v
		}
		return out
	}
	longServer, longClient, longJS := long(server), long(client), long(jsForm)
	cases := []struct {
		name, query, scheme string
	}{
		{"server scheme", encode(server, refSign(server, refMD5(g.AccessToken+demo.Secret)), "access_token", g.AccessToken), "server"},
		{"client scheme", encode(client, refSign(client, g.SessionSecret), "access_token", g.AccessToken), "client"},
		{"legacy session_key name", encode(client, refSign(client, g.SessionSecret), "session_key", g.AccessToken), "client"},
		{"JS SDK signs session_key", encode(jsForm, refMD5(SigningString(paramsOf(jsForm), true)+g.SessionSecret)), "client"},
		{"application scheme", encode(noSession, refSign(noSession, demo.Secret)), "application"},
		{"uppercase hex sig", encode(client, strings.ToUpper(refSign(client, g.SessionSecret)), "access_token", g.AccessToken), "client"},
		{"long parameters, server scheme", encode(longServer, refSign(longServer, refMD5(g.AccessToken+demo.Secret)), "access_token", g.AccessToken), "server"},
		{"long parameters, client scheme", encode(longClient, refSign(longClient, g.SessionSecret), "access_token", g.AccessToken), "client"},
		{"long parameters, JS SDK signs session_key", encode(longJS, refMD5(SigningString(paramsOf(longJS), true)+g.SessionSecret)), "client"},
	}
	for _, tc := range cases {
		for _, transport := range []string{"GET fb.do", "POST fb.do", "GET api path"} {
			t.Run(tc.name+"/"+transport, func(t *testing.T) {
				var rec = ts.do("GET", "/fb.do?"+tc.query, "", nil)
				switch transport {
				case "POST fb.do":
					rec = ts.do("POST", "/fb.do", tc.query, nil)
				case "GET api path":
					q, _ := url.ParseQuery(tc.query)
					m := q.Get("method")
					// The method is implied by the path; it was signed, so
					// it stays in the query.
					rec = ts.do("GET", "/api/"+strings.Replace(m, ".", "/", 1)+"?"+tc.query, "", nil)
				}
				if e := rec.Header().Get("Invocation-Error"); e != "" {
					t.Fatalf("Invocation-Error %s: %s", e, rec.Body)
				}
				if ct := rec.Header().Get("Content-Type"); ct != "application/json;charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				entries := ts.srv.journal.list(JournalFilter{Limit: 1})
				if got := string(entries[0].Scheme); got != tc.scheme {
					t.Errorf("journal scheme = %q, want %q", got, tc.scheme)
				}
			})
		}
	}
}

func paramsOf(m map[string]string) []Param {
	var ps []Param
	for k, v := range m {
		ps = append(ps, Param{k, v})
	}
	return ps
}

// TestMethodImpliedByPath: on /api/{group}/{method} the method need not be
// sent, and is then not part of the signing string.
func TestMethodImpliedByPath(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	p := map[string]string{"application_key": DemoApp().Key}
	q := url.Values{"application_key": {DemoApp().Key}, "access_token": {g.AccessToken}, "sig": {refSign(p, g.SessionSecret)}}
	rec := ts.do("GET", "/api/users/getLoggedInUser?"+q.Encode(), "", nil)
	if rec.Header().Get("Invocation-Error") != "" {
		t.Fatalf("got error %s", rec.Body)
	}
	var uid string
	if err := json.Unmarshal(rec.Body.Bytes(), &uid); err != nil || uid != g.UID {
		t.Errorf("body %s, want the bare string %q", rec.Body, g.UID)
	}
}

// TestFormatAndMethodCase: format may be json, JSON or absent; method names
// are case-insensitive.
func TestFormatAndMethodCase(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	for _, tc := range []map[string]string{
		{"method": "users.getLoggedInUser", "format": "JSON"},
		{"method": "users.getLoggedInUser", "format": "json"},
		{"method": "users.getLoggedInUser"},
		{"method": "USERS.GETLOGGEDINUSER"},
	} {
		rec := ts.do("GET", "/fb.do?"+signedServer(tc, g.AccessToken).Encode(), "", nil)
		if e := rec.Header().Get("Invocation-Error"); e != "" {
			t.Errorf("%v: error %s", tc, rec.Body)
		}
	}
}

// TestRawUnencodedBody: one real client posts values unencoded with a
// trailing '&'; the signature is over the raw values.
func TestRawUnencodedBody(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	p := map[string]string{"application_key": DemoApp().Key, "method": "users.getInfo", "uids": "575000000002", "fields": "uid,first_name"}
	body := "application_key=" + p["application_key"] + "&method=users.getInfo&uids=575000000002&fields=uid,first_name&access_token=" + g.AccessToken + "&sig=" + refSign(p, g.SessionSecret) + "&"
	rec := ts.do("POST", "/fb.do", body, nil)
	if e := rec.Header().Get("Invocation-Error"); e != "" {
		t.Fatalf("error %s", rec.Body)
	}
	var users []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &users); err != nil || len(users) != 1 || users[0]["uid"] != "575000000002" {
		t.Fatalf("body %s", rec.Body)
	}
	if len(users[0]) != 2 {
		t.Errorf("only the requested fields must come back: %v", users[0])
	}
}

// TestSdkInitUnsigned: sdk.init is answered without a signature, and with
// a wrong one too.
func TestSdkInitUnsigned(t *testing.T) {
	ts := newTestServer(t, Options{})
	data := url.QueryEscape(`{"version":2,"device_id":"d1","client_type":"SDK_ANDROID"}`)
	for _, q := range []string{
		"application_key=" + DemoApp().Key + "&method=sdk.init&session_data=" + data,
		"application_key=" + DemoApp().Key + "&method=sdk.init&sig=00000000000000000000000000000000&session_data=" + data,
	} {
		rec := ts.do("GET", "/fb.do?"+q, "", nil)
		var out map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out["session_key"] == "" {
			t.Errorf("%s: %s", q, rec.Body)
		}
	}
}
