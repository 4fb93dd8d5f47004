package mock

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestSameSeedSameBytes: two servers with the same seed answer the same
// reads byte for byte; another seed differs.
func TestSameSeedSameBytes(t *testing.T) {
	read := func(seed int64) []byte {
		ts := newTestServer(t, Options{Seed: seed})
		fixed := SessionSpec{ApplicationKey: DemoApp().Key, AccessToken: "-s-fixed", SessionSecret: "fixed", Scopes: []string{"VALUABLE_ACCESS", "GET_EMAIL"}}
		ts.control("POST", "/sessions", fixed, nil)
		var out bytes.Buffer
		for _, p := range []map[string]string{
			{"method": "users.getCurrentUser", "fields": "uid,first_name,last_name,gender,birthday,age,location,email,pic_3"},
			{"method": "friends.get"},
			{"method": "users.getInfo", "uids": "575000000002,575000000003", "fields": "name,birthday,location"},
			{"method": "group.getUserGroupsV2"},
			{"method": "events.get"},
		} {
			out.Write(ts.call("-s-fixed", p, nil).Body.Bytes())
		}
		return out.Bytes()
	}
	a, b, c := read(11), read(11), read(12)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different bytes")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same bytes")
	}
}

// TestEmailNeedsGetEmail: users.getCurrentUser needs no scope, but its
// email field only comes with GET_EMAIL.
func TestEmailNeedsGetEmail(t *testing.T) {
	ts := newTestServer(t, Options{})
	for _, tc := range []struct {
		scopes []string
		want   bool
	}{{nil, false}, {[]string{"GET_EMAIL"}, true}} {
		g := ts.session(tc.scopes...)
		var user map[string]any
		ts.call(g.AccessToken, map[string]string{"method": "users.getCurrentUser", "fields": "EMAIL,Has_Email"}, &user)
		if _, has := user["email"]; has != tc.want {
			t.Errorf("scopes %v: email present = %v, want %v (%v)", tc.scopes, has, tc.want, user)
		}
		if user["uid"] != g.UID || user["has_email"] != true {
			t.Errorf("scopes %v: %v", tc.scopes, user)
		}
	}
}

// TestDefaultFieldsOfCurrentUser: without fields, the captured default set.
func TestDefaultFieldsOfCurrentUser(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session()
	rec := ts.call(g.AccessToken, map[string]string{"method": "users.getCurrentUser"}, nil)
	if !strings.HasPrefix(rec.Body.String(), `{"uid":"575000000001",`) {
		t.Errorf("uid must come first: %s", rec.Body)
	}
	var user map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &user)
	for _, k := range []string{"uid", "first_name", "last_name", "name", "gender", "locale", "location", "pic_1", "pic_2", "has_email"} {
		if _, ok := user[k]; !ok {
			t.Errorf("default answer lacks %s: %s", k, rec.Body)
		}
	}
	if _, ok := user["email"]; ok {
		t.Error("email without GET_EMAIL")
	}
}

// TestPublicURLForUploads: upload_url follows --public-url when given.
func TestPublicURLForUploads(t *testing.T) {
	ts := newTestServer(t, Options{PublicURL: "https://api.ok.ru/"})
	g := ts.session("PHOTO_CONTENT")
	var up uploadURL
	ts.call(g.AccessToken, map[string]string{"method": "photosV2.getUploadUrl"}, &up)
	if !strings.HasPrefix(up.UploadURL, "https://api.ok.ru/upload/photos?") {
		t.Errorf("upload_url = %s", up.UploadURL)
	}
}

// TestLongAccessTokenExtendedOnUse: a LONG_ACCESS_TOKEN token lives 30
// days from its last use.
func TestLongAccessTokenExtendedOnUse(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("LONG_ACCESS_TOKEN")
	if g.ExpiresIn != int64(LongAccessTTL/time.Second) {
		t.Fatalf("expires_in = %d", g.ExpiresIn)
	}
	for i := 0; i < 3; i++ {
		ts.srv.Advance(20 * 24 * time.Hour)
		ts.call(g.AccessToken, map[string]string{"method": "users.getLoggedInUser"}, nil)
	}
	ts.srv.Advance(31 * 24 * time.Hour)
	rec := ts.do("GET", "/fb.do?"+signedServer(map[string]string{"method": "users.getLoggedInUser"}, g.AccessToken).Encode(), "", nil)
	if code, _, _ := okError(t, rec); code != 102 {
		t.Errorf("after 31 idle days: %d", code)
	}
}

// TestManySessionsPerUser: an application may hold many sessions at once,
// for the same user too.
func TestManySessionsPerUser(t *testing.T) {
	ts := newTestServer(t, Options{})
	a, b := ts.session(), ts.session()
	if a.AccessToken == b.AccessToken || a.UID != b.UID {
		t.Fatalf("%+v %+v", a, b)
	}
	for _, g := range []SessionGrant{a, b} {
		ts.call(g.AccessToken, map[string]string{"method": "users.getLoggedInUser"}, nil)
	}
}
