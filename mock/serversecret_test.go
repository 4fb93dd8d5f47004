package mock

import (
	"net/http"
	"strings"
	"testing"
)

// The server scheme's secret is cached per session; a new application
// secret must take effect at once, the old one must stop working.
func TestServerSecretFollowsTheApplicationSecret(t *testing.T) {
	ts := newTestServer(t, Options{})
	app := registerApps(ts, 1)[0]
	s := mintSession(ts, app, "575000000001")
	call := map[string]string{"method": "users.getCurrentUser"}
	for range 2 { // the second call uses the cached secret
		if err := ts.callAs(s, call, nil); err != nil {
			t.Fatal(err)
		}
	}
	if code := ts.control("POST", "/apps", map[string]any{
		"application_id": 513000000000, "application_key": app.key, "application_secret_key": "ROTATED",
	}, nil); code != http.StatusOK {
		t.Fatalf("rotate: HTTP %d", code)
	}
	if err := ts.callAs(s, call, nil); err == nil || !strings.Contains(err.Error(), `"error_code":104`) {
		t.Errorf("old secret after rotation: %v", err)
	}
	s.app.secret = "ROTATED"
	if err := ts.callAs(s, call, nil); err != nil {
		t.Errorf("new secret refused: %v", err)
	}
}
