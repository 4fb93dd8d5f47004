// Package okmocktest gives a Go test an okmock in one line, in the shape
// of net/http/httptest:
//
//	srv := okmocktest.New(t)                      // started; closed when the test ends
//	creds, _ := srv.Session("VALUABLE_ACCESS")    // ready credentials, no OAuth dance
//	var me map[string]any
//	err := srv.Call(ctx, creds, "users.getCurrentUser", nil, &me)
//
// A server answers in one of three ways:
//
//   - Never started (NewUnstartedServer): Client() calls the handler in
//     memory, needing no port, whatever host the URL names, so code that
//     hard-codes https://api.ok.ru runs unchanged once it uses that client.
//   - Started (New, NewServer, Start): it listens on a loopback port at
//     URL(), for code that cannot take an *http.Client (another process, a
//     browser); Client() dials that port for every host name.
//   - Started with WithTLS: the same over HTTPS, with a certificate for
//     api.ok.ru, connect.ok.ru and ok.ru from a CA made for this server;
//     Client() trusts only that CA (CACertPEM gives it to other clients).
//
// Close waits for requests in flight, in memory or on the port.
package okmocktest
