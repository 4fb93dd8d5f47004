package mock

import (
	"bytes"
	"net/http"
	"runtime"
	"sync"
	"weak"

	"github.com/labstack/echo/v4"
)

// caCerts holds the CA certificate each Server publishes at
// GET /__okmock/ca.pem. It lives beside Server rather than in it so that
// TLS, which only the binary and okmocktest set up, stays out of the core
// files. The key is a weak pointer and a cleanup drops the entry, so a
// Server that is collected leaves nothing behind.
var caCerts sync.Map // weak.Pointer[Server] -> []byte

// SetCACertificate publishes pem, the PEM certificate of the CA that signed
// okmock's HTTPS certificate, at GET /__okmock/ca.pem so that a client
// container can fetch what it must trust. Nil or empty stops publishing.
func (s *Server) SetCACertificate(pem []byte) {
	key := weak.Make(s)
	if len(pem) == 0 {
		caCerts.Delete(key)
		return
	}
	if _, loaded := caCerts.Swap(key, bytes.Clone(pem)); !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Server]) { caCerts.Delete(k) }, key)
	}
}

// CACertificate is the PEM published at GET /__okmock/ca.pem, or nil.
func (s *Server) CACertificate() []byte {
	v, ok := caCerts.Load(weak.Make(s))
	if !ok {
		return nil
	}
	return bytes.Clone(v.([]byte))
}

// ctlCACert answers GET /__okmock/ca.pem.
func (s *Server) ctlCACert(c echo.Context) error {
	pem := s.CACertificate()
	if pem == nil {
		return ctlFail(c, http.StatusNotFound, "no CA certificate: okmock serves HTTPS only when started with --tls")
	}
	return c.Blob(http.StatusOK, "application/x-pem-file", pem)
}
