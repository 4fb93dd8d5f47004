package mock

import "net/http"

// HTTPServer returns an http.Server that serves s with the limits of its
// Options: header and body read timeouts (a client trickling its request
// is cut off instead of holding a connection forever), the idle timeout
// and the header size cap. cmd/okmock serves with it.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.limits.ReadHeaderTimeout,
		ReadTimeout:       s.limits.ReadTimeout,
		IdleTimeout:       s.limits.IdleTimeout,
		MaxHeaderBytes:    s.limits.MaxHeaderBytes,
	}
}

// Limits are the limits in force (Options.Limits with the defaults filled
// in).
func (s *Server) Limits() Limits { return s.limits }
