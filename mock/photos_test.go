package mock

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// pngBytes is the smallest valid-looking PNG header okmock accepts.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")

// call makes a server-signed call and decodes the result into out.
func (ts *testServer) call(token string, params map[string]string, out any) *httptest.ResponseRecorder {
	ts.t.Helper()
	rec := ts.do("POST", "/fb.do", signedServer(params, token).Encode(), map[string]string{"Host": "api.ok.ru"})
	if e := rec.Header().Get("Invocation-Error"); e != "" {
		ts.t.Fatalf("%s: error %s", params["method"], rec.Body)
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			ts.t.Fatalf("%s: %v: %s", params["method"], err, rec.Body)
		}
	}
	return rec
}

func (ts *testServer) upload(uploadURL string, files ...[]byte) *httptest.ResponseRecorder {
	ts.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for i, f := range files {
		w, _ := mw.CreateFormFile("pic"+string(rune('1'+i)), "photo.png")
		_, _ = w.Write(f)
	}
	_ = mw.Close()
	u, err := url.Parse(uploadURL)
	if err != nil {
		ts.t.Fatal(err)
	}
	req := httptest.NewRequest("POST", u.RequestURI(), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	return rec
}

// TestPhotoChain: getUploadUrl, upload, commit, post the photo, read the
// topic back.
func TestPhotoChain(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS", "PHOTO_CONTENT")
	var up uploadURL
	ts.call(g.AccessToken, map[string]string{"method": "photosV2.getUploadUrl", "count": "2"}, &up)
	if len(up.PhotoIDs) != 2 || !strings.HasPrefix(up.UploadURL, "http://api.ok.ru/upload/photos?") {
		t.Fatalf("upload url: %+v", up)
	}
	rec := ts.upload(up.UploadURL, pngBytes, pngBytes)
	var res uploadResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Photos) != 2 {
		t.Fatalf("upload: %s", rec.Body)
	}
	tok := res.Photos[up.PhotoIDs[0]].Token
	var commit struct {
		Photos []commitResult `json:"photos"`
	}
	ts.call(g.AccessToken, map[string]string{"method": "photosV2.commit", "photo_id": up.PhotoIDs[0], "token": tok, "comment": "Закат"}, &commit)
	if len(commit.Photos) != 1 || commit.Photos[0].Status != "SUCCESS" || commit.Photos[0].Assigned == "" {
		t.Fatalf("commit: %+v", commit)
	}
	// A second commit of the same token fails.
	ts.call(g.AccessToken, map[string]string{"method": "photosV2.commit", "photo_id": up.PhotoIDs[0], "token": tok}, &commit)
	if commit.Photos[0].Status != "FAILED" {
		t.Errorf("second commit: %+v", commit)
	}
	att := `{"media":[{"type":"text","text":"Привет 👋"},{"type":"photo","list":[{"photoId":"` + commit.Photos[0].Assigned + `"}]}]}`
	var id string
	ts.call(g.AccessToken, map[string]string{"method": "mediatopic.post", "type": "USER", "attachment": att}, &id)
	var topics struct {
		MediaTopics []mediaTopic `json:"media_topics"`
	}
	ts.call(g.AccessToken, map[string]string{"method": "mediatopic.getByIds", "topic_ids": id}, &topics)
	if len(topics.MediaTopics) != 1 || topics.MediaTopics[0].ID != id || !strings.Contains(string(topics.MediaTopics[0].Media[0]), "Привет 👋") {
		t.Fatalf("read back: %+v", topics)
	}
}

func TestUploadRejectsBadInput(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS", "PHOTO_CONTENT")
	var up uploadURL
	ts.call(g.AccessToken, map[string]string{"method": "photosV2.getUploadUrl"}, &up)
	if code, _, _ := okError(t, ts.upload(up.UploadURL, []byte("not an image"))); code != 503 {
		t.Errorf("text file: %d", code)
	}
	if code, _, _ := okError(t, ts.upload(strings.Replace(up.UploadURL, "apiToken=", "apiToken=x", 1), pngBytes)); code != 100 {
		t.Errorf("bad apiToken: %d", code)
	}
	req := httptest.NewRequest("POST", "/upload/photos?"+strings.SplitN(up.UploadURL, "?", 2)[1], strings.NewReader("x"))
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	if code, _, _ := okError(t, rec); code != 21 {
		t.Errorf("not multipart: %d", code)
	}
}

func TestMediatopicPostChecks(t *testing.T) {
	ts := newTestServer(t, Options{})
	g := ts.session("VALUABLE_ACCESS", "GROUP_CONTENT")
	for name, tc := range map[string]struct {
		params map[string]string
		code   int
	}{
		"attachment not JSON": {map[string]string{"attachment": "{"}, 100},
		"no media":            {map[string]string{"attachment": `{"media":[]}`}, 100},
		"unknown photo":       {map[string]string{"attachment": `{"media":[{"type":"photo","list":[{"id":"nope"}]}]}`}, 121},
		"status needs scope":  {map[string]string{"type": "USER_STATUS", "attachment": `{"media":[{"type":"text","text":"x"}]}`}, 10},
		"group without gid":   {map[string]string{"type": "GROUP_THEME", "attachment": `{"media":[{"type":"text","text":"x"}]}`}, 100},
		"unknown group":       {map[string]string{"type": "GROUP_THEME", "gid": "1", "attachment": `{"media":[{"type":"text","text":"x"}]}`}, 160},
	} {
		tc.params["method"] = "mediatopic.post"
		rec := ts.do("POST", "/fb.do", signedServer(tc.params, g.AccessToken).Encode(), nil)
		if code, msg, _ := okError(t, rec); code != tc.code {
			t.Errorf("%s: %d %s, want %d", name, code, msg, tc.code)
		}
	}
}
