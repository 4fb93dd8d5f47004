package okmocktest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/okmocktest"
)

// A started server with ready credentials: one signed call, no OAuth.
func ExampleNewServer() {
	srv, err := okmocktest.NewServer(okmocktest.WithSeed(7))
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	creds, err := srv.Session("VALUABLE_ACCESS")
	if err != nil {
		panic(err)
	}
	var me struct {
		UID string `json:"uid"`
	}
	if err := srv.Call(context.Background(), creds, "users.getCurrentUser", nil, &me); err != nil {
		panic(err)
	}
	fmt.Println(me.UID)
	// Output: 575000000001
}

// Never started, the server answers Client() in memory: no port is
// opened, and code that hard-codes https://api.ok.ru runs unchanged.
func ExampleNewUnstartedServer() {
	srv, err := okmocktest.NewUnstartedServer()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	creds, _ := srv.Session()

	// What an application's own OK client would send.
	params := url.Values{"method": {"users.getCurrentUser"}, "fields": {"uid"}, "format": {"json"}}
	resp, err := srv.Client().PostForm("https://api.ok.ru/fb.do", creds.Sign(params))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(srv.URL())
	fmt.Println(string(body))
	// Output:
	// http://okmock.invalid
	// {"uid":"575000000001"}
}

// With WithTLS the server speaks HTTPS as api.ok.ru; Client() trusts only
// the server's own CA, which CACertPEM hands to other clients.
func ExampleWithTLS() {
	srv, err := okmocktest.NewServer(okmocktest.WithTLS())
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	resp, err := srv.Client().Get("https://api.ok.ru/__okmock/health")
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.TLS.PeerCertificates[0].DNSNames[:3])
	fmt.Println(len(srv.CACertPEM()) > 0)
	// Output:
	// 200 [api.ok.ru connect.ok.ru ok.ru]
	// true
}

// The clock is the test's: a session expires when the test says so, and
// OK's error comes back as an *APIError.
func ExampleWithClock() {
	start := time.Date(2026, time.January, 1, 12, 0, 0, 0, time.UTC)
	srv, _ := okmocktest.NewUnstartedServer(okmocktest.WithClock(mock.ClockFunc(func() time.Time { return start })))
	defer srv.Close()
	creds, _ := srv.SessionFor(mock.SessionSpec{TTLSeconds: 60})

	srv.Mock.Advance(2 * time.Minute)
	err := srv.Call(context.Background(), creds, "users.getCurrentUser", nil, nil)
	var apiErr *okmocktest.APIError
	fmt.Println(errors.As(err, &apiErr), apiErr.Code)
	// Output: true 102
}

// Credentials of an application alone sign the server-to-server calls.
func ExampleServer_AppCredentials() {
	srv, _ := okmocktest.NewUnstartedServer(okmocktest.WithApps(mock.App{
		ID: 7001, Key: "MYAPPKEY", Secret: "my-secret", Permissions: []string{"VALUABLE_ACCESS"},
	}))
	defer srv.Close()
	creds, err := srv.AppCredentials("")
	fmt.Println(creds.ApplicationKey, creds.ApplicationSecret, creds.AccessToken == "", err)
	// Output: MYAPPKEY my-secret true <nil>
}
