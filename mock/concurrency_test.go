package mock

import (
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
)

// loadApp is an application registered by a concurrency or state test.
type loadApp struct {
	key, secret string
}

// registerApps registers n applications through the control API.
func registerApps(ts *testServer, n int) []loadApp {
	ts.t.Helper()
	apps := make([]loadApp, n)
	for i := range apps {
		apps[i] = loadApp{fmt.Sprintf("LOADAPP%03d", i), fmt.Sprintf("%024X", 0xABC000+i)}
		if code := ts.control("POST", "/apps", map[string]any{
			"application_id": 513000000000 + i, "application_key": apps[i].key,
			"application_secret_key": apps[i].secret,
		}, nil); code != http.StatusOK {
			ts.t.Fatalf("register %s: HTTP %d", apps[i].key, code)
		}
	}
	return apps
}

// loadSession is a token of one application and one user.
type loadSession struct {
	app loadApp
	SessionGrant
}

// mintSession creates a session for uid in app with the given scopes.
func mintSession(ts *testServer, app loadApp, uid string, scopes ...string) loadSession {
	ts.t.Helper()
	var g SessionGrant
	if code := ts.control("POST", "/sessions", map[string]any{
		"application_key": app.key, "uid": uid, "scopes": scopes,
	}, &g); code != http.StatusOK {
		ts.t.Fatalf("session for %s in %s: HTTP %d", uid, app.key, code)
	}
	return loadSession{app, g}
}

// callAs makes a server-signed call with any application's secret; safe
// from many goroutines (it reports, never stops the test).
func (ts *testServer) callAs(s loadSession, params map[string]string, out any) error {
	params["application_key"] = s.app.key
	v := url.Values{"sig": {refSign(params, refMD5(s.AccessToken+s.app.secret))}, "access_token": {s.AccessToken}}
	for k, val := range params {
		v.Set(k, val)
	}
	rec := ts.do("POST", "/fb.do", v.Encode(), nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Invocation-Error") != "" {
		return fmt.Errorf("%s: HTTP %d %s", params["method"], rec.Code, rec.Body)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(rec.Body.Bytes(), out)
}

// ackedTopic is a post okmock acknowledged with an id.
type ackedTopic struct {
	id, text string
	by       loadSession
}

// TestConcurrentWritersAndReaders: two thousand writers and two thousand
// readers on 8 applications and 200 tokens at once. Every write okmock
// acknowledged is readable afterwards, with what was written.
func TestConcurrentWritersAndReaders(t *testing.T) {
	ts := newTestServer(t, Options{})
	apps := registerApps(ts, 8)
	_, w := ts.srv.state()
	users := w.UserIDs()
	var sessions []loadSession
	for i := range 200 {
		sessions = append(sessions, mintSession(ts, apps[i%len(apps)], users[i%len(users)], "VALUABLE_ACCESS", "PHOTO_CONTENT"))
	}

	const writers, readers, postsEach = 2000, 2000, 2
	var mu sync.Mutex
	var topics []ackedTopic
	photos := map[string]string{} // photo id -> owner uid
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range writers {
		s := sessions[i%len(sessions)]
		wg.Go(func() {
			<-start
			for j := range postsEach {
				text := fmt.Sprintf("writer %d post %d: Привет", i, j)
				att := `{"media":[{"type":"text","text":"` + text + `"}]}`
				var id string
				if err := ts.callAs(s, map[string]string{"method": "mediatopic.post", "type": "USER", "attachment": att}, &id); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				topics = append(topics, ackedTopic{id, text, s})
				mu.Unlock()
			}
			if i%10 == 0 {
				id, err := ts.uploadPhoto(s)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				photos[id] = s.UID
				mu.Unlock()
			}
		})
	}
	for i := range readers {
		s := sessions[(i*7)%len(sessions)]
		wg.Go(func() {
			<-start
			var user map[string]any
			if err := ts.callAs(s, map[string]string{"method": "users.getCurrentUser"}, &user); err != nil || user["uid"] != s.UID {
				t.Errorf("reader %d: %v %v", i, err, user["uid"])
			}
			var friends []string
			if err := ts.callAs(s, map[string]string{"method": "friends.get"}, &friends); err != nil {
				t.Errorf("reader %d: %v", i, err)
			}
			if err := ts.callAs(s, map[string]string{"method": "mediatopic.getByIds", "topic_ids": "575000000301"}, nil); err != nil {
				t.Errorf("reader %d: %v", i, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if t.Failed() {
		return
	}

	if len(topics) != writers*postsEach || len(photos) != writers/10 {
		t.Fatalf("%d topics and %d photos acknowledged", len(topics), len(photos))
	}
	seen := map[string]bool{}
	for _, a := range topics {
		if seen[a.id] {
			t.Fatalf("id %s acknowledged twice", a.id)
		}
		seen[a.id] = true
		var got struct {
			MediaTopics []mediaTopic `json:"media_topics"`
		}
		if err := ts.callAs(a.by, map[string]string{"method": "mediatopic.getByIds", "topic_ids": a.id}, &got); err != nil {
			t.Fatal(err)
		}
		if len(got.MediaTopics) != 1 || got.MediaTopics[0].AuthorRef != "user:"+a.by.UID ||
			!strings.Contains(string(got.MediaTopics[0].Media[0]), a.text) {
			t.Fatalf("topic %s (%q by %s) reads back as %+v", a.id, a.text, a.by.UID, got)
		}
	}
	_, w = ts.srv.state()
	for id, owner := range photos {
		if p, ok := w.Photo(id); !ok || p.OwnerUID != owner {
			t.Errorf("photo %s of %s: %+v %v", id, owner, p, ok)
		}
	}
}

// uploadPhoto runs the photo chain (getUploadUrl, upload, commit) and
// returns the committed photo's id.
func (ts *testServer) uploadPhoto(s loadSession) (string, error) {
	var up uploadURL
	if err := ts.callAs(s, map[string]string{"method": "photosV2.getUploadUrl"}, &up); err != nil {
		return "", err
	}
	body, ctype := multipartBody(map[string][]byte{"pic1": pngBytes})
	u, err := url.Parse(up.UploadURL)
	if err != nil {
		return "", err
	}
	req := httptest.NewRequest("POST", u.RequestURI(), strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	var res uploadResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Photos) != 1 {
		return "", fmt.Errorf("upload: %s", rec.Body)
	}
	var commit struct {
		Photos []commitResult `json:"photos"`
	}
	err = ts.callAs(s, map[string]string{"method": "photosV2.commit", "photo_id": up.PhotoIDs[0], "token": res.Photos[up.PhotoIDs[0]].Token}, &commit)
	if err != nil || len(commit.Photos) != 1 || commit.Photos[0].Status != "SUCCESS" {
		return "", fmt.Errorf("commit: %v %+v", err, commit)
	}
	return commit.Photos[0].Assigned, nil
}

// multipartBody encodes file parts (sorted by field name) as a multipart
// body and returns it with its Content-Type.
func multipartBody(files map[string][]byte) (string, string) {
	var b strings.Builder
	mw := multipart.NewWriter(&b)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fw, _ := mw.CreateFormFile(name, name+".png")
		_, _ = fw.Write(files[name])
	}
	_ = mw.Close()
	return b.String(), mw.FormDataContentType()
}
