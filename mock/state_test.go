package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStateSurvivesARestart: what a running okmock accumulated (an
// application registered at runtime, its sessions, a grant, created
// topics and photos, the clock's offset) is back after SaveState and
// LoadState in a new server.
func TestStateSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	before := newTestServer(t, Options{})
	app := registerApps(before, 1)[0]
	s := mintSession(before, app, "575000000002", "VALUABLE_ACCESS", "PHOTO_CONTENT")
	var topic string
	if err := before.callAs(s, map[string]string{"method": "mediatopic.post", "attachment": `{"media":[{"type":"text","text":"сохранено"}]}`}, &topic); err != nil {
		t.Fatal(err)
	}
	photo, err := before.uploadPhoto(s)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := before.srv.state()
	st.grant(app.key, "575000000003", []string{"VALUABLE_ACCESS"})
	before.srv.Advance(10 * time.Minute)
	if err := before.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}

	after := newTestServer(t, Options{})
	if ok, err := after.srv.LoadState(path); !ok || err != nil {
		t.Fatalf("LoadState: %v %v", ok, err)
	}
	var got struct {
		MediaTopics []mediaTopic `json:"media_topics"`
	}
	if err := after.callAs(s, map[string]string{"method": "mediatopic.getByIds", "topic_ids": topic}, &got); err != nil {
		t.Fatalf("the old token or topic is gone: %v", err)
	}
	if len(got.MediaTopics) != 1 || !strings.Contains(string(got.MediaTopics[0].Media[0]), "сохранено") {
		t.Errorf("topic reads back as %+v", got)
	}
	st, w := after.srv.state()
	if p, ok := w.Photo(photo); !ok || p.OwnerUID != s.UID {
		t.Errorf("photo %s: %+v %v", photo, p, ok)
	}
	if !st.isAppUser(app.key, "575000000003") {
		t.Error("grant lost")
	}
	if got := after.srv.Now().Sub(testEpoch); got != 10*time.Minute {
		t.Errorf("clock offset %s, want 10m", got)
	}
	// A second save of the restored state writes the same world.
	again, err := after.srv.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	saved, _ := os.ReadFile(path)
	if !bytes.Equal(stateBytesWithoutTime(again), stateBytesWithoutTime(saved)) {
		t.Error("restored state differs from the saved one")
	}
}

// The configuration's applications win over the saved ones: a secret
// changed in the configuration takes effect after a restart.
func TestStateKeepsConfiguredAppsCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	old := App{ID: 514000000001, Key: "CONFIGURED", Secret: "OLD", Status: AppPublic}
	before := newTestServer(t, Options{Apps: []App{old}})
	if err := before.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}
	changed := old
	changed.Secret = "NEW"
	after := newTestServer(t, Options{Apps: []App{changed}})
	if _, err := after.srv.LoadState(path); err != nil {
		t.Fatal(err)
	}
	st, _ := after.srv.state()
	if a, ok := st.app("CONFIGURED"); !ok || a.Secret != "NEW" {
		t.Errorf("app after restore: %+v", a)
	}
	if _, ok := st.app(DemoApp().Key); !ok {
		t.Error("demo app lost")
	}
}

func TestStateFileIsWrittenAtomicallyAndPrivately(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := os.WriteFile(path, []byte("previous content"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, Options{})
	if err := ts.srv.SaveState(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v: the file holds secrets", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !json.Valid(data) {
		t.Errorf("not a whole JSON document: %.100s", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// A folder that cannot be written to fails cleanly.
	if err := ts.srv.SaveState(filepath.Join(dir, "missing", "state.json")); err == nil {
		t.Error("saving into a missing folder succeeded")
	}
}

func TestLoadStateRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	ts := newTestServer(t, Options{})
	if ok, err := ts.srv.LoadState(filepath.Join(dir, "none.json")); ok || err != nil {
		t.Errorf("missing file: %v %v, want a fresh start", ok, err)
	}
	good, _ := ts.srv.MarshalState()
	for name, data := range map[string]string{
		"not JSON":     "{",
		"version":      `{"version":99}`,
		"bad world":    `{"version":1,"world":{"version":1,"kinds":{"nope":{}}}}`,
		"bad app":      strings.Replace(string(good), `"application_secret_key":"`+DemoApp().Secret+`"`, `"application_secret_key":""`, 1),
		"empty object": `{}`,
	} {
		path := filepath.Join(dir, "state.json")
		_ = os.WriteFile(path, []byte(data), 0o600)
		if _, err := ts.srv.LoadState(path); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A refused file leaves the running state as it was.
	st, _ := ts.srv.state()
	if _, ok := st.app(DemoApp().Key); !ok {
		t.Error("state changed by a refused file")
	}
}

// SaveStateEvery saves changes and skips saves that would change nothing.
func TestSaveStateEverySavesOnlyChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	ts := newTestServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		ts.srv.SaveStateEvery(ctx, path, 10*time.Millisecond, func(err error) { t.Error(err) })
		close(done)
	}()
	defer func() { cancel(); <-done }()

	waitFor(t, func() bool { _, err := os.Stat(path); return err == nil })
	first, _ := os.Stat(path)
	time.Sleep(60 * time.Millisecond)
	if again, _ := os.Stat(path); !again.ModTime().Equal(first.ModTime()) {
		t.Error("an unchanged state was written again")
	}
	mintSession(ts, loadApp{DemoApp().Key, DemoApp().Secret}, "575000000001")
	waitFor(t, func() bool {
		data, _ := os.ReadFile(path)
		return bytes.Count(data, []byte(`"access_token"`)) >= 1
	})
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5 s")
}
