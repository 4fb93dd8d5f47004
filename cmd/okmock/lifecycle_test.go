package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Graceful shutdown and --state-file, on the real binary.

const (
	demoKey    = "CBAFPJHFEBABABABA"
	demoSecret = "0F1E2D3C4B5A69788796A5B4"
)

// controlJSON posts JSON to the control API and decodes the answer.
func controlJSON(t *testing.T, base, path, body string, out any) {
	t.Helper()
	resp, err := http.Post(base+"/__okmock"+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: HTTP %d %s", path, resp.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: %v %s", path, err, data)
		}
	}
}

// signedCall makes a server-scheme call; it returns the body of a good
// answer, or an error for a failed or refused one.
func signedCall(client *http.Client, base, token string, params url.Values) ([]byte, error) {
	params.Set("application_key", demoKey)
	params.Set("sig", sign(params, token, demoSecret))
	params.Set("access_token", token)
	resp, err := client.PostForm(base+"/fb.do", params)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Invocation-Error") != "" {
		return nil, fmt.Errorf("HTTP %d %s", resp.StatusCode, body)
	}
	return body, nil
}

// stop sends SIGTERM and waits for a clean exit.
func stop(t *testing.T, cmd *exec.Cmd) time.Duration {
	t.Helper()
	start := time.Now()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("okmock did not stop on SIGTERM")
	}
	return time.Since(start)
}

// TestSIGTERMDrainsInFlightRequests: a call held back by a slow scenario
// rule when SIGTERM arrives still gets its whole answer, and only then does
// okmock exit.
func TestSIGTERMDrainsInFlightRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	base, cmd := startBinary(t)
	var sess struct {
		AccessToken string `json:"access_token"`
		UID         string `json:"uid"`
	}
	controlJSON(t, base, "/sessions", `{"application_key":"`+demoKey+`"}`, &sess)
	controlJSON(t, base, "/scenarios", `{"match":{"method":"users.getCurrentUser"},"respond":{"delay_ms":1500}}`, nil)

	type result struct {
		body []byte
		err  error
		at   time.Time
	}
	got := make(chan result, 1)
	go func() {
		body, err := signedCall(http.DefaultClient, base, sess.AccessToken, url.Values{"method": {"users.getCurrentUser"}})
		got <- result{body, err, time.Now()}
	}()
	time.Sleep(300 * time.Millisecond) // the call is now held by the rule
	took := stop(t, cmd)
	r := <-got
	if r.err != nil {
		t.Fatalf("in-flight call cut off by SIGTERM: %v", r.err)
	}
	var user map[string]any
	if err := json.Unmarshal(r.body, &user); err != nil || user["uid"] != sess.UID {
		t.Fatalf("in-flight call answered %s", r.body)
	}
	if took < time.Second {
		t.Errorf("okmock exited %s after SIGTERM, before its in-flight call was answered", took)
	}
	if _, err := http.Get(base + "/__okmock/health"); err == nil {
		t.Error("still accepting connections after exit")
	}
}

// TestStateFileSurvivesRestartMidLoad: writers post topics without pause;
// okmock gets SIGTERM in the middle and is started again on the same state
// file. Every post it acknowledged is readable with the same token, and
// the application registered at runtime is still there.
func TestStateFileSurvivesRestartMidLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	state := filepath.Join(t.TempDir(), "okmock-state.json")
	base, cmd := startBinary(t, "--state-file", state, "--state-interval", "100ms")
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	controlJSON(t, base, "/sessions", `{"application_key":"`+demoKey+`","scopes":["VALUABLE_ACCESS"]}`, &sess)
	controlJSON(t, base, "/apps", `{"application_id":519000000001,"application_key":"RUNTIMEAPP","application_secret_key":"S3CRET"}`, nil)

	var mu sync.Mutex
	var acked []string
	stopWriters := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			client := &http.Client{Timeout: 5 * time.Second}
			for i := 0; ; i++ {
				select {
				case <-stopWriters:
					return
				default:
				}
				att := fmt.Sprintf(`{"media":[{"type":"text","text":"writer %d post %d"}]}`, w, i)
				body, err := signedCall(client, base, sess.AccessToken, url.Values{"method": {"mediatopic.post"}, "attachment": {att}})
				var id string
				if err != nil || json.Unmarshal(body, &id) != nil {
					continue // not acknowledged: the server is going away
				}
				mu.Lock()
				acked = append(acked, id)
				mu.Unlock()
			}
		})
	}
	time.Sleep(400 * time.Millisecond)
	stop(t, cmd)
	close(stopWriters)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no post was acknowledged before the restart")
	}

	base, _ = startBinary(t, "--state-file", state)
	for i := 0; i < len(acked); i += 50 {
		ids := acked[i:min(i+50, len(acked))]
		body, err := signedCall(http.DefaultClient, base, sess.AccessToken, url.Values{"method": {"mediatopic.getByIds"}, "topic_ids": {strings.Join(ids, ",")}, "media_limit": {"3"}})
		if err != nil {
			t.Fatalf("after restart: %v", err)
		}
		var got struct {
			MediaTopics []struct {
				ID string `json:"id"`
			} `json:"media_topics"`
		}
		_ = json.Unmarshal(body, &got)
		if len(got.MediaTopics) != len(ids) {
			t.Fatalf("%d of %d acknowledged topics lost across the restart", len(ids)-len(got.MediaTopics), len(ids))
		}
	}
	resp, err := http.Get(base + "/__okmock/apps")
	if err != nil {
		t.Fatal(err)
	}
	apps, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(apps), "RUNTIMEAPP") {
		t.Errorf("runtime application lost: %s", apps)
	}
	t.Logf("%d acknowledged posts survived the restart", len(acked))
}
