package control_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/control"
	"github.com/okmock/okmock/mock/okmocktest"
)

// epoch is the fixed start of the test clock.
var epoch = time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)

// fixture is an in-process okmock and a control client of it.
type fixture struct {
	srv *okmocktest.Server
	c   *control.Client
	ctx context.Context
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv := okmocktest.New(t, okmocktest.WithClock(mock.ClockFunc(func() time.Time { return epoch })))
	return &fixture{
		srv: srv,
		c:   control.New(srv.URL(), control.WithHTTPClient(srv.Client())),
		ctx: context.Background(),
	}
}

// testApp is an application of the tests, distinct from the demo one.
func testApp(key string, id int64) control.App {
	return control.App{
		ID: id, Key: key, Secret: "secret-" + key, Name: "test " + key,
		RedirectURIs: []string{"http://localhost/cb"},
		Permissions:  []string{"VALUABLE_ACCESS"},
	}
}

// session registers app and mints a session in it as spec says, as
// credentials ready to sign calls.
func (f *fixture) session(t *testing.T, app control.App, spec control.SessionSpec) okmocktest.Credentials {
	t.Helper()
	if _, err := f.c.PutApp(f.ctx, app); err != nil {
		t.Fatal(err)
	}
	spec.ApplicationKey = app.Key
	g, err := f.c.CreateSession(f.ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	return okmocktest.Credentials{
		ApplicationID: app.ID, ApplicationKey: app.Key, ApplicationSecret: app.Secret,
		AccessToken: g.AccessToken, SessionSecret: g.SessionSecret, RefreshToken: g.RefreshToken, UID: g.UID,
	}
}

// callCode makes a signed API call and answers the OK error code (0 on
// success).
func (f *fixture) callCode(t *testing.T, creds okmocktest.Credentials, method string, params url.Values) int {
	t.Helper()
	err := f.srv.Call(f.ctx, creds, method, params, nil)
	if err == nil {
		return 0
	}
	apiErr, ok := err.(*okmocktest.APIError)
	if !ok {
		t.Fatalf("%s: %v", method, err)
	}
	return apiErr.Code
}
