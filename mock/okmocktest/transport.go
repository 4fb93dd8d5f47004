package okmocktest

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"time"
)

// errClosed is what a client gets from a closed server.
var errClosed = errors.New("okmocktest: server closed")

// Client is an *http.Client that reaches this server whatever host a URL
// names: in memory before Start (and a client got then stays in memory),
// else by dialing the server's port (with WithTLS, trusting only the
// server's CA).
func (s *Server) Client() *http.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return &http.Client{Transport: memoryTransport{s}}
	}
	if s.client != nil {
		return s.client
	}
	addr := s.ln.Addr().String()
	d := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2: true,
	}
	if s.auth != nil {
		tr.TLSClientConfig = &tls.Config{RootCAs: s.auth.CertPool(), MinVersion: tls.VersionTLS12}
	}
	s.client = &http.Client{Transport: tr}
	return s.client
}

// memoryTransport hands each request to the server's handler in the same
// process: no port, no connection.
type memoryTransport struct{ s *Server }

// RoundTrip answers req as the server would on the wire: the handler sees
// the Host and scheme the client asked for and a loopback peer address.
func (t memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s := t.s
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, errClosed
	}
	s.inFlight.Add(1)
	s.mu.Unlock()
	defer s.inFlight.Done()

	r := req.Clone(req.Context())
	r.RequestURI = req.URL.RequestURI()
	r.RemoteAddr = "127.0.0.1:1"
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	if req.URL.Scheme == "https" {
		r.TLS = &tls.ConnectionState{Version: tls.VersionTLS13, HandshakeComplete: true, ServerName: req.URL.Hostname()}
	}
	if r.Body == nil {
		r.Body = http.NoBody
	}
	defer r.Body.Close()
	rec := httptest.NewRecorder()
	s.Mock.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
