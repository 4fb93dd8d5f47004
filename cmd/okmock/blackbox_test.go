package main

import (
	"bufio"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// The black-box test builds the real binary, starts it on a free port and
// drives it over HTTP with a signing helper of its own, as a user's client
// would.

// startBinary builds okmock and runs it with args; it returns the base URL.
func startBinary(t *testing.T, args ...string) (string, *exec.Cmd) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "okmock")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	cmd := exec.Command(bin, append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addrRe := regexp.MustCompile(`listening on (\S+)`)
	lines := bufio.NewScanner(stdout)
	deadline := time.After(20 * time.Second)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if m := addrRe.FindStringSubmatch(lines.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case addr := <-found:
		return "http://" + addr, cmd
	case <-deadline:
		t.Fatal("okmock did not print its address")
	}
	return "", nil
}

// sign is this test's own implementation of OK's server-scheme signature.
func sign(params url.Values, token, appSecret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "sig" && k != "access_token" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + params.Get(k))
	}
	secret := md5hex(token + appSecret)
	return md5hex(b.String() + secret)
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestBinaryServesSignedCalls(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	base, cmd := startBinary(t, "--seed", "7")

	resp, err := http.Get(base + "/__okmock/health")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v %v", err, resp)
	}
	resp.Body.Close()

	// A session without OAuth, through the control API.
	resp, err = http.Post(base+"/__okmock/sessions", "application/json",
		strings.NewReader(`{"application_key":"CBAFPJHFEBABABABA","scopes":["VALUABLE_ACCESS"]}`))
	if err != nil {
		t.Fatal(err)
	}
	var sess struct {
		AccessToken string `json:"access_token"`
		UID         string `json:"uid"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&sess)
	resp.Body.Close()
	if !strings.HasPrefix(sess.AccessToken, "-s-") {
		t.Fatalf("token %q", sess.AccessToken)
	}

	params := url.Values{
		"application_key": {"CBAFPJHFEBABABABA"}, "method": {"users.getCurrentUser"}, "format": {"json"},
	}
	params.Set("sig", sign(params, sess.AccessToken, "0F1E2D3C4B5A69788796A5B4"))
	params.Set("access_token", sess.AccessToken)
	resp, err = http.PostForm(base+"/fb.do", params)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Invocation-Error") != "" {
		t.Fatalf("signed call failed: %s", body)
	}
	if resp.Header.Get("Content-Type") != "application/json;charset=utf-8" {
		t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
	}
	var user map[string]any
	if err := json.Unmarshal(body, &user); err != nil || user["uid"] != sess.UID || user["first_name"] == "" {
		t.Fatalf("user: %s", body)
	}

	// A wrong signature: OK's error, HTTP 200, no secret.
	params.Set("sig", strings.Repeat("0", 32))
	resp, _ = http.PostForm(base+"/fb.do", params)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Invocation-Error") != "104" || strings.Contains(string(body), "0F1E2D3C4B5A69788796A5B4") {
		t.Errorf("wrong sig: %d %s", resp.StatusCode, body)
	}

	// SIGTERM drains and exits cleanly.
	stop(t, cmd)
}
