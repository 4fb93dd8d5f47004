package scenarios

import "testing"

func TestMatchSelectsRequests(t *testing.T) {
	withParams := func(r Request, m map[string]string) Request { r.Param = params(m); return r }
	on := func(ep Endpoint, r Request) Request { r.Endpoint = ep; return r }
	other := func(r Request, f func(*Request)) Request { f(&r); return r }
	tests := []struct {
		name  string
		match string
		req   Request
		want  bool
	}{
		{"method glob", `{method: "photos.*"}`, apiCall("photos.getPhotos"), true},
		{"method glob is case-insensitive", `{method: "PHOTOS.get*"}`, apiCall("photos.getPhotos"), true},
		{"method glob misses", `{method: "photos.*"}`, apiCall("photosV2.commit"), false},
		{"method alternatives", `{method: [users.getInfo, "photos*"]}`, apiCall("photosV2.commit"), true},
		{"method implies the API endpoint", `{method: "*"}`, on(EndpointToken, apiCall("x")), false},
		{"method on another endpoint when named", `{endpoint: upload, method: "*"}`, on(EndpointUpload, apiCall("")), true},
		{"no method: any endpoint", `{application_key: APPKEY}`, on(EndpointAuthorize, apiCall("")), true},
		{"endpoint list", `{endpoint: [token, authorize]}`, on(EndpointAuthorize, apiCall("")), true},
		{"endpoint list misses", `{endpoint: [token, authorize]}`, apiCall("a.b"), false},
		{"empty endpoint means api", `{endpoint: api}`, on("", apiCall("a.b")), true},
		{"application key scopes", `{application_key: OTHERKEY}`, apiCall("a.b"), false},
		{"application key is case-sensitive", `{application_key: appkey}`, apiCall("a.b"), false},
		{"access token scopes", `{access_token: "-s-token"}`, apiCall("a.b"), true},
		{"access token misses", `{access_token: "-s-other"}`, apiCall("a.b"), false},
		{"any token", `{access_token: "?*"}`, apiCall("a.b"), true},
		{"no token", `{access_token: "?*"}`, other(apiCall("a.b"), func(r *Request) { r.AccessToken = "" }), false},
		{"uid glob", `{uid: "5750000000*"}`, apiCall("a.b"), true},
		{"uid given unquoted", `{uid: 575000000001}`, apiCall("a.b"), true},
		{"uid misses", `{uid: 575000000002}`, apiCall("a.b"), false},
		{"param exact", `{params: {type: USER}}`, withParams(apiCall("a.b"), map[string]string{"type": "USER"}), true},
		{"param value is case-sensitive", `{params: {type: USER}}`, withParams(apiCall("a.b"), map[string]string{"type": "user"}), false},
		{"param glob", `{params: {fields: "*email*"}}`, withParams(apiCall("a.b"), map[string]string{"fields": "uid,email,name"}), true},
		{"param alternatives", `{params: {type: [USER, GROUP_THEME]}}`, withParams(apiCall("a.b"), map[string]string{"type": "GROUP_THEME"}), true},
		{"param missing", `{params: {type: USER}}`, withParams(apiCall("a.b"), map[string]string{}), false},
		{"param empty value", `{params: {type: ""}}`, withParams(apiCall("a.b"), map[string]string{"type": ""}), true},
		{"no param lookup", `{params: {type: USER}}`, apiCall("a.b"), false},
		{"every param must match", `{params: {a: "1", b: "2"}}`, withParams(apiCall("a.b"), map[string]string{"a": "1", "b": "3"}), false},
		{"literal star escaped", `{params: {fields: '\*'}}`, withParams(apiCall("a.b"), map[string]string{"fields": "uid"}), false},
		{"everything together", `{endpoint: api, method: users.getInfo, application_key: APPKEY, access_token: "-s-*", uid: "575*", params: {uids: "575*"}}`,
			withParams(apiCall("users.getInfo"), map[string]string{"uids": "575000000002"}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := engineWith(t, 1, "match: "+tt.match+"\nrespond: {http_status: 500}")
			if got := e.Evaluate(tt.req) != nil; got != tt.want {
				t.Errorf("fired=%v, want %v", got, tt.want)
			}
			wantMatched := int64(0)
			if tt.want {
				wantMatched = 1
			}
			if m := e.List()[0].Matched; m != wantMatched {
				t.Errorf("matched count %d, want %d", m, wantMatched)
			}
		})
	}
}

func TestScopedDocumentOnlyTrapsItsApplication(t *testing.T) {
	doc, ok := Named("ip-blocked")
	if !ok {
		t.Fatal("ip-blocked is not in the library")
	}
	scoped := doc.Scoped("APP*KEY")
	if scoped.Name != "ip-blocked@APP_KEY" {
		t.Errorf("scoped name = %q", scoped.Name)
	}
	e := NewEngine(1)
	if _, err := e.Add(scoped); err != nil {
		t.Fatal(err)
	}
	mine, theirs, lookalike := apiCall("a.b"), apiCall("a.b"), apiCall("a.b")
	mine.ApplicationKey, theirs.ApplicationKey, lookalike.ApplicationKey = "APP*KEY", "OTHER", "APPxKEY"
	if describe(e.Evaluate(mine)) != "error=9" || e.Evaluate(theirs) != nil || e.Evaluate(lookalike) != nil {
		t.Error("a scoped scenario must hit its application only (the key is matched literally)")
	}
	if again, _ := Named("ip-blocked"); len(again.Rules[0].Match.ApplicationKey) != 0 || again.Name != "ip-blocked" {
		t.Error("scoping changed the library's copy")
	}
	if n := e.RemoveDocument(scoped.Name); n != 1 {
		t.Errorf("RemoveDocument removed %d rules, want 1", n)
	}
}
