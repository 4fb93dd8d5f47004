package control_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/okmock/okmock/mock/control"
)

func TestApplicationsAreCreatedReplacedAndDeleted(t *testing.T) {
	f := newFixture(t)
	app := testApp("CTLAPP", 7001)
	got, err := f.c.PutApp(f.ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "public" || got.Secret != app.Secret {
		t.Errorf("stored app = %+v, want public with its secret", got)
	}
	app.Name = "renamed"
	if _, err := f.c.PutApp(f.ctx, app); err != nil {
		t.Fatal(err)
	}
	apps, err := f.c.Apps(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, a := range apps {
		names[a.Key] = a.Name
	}
	if names["CTLAPP"] != "renamed" || names["CBAFPJHFEBABABABA"] == "" {
		t.Errorf("apps = %v, want the demo app and CTLAPP renamed", names)
	}
	if err := f.c.DeleteApp(f.ctx, "CTLAPP"); err != nil {
		t.Fatal(err)
	}
	if err := f.c.DeleteApp(f.ctx, "CTLAPP"); !control.IsNotFound(err) {
		t.Errorf("second delete: %v, want not found", err)
	}
}

func TestRefusalsCarryStatusAndMessage(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		call   func() error
		status int
		path   string
	}{
		{"app without secret", func() error {
			_, err := f.c.PutApp(f.ctx, control.App{ID: 1, Key: "NOSECRET"})
			return err
		}, http.StatusBadRequest, "/__okmock/apps"},
		{"app id of another key", func() error {
			_, err := f.c.PutApp(f.ctx, control.App{ID: 512000000001, Key: "OTHER", Secret: "x"})
			return err
		}, http.StatusConflict, "/__okmock/apps"},
		{"session of an unknown app", func() error {
			_, err := f.c.CreateSession(f.ctx, control.SessionSpec{ApplicationKey: "NOPE"})
			return err
		}, http.StatusNotFound, "/__okmock/sessions"},
		{"expire an unknown token", func() error { return f.c.ExpireSession(f.ctx, "no-such-token") },
			http.StatusNotFound, "/__okmock/sessions/expire"},
		{"revoke an unknown token", func() error { return f.c.RevokeSession(f.ctx, "no-such-token") },
			http.StatusNotFound, "/__okmock/sessions/revoke"},
		{"grant of an unknown app", func() error { _, err := f.c.RevokeGrant(f.ctx, "NOPE", "1"); return err },
			http.StatusNotFound, "/__okmock/grants/NOPE/1"},
		{"clock backwards", func() error { _, err := f.c.AdvanceClock(f.ctx, -1); return err },
			http.StatusBadRequest, "/__okmock/clock"},
		{"unknown library scenario", func() error { _, err := f.c.UseLibraryScenario(f.ctx, "", "no-such"); return err },
			http.StatusNotFound, "/__okmock/scenarios/library/no-such"},
		{"remove an unknown rule", func() error { return f.c.RemoveRule(f.ctx, "r999") },
			http.StatusNotFound, "/__okmock/scenarios/r999"},
		{"bad journal filter", func() error {
			_, err := f.c.Requests(f.ctx, control.Filter{Outcome: "maybe"})
			return err
		}, http.StatusBadRequest, "/__okmock/requests"},
		{"no CA without TLS", func() error { _, err := f.c.CACert(f.ctx); return err },
			http.StatusNotFound, "/__okmock/ca.pem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ce *control.Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *control.Error", err)
			}
			if ce.Status != tt.status || ce.Path != tt.path || ce.Message == "" {
				t.Errorf("err = %+v, want status %d at %s with a message", ce, tt.status, tt.path)
			}
			if control.IsNotFound(err) != (tt.status == http.StatusNotFound) {
				t.Errorf("IsNotFound(%v) disagrees with status %d", err, tt.status)
			}
		})
	}
}

func TestNewAcceptsTheControlPrefixAndSlash(t *testing.T) {
	for _, in := range []string{"http://h:1", "http://h:1/", "http://h:1/__okmock", "http://h:1/__okmock/"} {
		if got := control.New(in).BaseURL(); got != "http://h:1" {
			t.Errorf("New(%q).BaseURL() = %q, want http://h:1", in, got)
		}
	}
}
