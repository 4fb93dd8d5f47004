package control_test

import (
	"testing"
	"time"

	"github.com/okmock/okmock/mock/control"
)

func TestSessionsExpireAndAreRevoked(t *testing.T) {
	f := newFixture(t)
	app := testApp("SESSAPP", 7002)
	expiring := f.session(t, app, control.SessionSpec{})
	revoked := f.session(t, app, control.SessionSpec{})
	if code := f.callCode(t, expiring, "users.getCurrentUser", nil); code != 0 {
		t.Fatalf("fresh session answered %d", code)
	}
	if err := f.c.ExpireSession(f.ctx, expiring.AccessToken); err != nil {
		t.Fatal(err)
	}
	if err := f.c.RevokeSession(f.ctx, revoked.AccessToken); err != nil {
		t.Fatal(err)
	}
	if code := f.callCode(t, expiring, "users.getCurrentUser", nil); code != 102 {
		t.Errorf("expired session answered %d, want 102", code)
	}
	if code := f.callCode(t, revoked, "users.getCurrentUser", nil); code != 103 {
		t.Errorf("revoked session answered %d, want 103", code)
	}
	list, err := f.c.Sessions(f.ctx, app.Key)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ApplicationKey != app.Key {
		t.Errorf("sessions of %s = %+v, want the two minted", app.Key, list)
	}
	all, err := f.c.Sessions(f.ctx, "")
	if err != nil || len(all) < 2 {
		t.Errorf("all sessions = %d (%v), want at least 2", len(all), err)
	}
}

func TestRevokingAGrantRevokesEveryTokenOfTheUser(t *testing.T) {
	f := newFixture(t)
	app := testApp("GRANTAPP", 7003)
	a := f.session(t, app, control.SessionSpec{})
	b := f.session(t, app, control.SessionSpec{})
	n, err := f.c.RevokeGrant(f.ctx, app.Key, a.UID)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("revoked %d tokens, want 2", n)
	}
	for _, creds := range []struct{ name, tok string }{{"a", a.AccessToken}, {"b", b.AccessToken}} {
		c := a
		c.AccessToken = creds.tok
		if code := f.callCode(t, c, "users.getCurrentUser", nil); code != 103 {
			t.Errorf("token %s answered %d, want 103", creds.name, code)
		}
	}
}

func TestTheClockMovesForwardAndResets(t *testing.T) {
	f := newFixture(t)
	app := testApp("CLOCKAPP", 7004)
	creds := f.session(t, app, control.SessionSpec{TTLSeconds: 60})
	now, err := f.c.AdvanceClock(f.ctx, 90*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if want := epoch.Add(90 * time.Second); !now.Equal(want) {
		t.Errorf("advanced clock = %v, want %v", now, want)
	}
	if got, _ := f.c.Now(f.ctx); !got.Equal(now) {
		t.Errorf("Now = %v, want %v", got, now)
	}
	if code := f.callCode(t, creds, "users.getCurrentUser", nil); code != 102 {
		t.Errorf("a 60 s session after 90 s answered %d, want 102", code)
	}
	if err := f.c.Reset(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.c.Now(f.ctx); !got.Equal(epoch) {
		t.Errorf("clock after reset = %v, want %v", got, epoch)
	}
	if err := f.c.DeleteApp(f.ctx, app.Key); !control.IsNotFound(err) {
		t.Errorf("app after reset: %v, want it gone", err)
	}
	h, err := f.c.Health(f.ctx)
	if err != nil || h.Status != "ok" || h.Applications != 1 || h.Methods == 0 {
		t.Errorf("health after reset = %+v (%v), want ok with the demo app alone", h, err)
	}
}
