package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/tlsca"
)

// tlsSettings are the flags of HTTPS under the real OK host names.
type tlsSettings struct {
	enabled bool
	envErr  error // a malformed OKMOCK_TLS, reported after parsing
	addr    string
	names   string
	caCert  string
	caKey   string
	dataDir string
}

// register adds the TLS flags to fs, each defaulting to its OKMOCK_*
// variable like every serve flag.
func (t *tlsSettings) register(fs *flag.FlagSet, getenv func(string) string) {
	if v := getenv("OKMOCK_TLS"); v != "" {
		t.enabled, t.envErr = strconv.ParseBool(v)
		if t.envErr != nil {
			t.envErr = fmt.Errorf("OKMOCK_TLS %q is not true or false", v)
		}
	}
	addr := getenv("OKMOCK_TLS_ADDR")
	if addr == "" {
		addr = ":8443"
	}
	fs.BoolVar(&t.enabled, "tls", t.enabled, "also serve HTTPS as api.ok.ru, connect.ok.ru and ok.ru (OKMOCK_TLS)")
	fs.StringVar(&t.addr, "tls-addr", addr, "HTTPS listen address (OKMOCK_TLS_ADDR)")
	fs.StringVar(&t.names, "tls-names", getenv("OKMOCK_TLS_NAMES"), "more host names or IPs for the certificate, comma-separated (OKMOCK_TLS_NAMES)")
	fs.StringVar(&t.caCert, "ca-cert", getenv("OKMOCK_CA_CERT"), "your own CA certificate (PEM) to sign with instead of a generated one (OKMOCK_CA_CERT)")
	fs.StringVar(&t.caKey, "ca-key", getenv("OKMOCK_CA_KEY"), "the key of --ca-cert (PEM) (OKMOCK_CA_KEY)")
	fs.StringVar(&t.dataDir, "data-dir", getenv("OKMOCK_DATA_DIR"), "folder keeping the CA (ca.pem) and certificate across restarts (OKMOCK_DATA_DIR, default <user config dir>/okmock)")
}

// check reports what parsing alone cannot.
func (t *tlsSettings) check() error {
	if t.envErr != nil {
		return t.envErr
	}
	if (t.caCert == "") != (t.caKey == "") {
		return errors.New("--ca-cert and --ca-key go together")
	}
	return nil
}

// options are the tlsca options the flags describe. Without --data-dir the
// CA is kept in the user's config folder, so a developer trusts it once.
func (t *tlsSettings) options(now func() time.Time) tlsca.Options {
	dir := t.dataDir
	if dir == "" {
		if base, err := os.UserConfigDir(); err == nil {
			dir = filepath.Join(base, "okmock")
		}
	}
	var names []string
	for _, n := range strings.Split(t.names, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return tlsca.Options{Dir: dir, CACertFile: t.caCert, CAKeyFile: t.caKey, Names: names, Now: now}
}

// httpsSide is HTTPS made ready but not yet serving.
type httpsSide struct {
	ln   net.Listener
	hs   *http.Server
	auth *tlsca.Authority
	dir  string
}

// prepare readies HTTPS beside plain HTTP when --tls is on: it loads or
// makes the CA, publishes it at /__okmock/ca.pem and binds the TLS address,
// with plain's timeouts. It runs before the plain port is bound, so once
// "listening on" is printed, /__okmock/ca.pem answers and the HTTPS port
// accepts; a client started on that line never races the CA. It returns
// nil when TLS is off.
func (t *tlsSettings) prepare(srv *mock.Server, plain *http.Server) (*httpsSide, error) {
	if !t.enabled {
		return nil, nil
	}
	opts := t.options(srv.Now)
	auth, err := tlsca.Load(opts)
	if err != nil {
		return nil, err
	}
	srv.SetCACertificate(auth.CACertPEM())
	ln, err := net.Listen("tcp", t.addr)
	if err != nil {
		return nil, fmt.Errorf("HTTPS: %w", err)
	}
	hs := &http.Server{
		Handler: srv, TLSConfig: auth.ServerTLSConfig(),
		ReadHeaderTimeout: plain.ReadHeaderTimeout, IdleTimeout: plain.IdleTimeout,
		ReadTimeout: plain.ReadTimeout, MaxHeaderBytes: plain.MaxHeaderBytes,
	}
	return &httpsSide{ln: ln, hs: hs, auth: auth, dir: opts.Dir}, nil
}

// serve prints where HTTPS listens and serves it; its error goes to errc.
// It returns the server to drain on shutdown, nil when TLS is off.
func (h *httpsSide) serve(stdout io.Writer, errc chan<- error) *http.Server {
	if h == nil {
		return nil
	}
	printTLSBanner(stdout, h.ln.Addr().String(), h.auth, h.dir)
	go func() { errc <- h.hs.ServeTLS(h.ln, "", "") }()
	return h.hs
}

// close releases a prepared HTTPS port that will not be served.
func (h *httpsSide) close() {
	if h != nil {
		_ = h.ln.Close()
	}
}

// printTLSBanner says where HTTPS listens, for which names, and where the
// CA certificate to trust is.
func printTLSBanner(w io.Writer, addr string, auth *tlsca.Authority, dir string) {
	fmt.Fprintf(w, "serving HTTPS on %s for %s\n", addr, strings.Join(auth.Names(), ", "))
	where := "GET " + mock.ControlPrefix + "/ca.pem"
	if dir != "" {
		where = filepath.Join(dir, tlsca.CACertFile) + " and " + where
	}
	fmt.Fprintf(w, "CA certificate (%s): %s\n", auth.Source(), where)
}

// shutdownAll drains every server that runs (nil ones are skipped).
func shutdownAll(ctx context.Context, servers ...*http.Server) error {
	var errs []error
	for _, s := range servers {
		if s != nil {
			errs = append(errs, s.Shutdown(ctx))
		}
	}
	return errors.Join(errs...)
}
