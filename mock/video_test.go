package mock

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// uploadVideo posts n bytes to a video upload URL.
func (ts *testServer) uploadVideo(uploadURL string, n int) *httptest.ResponseRecorder {
	ts.t.Helper()
	u, err := url.Parse(uploadURL)
	if err != nil {
		ts.t.Fatal(err)
	}
	req := httptest.NewRequest("POST", u.RequestURI(), bytes.NewReader(make([]byte, n)))
	req.Header.Set("Content-Type", "application/octet-stream")
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	return rec
}

// A video goes from getUploadUrl through the upload and video.update to
// being found by its tags, and is gone after video.delete.
func TestVideoWritesAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	var up videoUpload
	ts.ok(tok, callParams("video.getUploadUrl", "file_name", "Рыбалка.mp4", "file_size", "1048576", "cid", world.ExampleVideoChannelID), &up)
	id := formatID(up.VideoID)
	_, w := ts.srv.state()
	if v, ok := w.Video(id); !ok || v.Status != world.VideoUploading || v.Title != "Рыбалка" || v.ChannelID != world.ExampleVideoChannelID {
		t.Fatalf("started video: %+v", v)
	}
	if code, _, _ := okError(t, ts.uploadVideo(up.UploadURL, 100)); code != CodeParam {
		t.Errorf("a 100-byte upload answered %d", code)
	}
	var got videoReceived
	decode(t, ts.uploadVideo(up.UploadURL, minVideoBytes), &got)
	if got.VideoID != up.VideoID || got.Size != minVideoBytes {
		t.Errorf("upload answer %+v", got)
	}

	var mentions tagCounts
	ts.ok(tok, callParams("search.tagMentions", "query", "okmocktest"), &mentions)
	if mentions.All != 0 {
		t.Fatalf("the tag is used before the test: %+v", mentions)
	}
	ts.ok(tok, callParams("video.update", "vid", id, "title", "Улов", "tags", "okmocktest,рыбалка", "privacy", "FRIENDS"), nil)
	if v, _ := w.Video(id); v.Status != world.VideoReady || v.Title != "Улов" || v.Privacy != "FRIENDS" || v.Size != minVideoBytes {
		t.Errorf("updated video: %+v", v)
	}
	ts.ok(tok, callParams("search.tagMentions", "query", "OKMOCKTEST"), &mentions)
	if mentions.All != 1 || mentions.UserVideos != 1 {
		t.Errorf("tagMentions after update: %+v", mentions)
	}
	var contents struct {
		Entities struct {
			Videos []struct{ ID, Title string }
		}
	}
	ts.ok(tok, callParams("search.tagContents", "query", "okmocktest"), &contents)
	if len(contents.Entities.Videos) != 1 || contents.Entities.Videos[0].ID != id || contents.Entities.Videos[0].Title != "Улов" {
		t.Errorf("tagContents: %+v", contents.Entities)
	}

	friend := ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS", "VIDEO_CONTENT")
	ts.fails(CodeNotOwner, friend, callParams("video.update", "vid", id, "title", "чужое"))
	ts.fails(CodeNotOwner, friend, callParams("video.getUploadUrl", "cid", world.ExampleVideoChannelID))
	ts.ok(tok, callParams("video.delete", "vid", id), nil)
	if _, ok := w.Video(id); ok {
		t.Error("the video survived video.delete")
	}
	ts.fails(CodeNotFound, tok, callParams("video.delete", "vid", id))
	for range 2 {
		ts.ok(tok, callParams("video.delete", "vid", world.ExampleDeletableVideoID), nil)
	}
}

// Subscribing to a channel is kept, once.
func TestChannelSubscriptionIsReadBack(t *testing.T) {
	ts, _ := newWriteServer(t)
	friend := ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS", "VIDEO_CONTENT")
	for range 2 {
		ts.ok(friend, callParams("video.subscribe", "cid", world.ExampleVideoChannelID), nil)
	}
	_, w := ts.srv.state()
	if subs := w.ChannelSubscribers(world.ExampleVideoChannelID); len(subs) != 1 || subs[0] != world.ExampleFriendID {
		t.Errorf("subscribers: %v", subs)
	}
	ts.fails(CodeNotFound, friend, callParams("video.subscribe", "cid", "1"))
}

// The upload checks of video.getUploadUrl.
func TestVideoUploadChecks(t *testing.T) {
	ts, tok := newWriteServer(t)
	for _, tc := range []struct{ name, value string }{
		{"file_size", "1000"},
		{"file_name", "notes.txt"},
		{"file_name", "VIDEO_TS.VOB"},
	} {
		ts.fails(CodeParam, tok, callParams("video.getUploadUrl", tc.name, tc.value))
	}
	if code, _, _ := okError(t, ts.uploadVideo("/upload/video?video_id=1&upload_token=x", minVideoBytes)); code != CodeParam {
		t.Errorf("an unknown upload answered %d", code)
	}
}

func formatID(n int64) string { return strconv.FormatInt(n, 10) }
