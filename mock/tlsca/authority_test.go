package tlsca_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/mock/tlsca"
)

// t0 is the injected clock of these tests.
var t0 = time.Date(2026, time.March, 1, 10, 30, 0, 0, time.UTC)

func at(t time.Time) func() time.Time { return func() time.Time { return t } }

func mustLoad(t *testing.T, opts tlsca.Options) *tlsca.Authority {
	t.Helper()
	a, err := tlsca.Load(opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return a
}

func leafOf(t *testing.T, a *tlsca.Authority) *x509.Certificate {
	t.Helper()
	c := a.ServerCertificate()
	leaf, err := x509.ParseCertificate(c.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

// handshake serves a's certificate on a loopback port and connects to it
// as serverName with a client that trusts only roots.
func handshake(t *testing.T, a *tlsca.Authority, roots *x509.CertPool, serverName string) error {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", a.ServerTLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			_ = c.(*tls.Conn).Handshake()
			c.Close()
		}
	}()
	conn, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{RootCAs: roots, ServerName: serverName})
	if err == nil {
		conn.Close()
	}
	return err
}

func TestFirstStartGeneratesAndKeepsCA(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	a := mustLoad(t, tlsca.Options{Dir: dir, Names: []string{"mock.example.test"}, Now: at(t0)})
	if a.Source() != tlsca.SourceGenerated {
		t.Errorf("source = %q", a.Source())
	}
	onDisk, err := os.ReadFile(filepath.Join(dir, tlsca.CACertFile))
	if err != nil || !bytes.Equal(onDisk, a.CACertPEM()) {
		t.Fatalf("ca.pem on disk differs from CACertPEM (%v)", err)
	}
	for name, want := range map[string]os.FileMode{
		tlsca.CACertFile: 0o644, tlsca.CAKeyFile: 0o600, tlsca.ServerCertFile: 0o644, tlsca.ServerKeyFile: 0o600,
	} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: %v mode %v, want %v", name, err, st.Mode().Perm(), want)
		}
	}

	ca := a.CACertificate()
	leaf := leafOf(t, a)
	start := t0.Add(-tlsca.Backdate)
	if !ca.NotBefore.Equal(start) || !ca.NotAfter.Equal(start.Add(tlsca.CAValidity)) {
		t.Errorf("CA window %v..%v", ca.NotBefore, ca.NotAfter)
	}
	if !leaf.NotBefore.Equal(start) || !leaf.NotAfter.Equal(start.Add(tlsca.LeafValidity)) {
		t.Errorf("leaf window %v..%v", leaf.NotBefore, leaf.NotAfter)
	}
	if !ca.IsCA || leaf.IsCA {
		t.Error("only the CA may be a CA")
	}
	for _, name := range append(slices.Clone(tlsca.DefaultNames), "mock.example.test") {
		if err := leaf.VerifyHostname(name); err != nil {
			t.Errorf("leaf does not cover %s: %v", name, err)
		}
	}
	if err := leaf.VerifyHostname("ok.ru.evil.test"); err == nil {
		t.Error("leaf covers a name nobody configured")
	}
}

func TestClientTrustingOnlyTheCAReachesRealNames(t *testing.T) {
	a := mustLoad(t, tlsca.Options{Now: time.Now})
	for _, name := range []string{"api.ok.ru", "connect.ok.ru", "ok.ru", "localhost"} {
		if err := handshake(t, a, a.CertPool(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := handshake(t, a, a.CertPool(), "example.com"); err == nil {
		t.Error("a name outside the certificate was accepted")
	}
	other := mustLoad(t, tlsca.Options{Now: time.Now})
	if err := handshake(t, a, other.CertPool(), "api.ok.ru"); err == nil {
		t.Error("a client trusting another CA was accepted")
	}
}

func TestRestartKeepsCAAndRenewsLeafOnlyWhenNeeded(t *testing.T) {
	dir := t.TempDir()
	first := mustLoad(t, tlsca.Options{Dir: dir, Now: at(t0)})
	serial := leafOf(t, first).SerialNumber

	tests := []struct {
		name      string
		now       time.Time
		names     []string
		sameLeaf  bool
		wantCover string
	}{
		{"next day", t0.Add(24 * time.Hour), nil, true, "api.ok.ru"},
		{"a new configured name", t0.Add(48 * time.Hour), []string{"ok-proxy.internal"}, false, "ok-proxy.internal"},
		{"close to the leaf's end", t0.Add(tlsca.LeafValidity - 10*24*time.Hour), []string{"ok-proxy.internal"}, false, "ok-proxy.internal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustLoad(t, tlsca.Options{Dir: dir, Names: tt.names, Now: at(tt.now)})
			if a.Source() != tlsca.SourceDataDir || !bytes.Equal(a.CACertPEM(), first.CACertPEM()) {
				t.Fatalf("CA changed on restart (source %q)", a.Source())
			}
			leaf := leafOf(t, a)
			if (leaf.SerialNumber.Cmp(serial) == 0) != tt.sameLeaf {
				t.Errorf("same leaf = %v, want %v", !tt.sameLeaf, tt.sameLeaf)
			}
			if err := leaf.VerifyHostname(tt.wantCover); err != nil {
				t.Error(err)
			}
			serial = leaf.SerialNumber
		})
	}
}

func TestWithoutDataFolderNothingIsKept(t *testing.T) {
	a := mustLoad(t, tlsca.Options{Now: at(t0)})
	b := mustLoad(t, tlsca.Options{Now: at(t0)})
	if bytes.Equal(a.CACertPEM(), b.CACertPEM()) {
		t.Error("two in-memory authorities share a CA")
	}
}

func TestSuppliedCA(t *testing.T) {
	gen := t.TempDir()
	made := mustLoad(t, tlsca.Options{Dir: gen, Now: at(t0)})
	data := t.TempDir()
	mustLoad(t, tlsca.Options{Dir: data, Now: at(t0)}) // the folder's own CA, replaced below
	a := mustLoad(t, tlsca.Options{
		Dir: data, Now: at(t0.Add(time.Hour)),
		CACertFile: filepath.Join(gen, tlsca.CACertFile), CAKeyFile: filepath.Join(gen, tlsca.CAKeyFile),
	})
	if a.Source() != tlsca.SourceSupplied || !bytes.Equal(a.CACertPEM(), made.CACertPEM()) {
		t.Fatalf("source %q, or CA differs from the supplied one", a.Source())
	}
	published, _ := os.ReadFile(filepath.Join(data, tlsca.CACertFile))
	if !bytes.Equal(published, made.CACertPEM()) {
		t.Error("the supplied CA is not published in the data folder")
	}
	if key, _ := os.ReadFile(filepath.Join(data, tlsca.CAKeyFile)); bytes.Equal(key, mustRead(t, filepath.Join(gen, tlsca.CAKeyFile))) {
		t.Error("the supplied CA's key was copied into the data folder")
	}
	if err := handshake(t, a, made.CertPool(), "connect.ok.ru"); err != nil {
		t.Error(err)
	}

	// Without the supplied CA, the folder's ca.pem no longer pairs with the
	// key of the folder's own CA: a new CA is made rather than failing.
	again := mustLoad(t, tlsca.Options{Dir: data, Now: at(t0)})
	if again.Source() != tlsca.SourceGenerated || bytes.Equal(again.CACertPEM(), made.CACertPEM()) {
		t.Errorf("source %q after dropping the supplied CA", again.Source())
	}
}

// TestSuppliedIntermediateRSACA: a team's own intermediate CA with an RSA
// PKCS #1 key; a client trusting only the team's root still connects,
// because the served chain carries the intermediate.
func TestSuppliedIntermediateRSACA(t *testing.T) {
	root, rootKey := makeRSACA(t, "team root", nil, nil)
	inter, interKey := makeRSACA(t, "team intermediate", root, rootKey)
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "inter.pem"), filepath.Join(dir, "inter.key")
	writePEM(t, certPath, "CERTIFICATE", inter.Raw)
	writePEM(t, keyPath, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(interKey))

	a := mustLoad(t, tlsca.Options{CACertFile: certPath, CAKeyFile: keyPath, Now: time.Now})
	roots := x509.NewCertPool()
	roots.AddCert(root)
	if err := handshake(t, a, roots, "api.ok.ru"); err != nil {
		t.Error(err)
	}
}

func TestLoadRefuses(t *testing.T) {
	gen := t.TempDir()
	mustLoad(t, tlsca.Options{Dir: gen, Now: at(t0)})
	expired, expiredKey := makeRSACA(t, "old", nil, nil)
	dir := t.TempDir()
	writePEM(t, filepath.Join(dir, "old.pem"), "CERTIFICATE", expired.Raw)
	writePEM(t, filepath.Join(dir, "old.key"), "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(expiredKey))

	tests := []struct {
		name string
		opts tlsca.Options
		want string
	}{
		{"certificate without key", tlsca.Options{CACertFile: filepath.Join(gen, tlsca.CACertFile)}, "both or neither"},
		{"a server certificate as CA", tlsca.Options{
			CACertFile: filepath.Join(gen, tlsca.ServerCertFile), CAKeyFile: filepath.Join(gen, tlsca.ServerKeyFile),
		}, "not a CA"},
		{"key of another CA", tlsca.Options{
			CACertFile: filepath.Join(gen, tlsca.CACertFile), CAKeyFile: filepath.Join(gen, tlsca.ServerKeyFile),
		}, "not a matching"},
		{"missing file", tlsca.Options{CACertFile: filepath.Join(dir, "nope.pem"), CAKeyFile: filepath.Join(dir, "nope.key")}, "no such file"},
		{"expired CA", tlsca.Options{
			CACertFile: filepath.Join(dir, "old.pem"), CAKeyFile: filepath.Join(dir, "old.key"),
			Now: at(time.Now().AddDate(5, 0, 0)),
		}, "expired"},
		{"bad name", tlsca.Options{Names: []string{"not a host!"}}, "neither a host name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tlsca.Load(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestNamesAreNormalized(t *testing.T) {
	a := mustLoad(t, tlsca.Options{Names: []string{" API.ok.ru ", "Mock.Example.TEST", "10.0.0.7", "", "*.apps.test"}, Now: at(t0)})
	want := append(slices.Clone(tlsca.DefaultNames), "mock.example.test", "10.0.0.7", "*.apps.test")
	if got := a.Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	leaf := leafOf(t, a)
	if !slices.ContainsFunc(leaf.IPAddresses, func(ip net.IP) bool { return ip.Equal(net.ParseIP("10.0.0.7")) }) {
		t.Errorf("IP SANs %v", leaf.IPAddresses)
	}
	if err := leaf.VerifyHostname("x.apps.test"); err != nil {
		t.Error(err)
	}
}

// makeRSACA makes a CA valid around now: self-signed when parent is nil.
func makeRSACA(t *testing.T, name string, parent *x509.Certificate, parentKey *rsa.PrivateKey) (*x509.Certificate, *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return cert, key
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
