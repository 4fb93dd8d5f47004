package mock

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestJournalMasksAndFlagsSecrets: a client that leaks its secrets is
// caught by the flags, and the values never reach the journal.
func TestJournalMasksAndFlagsSecrets(t *testing.T) {
	ts := newTestServer(t, Options{})
	demo := DemoApp()
	g := ts.session("VALUABLE_ACCESS")
	p := map[string]string{"method": "users.getLoggedInUser", "note": "my secret is " + demo.Secret, "application_secret_key": demo.Secret}
	q := signedServer(p, g.AccessToken)
	rec := ts.do("GET", "/fb.do?"+q.Encode(), "", map[string]string{"X-Debug": g.SessionSecret})
	if e := rec.Header().Get("Invocation-Error"); e != "" {
		t.Fatalf("call failed: %s", rec.Body)
	}
	req := ts.do("GET", ControlPrefix+"/requests?method=users.getLoggedInUser", "", nil)
	body := req.Body.String()
	for _, secret := range []string{demo.Secret, g.SessionSecret, g.AccessToken} {
		if strings.Contains(body, secret) {
			t.Errorf("journal contains a secret or token in clear: %s", secret)
		}
	}
	var list RequestList
	if err := json.Unmarshal(req.Body.Bytes(), &list); err != nil || list.Count != 1 {
		t.Fatalf("journal: %v %s", err, body)
	}
	e := list.Requests[0]
	if !e.Secrets.ApplicationSecret || !e.Secrets.SessionSecret {
		t.Errorf("secret flags = %+v, want both set", e.Secrets)
	}
	if e.Scheme != SchemeServer || e.UID != g.UID || e.ApplicationKey != demo.Key {
		t.Errorf("entry = %+v", e)
	}
	if e.Params["application_secret_key"] != "***" {
		t.Errorf("secret parameter not masked by name: %q", e.Params["application_secret_key"])
	}
	if !strings.Contains(e.Params["note"], "***APPLICATION_SECRET***") {
		t.Errorf("secret not masked by value: %q", e.Params["note"])
	}
}

// TestJournalFindsEncodedSecrets: a secret whose every byte is
// percent-encoded appears in no raw text, only in the decoded parameter;
// it is still flagged and masked, in the query and in a form body.
func TestJournalFindsEncodedSecrets(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	var hidden strings.Builder
	for _, c := range []byte(DemoApp().Secret) {
		fmt.Fprintf(&hidden, "%%%02X", c)
	}
	signed := signedServer(map[string]string{"method": "users.getLoggedInUser"}, g.AccessToken).Encode()
	ts.do("GET", "/fb.do?"+signed+"&note=x"+hidden.String(), "", nil)
	ts.do("POST", "/fb.do", signed+"&note=y"+hidden.String(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	entries := ts.srv.journal.list(JournalFilter{})
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	for i, e := range entries {
		e = e.materialized()
		if !e.Secrets.ApplicationSecret || strings.Contains(e.Params["note"], DemoApp().Secret) || !strings.HasSuffix(e.Params["note"], "***APPLICATION_SECRET***") {
			t.Errorf("entry %d: flags %+v, note %q", i, e.Secrets, e.Params["note"])
		}
	}
}

func TestWithin(t *testing.T) {
	raw := "method=a&note=b"
	if !within(raw[7:8], raw, "") || !within(raw[:], "", raw) || !within("", "", "") {
		t.Error("slices of the raw text are within it")
	}
	if within(strings.Clone(raw[7:8]), raw, "") || within(raw[7:9]+"x", raw, raw) {
		t.Error("copies are not within the raw text")
	}
}

// TestJournalCleanCallHasNoFlags: a correct client raises no flag.
func TestJournalCleanCallHasNoFlags(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS")
	ts.do("POST", "/fb.do", signedServer(map[string]string{"method": "users.getCurrentUser"}, g.AccessToken).Encode(), nil)
	entries := ts.srv.journal.list(JournalFilter{})
	if len(entries) != 1 || entries[0].Secrets.Any() {
		t.Fatalf("entries = %+v", entries)
	}
}

// TestJournalIsBounded: the ring keeps only the newest entries.
func TestJournalIsBounded(t *testing.T) {
	ts := newTestServer(t, Options{JournalSize: 5})
	for i := 0; i < 12; i++ {
		ts.do("GET", "/fb.do?method=users.getCurrentUser&i="+url.QueryEscape(string(rune('a'+i))), "", nil)
	}
	entries := ts.srv.journal.list(JournalFilter{})
	if len(entries) != 5 || entries[0].ID != 8 || entries[4].ID != 12 {
		t.Fatalf("got %d entries, ids %d..%d", len(entries), entries[0].ID, entries[len(entries)-1].ID)
	}
	if got := ts.srv.journal.list(JournalFilter{SinceID: 10}); len(got) != 2 {
		t.Errorf("since filter: %d entries", len(got))
	}
	var cnt RequestCount
	ts.control("GET", "/requests/count?error_code=101", nil, &cnt)
	if cnt.Count != 5 {
		t.Errorf("count = %d", cnt.Count)
	}
	if code := ts.control("DELETE", "/requests", nil, nil); code != 204 {
		t.Errorf("DELETE requests: %d", code)
	}
	if got := ts.srv.journal.list(JournalFilter{}); len(got) != 0 {
		t.Errorf("journal not cleared")
	}
}
