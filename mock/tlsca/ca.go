package tlsca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"path/filepath"
	"time"
)

// Files in the data folder.
const (
	// CACertFile holds the CA certificate: the file clients trust.
	CACertFile = "ca.pem"
	// CAKeyFile holds the key of a generated CA (never of a supplied one).
	CAKeyFile = "ca-key.pem"
	// ServerCertFile holds the server certificate and the CA after it.
	ServerCertFile = "server.pem"
	// ServerKeyFile holds the server certificate's key.
	ServerKeyFile = "server-key.pem"
)

// authority is a CA able to sign.
type authority struct {
	cert    *x509.Certificate
	certPEM []byte
	signer  crypto.Signer
	source  Source
}

// loadCA takes the supplied CA, else the one kept in the data folder, else
// makes one. A kept CA that no longer pairs with its key (a supplied CA
// overwrote ca.pem on an earlier start) or has expired is replaced: its
// certificate is gone or useless, so nothing that still works is lost.
func loadCA(opts Options, now time.Time) (*authority, error) {
	if opts.CACertFile != "" {
		ca, err := readCA(opts.CACertFile, opts.CAKeyFile, SourceSupplied)
		if err != nil {
			return nil, err
		}
		if now.After(ca.cert.NotAfter) {
			return nil, loadErr(opts.CACertFile, fmt.Errorf("the CA certificate expired on %s", ca.cert.NotAfter.UTC().Format(time.DateOnly)))
		}
		if opts.Dir != "" {
			// Publish the supplied CA where clients look for it; its key
			// stays where the user keeps it.
			if err := writeFiles(opts.Dir, file{CACertFile, ca.certPEM, 0o644}); err != nil {
				return nil, err
			}
		}
		return ca, nil
	}
	if opts.Dir != "" {
		ca, err := readCA(filepath.Join(opts.Dir, CACertFile), filepath.Join(opts.Dir, CAKeyFile), SourceDataDir)
		switch {
		case err == nil && !now.After(ca.cert.NotAfter):
			return ca, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errBadPair):
			return nil, err
		}
	}
	ca, keyPEM, err := generateCA(now)
	if err != nil {
		return nil, err
	}
	if opts.Dir != "" {
		err := writeFiles(opts.Dir, file{CAKeyFile, keyPEM, 0o600}, file{CACertFile, ca.certPEM, 0o644})
		if err != nil {
			return nil, err
		}
	}
	return ca, nil
}

// errBadPair marks a certificate and key that do not belong together or do
// not parse.
var errBadPair = errors.New("not a matching certificate and key")

// readCA reads a CA certificate and its key.
func readCA(certPath, keyPath string, src Source) (*authority, error) {
	pair, err := readPair(certPath, keyPath)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return nil, loadErr(certPath, fmt.Errorf("%w: %v", errBadPair, err))
	}
	if !cert.IsCA || !cert.BasicConstraintsValid {
		return nil, loadErr(certPath, errors.New("the certificate is not a CA (basic constraints CA:TRUE missing)"))
	}
	signer, ok := pair.PrivateKey.(crypto.Signer)
	if !ok {
		return nil, loadErr(keyPath, errors.New("the key cannot sign"))
	}
	return &authority{cert: cert, certPEM: encodeCert(cert.Raw), signer: signer, source: src}, nil
}

// generateCA makes a CA valid from now-Backdate for CAValidity. Its key is
// ECDSA P-256: quick to make and accepted by every TLS client.
func generateCA(now time.Time) (*authority, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("tlsca: generate CA key: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, nil, err
	}
	start := windowStart(now)
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:   "okmock CA " + start.Format("2006-01-02T15:04:05Z"),
			Organization: []string{"okmock (a mock of the OK.ru API, for tests only)"},
		},
		NotBefore:             start,
		NotAfter:              start.Add(CAValidity),
		IsCA:                  true,
		BasicConstraintsValid: true,
		MaxPathLenZero:        true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, nil, fmt.Errorf("tlsca: create CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("tlsca: parse CA certificate: %w", err)
	}
	keyPEM, err := encodeKey(key)
	if err != nil {
		return nil, nil, err
	}
	return &authority{cert: cert, certPEM: encodeCert(der), signer: key, source: SourceGenerated}, keyPEM, nil
}

// windowStart is where a validity window made at now begins: Backdate
// earlier, whole seconds (what a certificate can hold).
func windowStart(now time.Time) time.Time {
	return now.Add(-Backdate).UTC().Truncate(time.Second)
}

// randomSerial is a 128-bit serial number, as the CA/Browser rules ask
// (at least 64 random bits).
func randomSerial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, fmt.Errorf("tlsca: serial number: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil
}

func encodeCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func encodeKey(key *ecdsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("tlsca: encode key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}
