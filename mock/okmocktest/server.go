package okmocktest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/tlsca"
)

// InMemoryURL is the URL of a server that was never started. The .invalid
// name cannot resolve, so a client other than Client() fails instead of
// reaching the real OK.
const InMemoryURL = "http://okmock.invalid"

// Server is an okmock for one test.
type Server struct {
	// Mock is the okmock server itself: Advance and Now move and read its
	// clock; it is also a plain http.Handler.
	Mock *mock.Server

	tls    bool
	appKey string // the application Session uses

	mu       sync.Mutex
	closed   bool
	hs       *http.Server
	ln       net.Listener
	auth     *tlsca.Authority
	client   *http.Client   // the port's client, made once
	inFlight sync.WaitGroup // requests answered in memory
}

// New starts a server for tb and closes it when the test ends; invalid
// options fail the test.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := NewServer(opts...)
	if err != nil {
		tb.Fatalf("okmocktest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// NewServer returns a started server listening on a loopback port.
func NewServer(opts ...Option) (*Server, error) {
	s, err := NewUnstartedServer(opts...)
	if err != nil {
		return nil, err
	}
	if err := s.Start(); err != nil {
		return nil, err
	}
	return s, nil
}

// NewUnstartedServer returns a server that answers Client() in memory
// until Start. It fails only on invalid options.
func NewUnstartedServer(opts ...Option) (*Server, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	m, err := mock.New(cfg.opts)
	if err != nil {
		return nil, err
	}
	appKey := mock.DemoApp().Key
	if len(cfg.opts.Apps) > 0 {
		appKey = cfg.opts.Apps[0].Key
	}
	return &Server{Mock: m, tls: cfg.tls, appKey: appKey}, nil
}

// Start listens on a loopback port; with WithTLS it serves HTTPS with a
// certificate from a CA made for this server, and publishes that CA at
// /__okmock/ca.pem.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return errors.New("okmocktest: Start after Close")
	case s.hs != nil:
		return errors.New("okmocktest: Start called twice")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: s.Mock, ReadHeaderTimeout: 10 * time.Second}
	if s.tls {
		auth, err := tlsca.Load(tlsca.Options{Now: s.Mock.Now})
		if err != nil {
			ln.Close()
			return err
		}
		s.Mock.SetCACertificate(auth.CACertPEM())
		s.auth, hs.TLSConfig = auth, auth.ServerTLSConfig()
		go func() { _ = hs.ServeTLS(ln, "", "") }()
	} else {
		go func() { _ = hs.Serve(ln) }()
	}
	s.hs, s.ln = hs, ln
	return nil
}

// URL is where the server listens (https://127.0.0.1:port with WithTLS),
// or InMemoryURL before Start.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.ln == nil:
		return InMemoryURL
	case s.auth != nil:
		return "https://" + s.ln.Addr().String()
	default:
		return "http://" + s.ln.Addr().String()
	}
}

// CACertPEM is the CA certificate a client must trust to reach a WithTLS
// server (nil before Start or without TLS).
func (s *Server) CACertPEM() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.auth == nil {
		return nil
	}
	return s.auth.CACertPEM()
}

// Close stops the server and waits for the requests in flight to finish.
// Closing twice is harmless.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	hs, client := s.hs, s.client
	s.mu.Unlock()
	if hs != nil {
		// Shutdown closes the listener and waits for active connections.
		_ = hs.Shutdown(context.Background())
	}
	s.inFlight.Wait()
	if client != nil {
		client.CloseIdleConnections()
	}
}
