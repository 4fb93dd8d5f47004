package tlsca

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// loadOrIssueLeaf reuses the server certificate kept in dir when it still
// fits (see Load), else issues a new one and keeps it.
func loadOrIssueLeaf(dir string, ca *authority, names []string, now time.Time) (tls.Certificate, error) {
	if dir != "" {
		leaf, err := readPair(filepath.Join(dir, ServerCertFile), filepath.Join(dir, ServerKeyFile))
		if err == nil && leafFits(leaf, ca.cert, names, now) {
			return leaf, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errBadPair) {
			return tls.Certificate{}, err
		}
	}
	leaf, certPEM, keyPEM, err := issueLeaf(ca, names, now)
	if err != nil {
		return tls.Certificate{}, err
	}
	if dir != "" {
		err := writeFiles(dir, file{ServerKeyFile, keyPEM, 0o600}, file{ServerCertFile, certPEM, 0o644})
		if err != nil {
			return tls.Certificate{}, err
		}
	}
	return leaf, nil
}

// readPair reads a certificate (chain) and its key, in any form
// tls.X509KeyPair knows.
func readPair(certPath, keyPath string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certPath)
	if err != nil {
		return tls.Certificate{}, loadErr(certPath, err)
	}
	keyPEM, err := os.ReadFile(keyPath)
	if err != nil {
		return tls.Certificate{}, loadErr(keyPath, err)
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, loadErr(certPath, fmt.Errorf("%w: %v", errBadPair, err))
	}
	return pair, nil
}

// leafFits tells whether a kept server certificate may serve on: signed by
// the current CA, covering every name, and not about to expire.
func leafFits(leaf tls.Certificate, ca *x509.Certificate, names []string, now time.Time) bool {
	if leaf.Leaf == nil {
		return false
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	_, err := leaf.Leaf.Verify(x509.VerifyOptions{
		Roots:       roots,
		CurrentTime: now,
		KeyUsages:   []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil || now.Add(RenewBefore).After(leaf.Leaf.NotAfter) {
		return false
	}
	for _, n := range names {
		if leaf.Leaf.VerifyHostname(n) != nil {
			return false
		}
	}
	return true
}

// issueLeaf makes a server certificate for names, signed by ca, valid from
// now-Backdate for LeafValidity (never past the CA's own end).
func issueLeaf(ca *authority, names []string, now time.Time) (tls.Certificate, []byte, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, nil, fmt.Errorf("tlsca: generate server key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	start := windowStart(now)
	end := start.Add(LeafValidity)
	if end.After(ca.cert.NotAfter) {
		end = ca.cert.NotAfter
	}
	dns, ips := splitNames(names)
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: names[0], Organization: []string{"okmock"}},
		DNSNames:     dns,
		IPAddresses:  ips,
		NotBefore:    start,
		NotAfter:     end,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.signer)
	if err != nil {
		return tls.Certificate{}, nil, nil, fmt.Errorf("tlsca: create server certificate: %w", err)
	}
	keyPEM, err := encodeKey(key)
	if err != nil {
		return tls.Certificate{}, nil, nil, err
	}
	// The CA follows the server certificate, so a supplied intermediate CA
	// still chains to its root.
	certPEM := append(encodeCert(der), ca.certPEM...)
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, nil, nil, fmt.Errorf("tlsca: server certificate: %w", err)
	}
	return pair, certPEM, keyPEM, nil
}
