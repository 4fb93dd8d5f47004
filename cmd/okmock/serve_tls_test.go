package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/okmock/okmock/mock"
)

func TestTLSFlagsFromEnvironment(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		want     tlsSettings
		wantFail string
	}{
		{"off by default", nil, nil, tlsSettings{addr: ":8443"}, ""},
		{"environment only", map[string]string{
			"OKMOCK_TLS": "1", "OKMOCK_TLS_ADDR": ":443", "OKMOCK_TLS_NAMES": "a.test,b.test",
			"OKMOCK_DATA_DIR": "/data", "OKMOCK_CA_CERT": "/ca.pem", "OKMOCK_CA_KEY": "/ca.key",
		}, nil, tlsSettings{enabled: true, addr: ":443", names: "a.test,b.test", dataDir: "/data", caCert: "/ca.pem", caKey: "/ca.key"}, ""},
		{"flags beat environment", map[string]string{"OKMOCK_TLS": "true", "OKMOCK_TLS_ADDR": ":443"},
			[]string{"--tls=false", "--tls-addr", "127.0.0.1:9443"}, tlsSettings{addr: "127.0.0.1:9443"}, ""},
		{"malformed OKMOCK_TLS", map[string]string{"OKMOCK_TLS": "yes please"}, nil, tlsSettings{}, "OKMOCK_TLS"},
		{"CA certificate without key", nil, []string{"--tls", "--ca-cert", "/ca.pem"}, tlsSettings{}, "go together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseServeFlags(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if tt.wantFail != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantFail) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantFail)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.tls != tt.want {
				t.Errorf("tls = %+v, want %+v", cfg.tls, tt.want)
			}
		})
	}
}

func TestTLSNamesFlagSplitsOnCommas(t *testing.T) {
	s := tlsSettings{names: " ok-proxy.test, ,10.1.2.3,", dataDir: "/data"}
	opts := s.options(time.Now)
	if strings.Join(opts.Names, "|") != "ok-proxy.test|10.1.2.3" || opts.Dir != "/data" {
		t.Errorf("options = %+v", opts)
	}
}

// freeAddr is a loopback address nobody listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// okClient is a client that trusts only caPEM and reaches every host name
// (api.ok.ru, connect.ok.ru) at addr, as a container whose DNS points the
// real names at okmock would. dialed records the addresses it was asked
// for.
func okClient(t *testing.T, caPEM []byte, addr string) (*http.Client, *[]string) {
	t.Helper()
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPEM) {
		t.Fatalf("not a PEM certificate: %q", caPEM)
	}
	var mu sync.Mutex
	var dialed []string
	d := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		TLSClientConfig:   &tls.Config{RootCAs: roots},
		ForceAttemptHTTP2: true,
		DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
			mu.Lock()
			dialed = append(dialed, a)
			mu.Unlock()
			return d.DialContext(ctx, network, addr)
		},
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}, &dialed
}

func getBody(t *testing.T, c *http.Client, u string) ([]byte, *http.Response) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b, resp
}

// TestTLSUnderRealNames is the point of --tls: a client that hard-codes
// https://api.ok.ru, trusts only okmock's CA and has the name resolved to
// okmock completes a signed call; the CA stays the same across restarts.
func TestTLSUnderRealNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	tlsAddr := freeAddr(t)
	base, cmd := startBinary(t, "--tls", "--tls-addr", tlsAddr, "--data-dir", dataDir)
	// The "listening on" line is the signal scripts wait for: by then the
	// CA is published and the HTTPS port accepts, with no polling.
	if c, err := net.Dial("tcp", tlsAddr); err != nil {
		t.Fatalf("HTTPS is not ready when okmock says it listens: %v", err)
	} else {
		c.Close()
	}

	caPEM, resp := getBody(t, http.DefaultClient, base+"/__okmock/ca.pem")
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(caPEM, []byte("-----BEGIN CERTIFICATE-----")) {
		t.Fatalf("ca.pem: %d %s", resp.StatusCode, caPEM)
	}
	if onDisk, err := os.ReadFile(filepath.Join(dataDir, "ca.pem")); err != nil || !bytes.Equal(onDisk, caPEM) {
		t.Fatalf("the data folder's ca.pem differs from /__okmock/ca.pem (%v)", err)
	}

	client, dialed := okClient(t, caPEM, tlsAddr)
	sess, resp := demoSession(t, client, "https://api.ok.ru")
	if resp.TLS == nil || resp.TLS.PeerCertificates[0].VerifyHostname("api.ok.ru") != nil {
		t.Fatal("the session was not fetched over TLS as api.ok.ru")
	}

	params := url.Values{"application_key": {"CBAFPJHFEBABABABA"}, "method": {"users.getCurrentUser"}, "format": {"json"}}
	params.Set("sig", sign(params, sess.AccessToken, "0F1E2D3C4B5A69788796A5B4"))
	params.Set("access_token", sess.AccessToken)
	resp, err := client.PostForm("https://api.ok.ru/fb.do", params)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var user map[string]any
	if resp.Header.Get("Invocation-Error") != "" || json.Unmarshal(body, &user) != nil || user["uid"] != sess.UID {
		t.Fatalf("signed call over TLS: %s", body)
	}
	if _, resp := getBody(t, client, "https://connect.ok.ru/__okmock/health"); resp.StatusCode != http.StatusOK {
		t.Errorf("connect.ok.ru: HTTP %d", resp.StatusCode)
	}
	if got := strings.Join(*dialed, " "); !strings.Contains(got, "api.ok.ru:443") || !strings.Contains(got, "connect.ok.ru:443") {
		t.Errorf("dialed %q: the client did not ask for the real names", got)
	}

	// A client that trusts the system roots only refuses okmock.
	strict := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, n, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, n, tlsAddr)
	}}}
	_, err = strict.Get("https://api.ok.ru/__okmock/health")
	if uerr := (x509.UnknownAuthorityError{}); err == nil || !errors.As(err, &uerr) {
		t.Errorf("a client without okmock's CA: err = %v, want an unknown authority", err)
	}

	// A restart on the same data folder keeps the CA a team trusted.
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	base, _ = startBinary(t, "--tls", "--tls-addr", freeAddr(t), "--data-dir", dataDir)
	again, _ := getBody(t, http.DefaultClient, base+"/__okmock/ca.pem")
	if !bytes.Equal(again, caPEM) {
		t.Error("the CA changed across a restart on the same data folder")
	}
}

// demoSession mints a session of the demo application through base's
// control API.
func demoSession(t *testing.T, c *http.Client, base string) (mock.SessionGrant, *http.Response) {
	t.Helper()
	body, _ := json.Marshal(mock.SessionSpec{ApplicationKey: mock.DemoApp().Key, Scopes: []string{"VALUABLE_ACCESS"}})
	resp, err := c.Post(base+mock.ControlPrefix+"/sessions", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var g mock.SessionGrant
	if err := json.NewDecoder(resp.Body).Decode(&g); err != nil || g.AccessToken == "" {
		t.Fatalf("session: HTTP %d, %v", resp.StatusCode, err)
	}
	return g, resp
}
