package document

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Real answers (captured or documented, trimmed) must fit the result
// schemas, and plausible wrong shapes must not.
func TestResultSchemasFitRealAnswers(t *testing.T) {
	c := mustDefault(t)
	doc := mustDocument(t, c)
	tests := []struct {
		method, body string
		ok           bool
	}{
		{"users.getCurrentUser", `{"uid":"143645560158","birthday":"1987-05-02","age":26,"first_name":"Name","last_name":"LName",
			"name":"Name Uname","locale":"ru","gender":"male","has_email":true,"location":{"country":"RUSSIAN_FEDERATION","city":"Москва"},
			"online":"web","pic_1":"http://i513.mycdn.me/res/vvvv_50x50.gif","pic_2":"http://usd1.mycdn.me/res/stub_128x96.gif"}`, true},
		{"users.getCurrentUser", `{"first_name":"Name"}`, false},
		{"users.getCurrentUser", `[{"uid":"143645560158"}]`, false},
		{"users.getInfo", `[{"uid":"143645560158","first_name":"Name"}]`, true},
		{"users.getInfo", `[]`, true},
		{"users.getInfo", `{"users":[{"uid":"143645560158"}]}`, false},
		{"users.getInfo", `[{"uid":143645560158}]`, false},
		{"users.getLoggedInUser", `"143645560158"`, true},
		{"users.getLoggedInUser", `143645560158`, false},
		{"users.hasAppPermission", `true`, true},
		{"users.hasAppPermission", `"true"`, false},
		{"friends.get", `["1375719376","1915735973"]`, true},
		{"friends.get", `{"friends":["1375719376"]}`, false},
		{"events.get", `[{"uid":"143645560158","type":"marks","number":1,"lastId":1268894287998,"message":1,"icon":1},
			{"uid":"143645560158","type":"messages","number":3,"lastId":0,"message":0,"icon":0}]`, true},
		{"group.getInfo", `[{"uid":"53038939046008","name":"Group","members_count":10,"access_type":"OPEN"}]`, true},
		{"group.getUserGroupsV2", `{"groups":[{"groupId":"53038939046008","userId":"143645560158","status":"ADMIN"}],"anchor":"x"}`, true},
		{"photos.getPhotos", `{"hasMore":true,"anchor":"LTE4OTI2Mzc2ODI6LTE4OTI2Mzc2ODI=","photos":[{"id":"542075334238",
			"standard_width":603,"standard_height":286,"pic640x480":"http://x","text":""}]}`, true},
		{"photos.getAlbums", `{"hasMore":true,"pagingAnchor":"x","albums":[{"aid":"542075281758","title":"album1",
			"created":"2014-01-17","photos_count":3,"type":"PUBLIC"}]}`, true},
		{"photos.getAlbums", `{"albums":[]}`, true},
		{"photos.createAlbum", `"10203145153019471"`, true},
		{"photosV2.getUploadUrl", `{"photo_ids":["/y5MDWBStoj4ArwBaoh4cwDqu5TJlhS+nDPpp27rHLIfKlfJm5lbSg=="],
			"upload_url":"http://up.odnoklassniki.ru/uploadImage?apiToken=x","expires":"2014.02.18 12:19"}`, true},
		{"photosV2.commit", `{"photos":[{"photo_id":"eqvWJ==","status":"SUCCESS","assigned_photo_id":"547890607710"}],"aid":"542075281758"}`, true},
		{"photosV2.commit", `{"photos":[{"photo_id":"eqvWJ==","status":"MAYBE"}]}`, false},
		{"mediatopic.post", `"63784035699550"`, true},
		{"mediatopic.post", `63784035699550`, false},
		{"url.getInfo", `{"objectId":53038939046008,"type":"GROUP"}`, true},
		{"users.getCallsLeft", `[{"available":true,"callsLeft":5,"name":"notifications.sendSimple"}]`, true},
		{"market.pin", `{"success":true}`, true},
		{"market.pin", `{}`, false},
		{"video.update", `{}`, true},
		{"video.update", `{"success":true}`, false},
		{"sdk.init", `{"session_key":"abc"}`, true},
		// Every method may answer the error object instead, with all three keys.
		{"users.getInfo", `{"error_code":100,"error_msg":"PARAM : Missing required parameter fields","error_data":null}`, true},
		{"market.pin", `{"error_data":"publish_to_stream","error_code":10,"error_msg":"PERMISSION_DENIED : User must grant an access to permission 'PUBLISH_TO_STREAM'"}`, true},
		{"users.getInfo", `{"error_code":100,"error_msg":"PARAM : Missing required parameter fields"}`, false},
	}
	for _, tt := range tests {
		m, ok := c.Method(tt.method)
		if !ok {
			t.Fatalf("no method %s", tt.method)
		}
		schema := doc.Paths.Value(m.Path).Get.Responses.Value("200").Value.Content.Get("application/json").Schema.Value
		if err := visit(t, schema, tt.body); (err == nil) != tt.ok {
			t.Errorf("%s answering %s: valid %v, want %v (%v)", tt.method, tt.body, err == nil, tt.ok, err)
		}
	}
}

func TestOtherAnswersFitTheirSchemas(t *testing.T) {
	doc := mustDocument(t, mustDefault(t))
	schemaOf := func(path, method string) *openapi3.Schema {
		op := doc.Paths.Value(path).GetOperation(method)
		return op.Responses.Value("200").Value.Content.Get("application/json").Schema.Value
	}
	tests := []struct {
		path, method, body string
		ok                 bool
	}{
		{"/oauth/token.do", "POST", `{"access_token":"dwipa.7912dvrsxji0049e565qh4a3k3d",
			"refresh_token":"971547395341_382ca2a1321d0c24cfd1ef1964e2f4ea0d_573991092e","token_type":"session","expires_in":"1800"}`, true},
		{"/oauth/token.do", "POST", `{"access_token":"x","token_type":"session","expires_in":1800}`, true},
		{"/oauth/token.do", "POST", `{"error_description":"Wrong redirect_uri","error":"invalid_request"}`, true},
		{"/oauth/token.do", "POST", `{"token_type":"session"}`, false},
		{"/upload/photos", "POST", `{"photos":{"abc==":{"token":"NSN6S0qF9+OtSt9Wa"}}}`, true},
		{"/upload/photos", "POST", `{"photos":{"abc==":{}}}`, false},
		{"/__okmock/sessions", "POST", `{"access_token":"-s-x","session_secret_key":"0123456789abcdef0123456789abcdef",
			"refresh_token":"r","uid":"575000000001","expires_in":1800,"scopes":["VALUABLE_ACCESS"],"application_key":"K"}`, true},
		{"/__okmock/health", "GET", `{"status":"ok","time":"2024-01-01T00:00:00Z","applications":1,"methods":147}`, true},
	}
	for _, tt := range tests {
		if err := visit(t, schemaOf(tt.path, tt.method), tt.body); (err == nil) != tt.ok {
			t.Errorf("%s %s answering %s: valid %v, want %v (%v)", tt.method, tt.path, tt.body, err == nil, tt.ok, err)
		}
	}
}

func visit(t *testing.T, s *openapi3.Schema, body string) error {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("bad test body %s: %v", body, err)
	}
	return s.VisitJSON(v)
}
