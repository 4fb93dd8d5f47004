package mock

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"
)

func TestCACertificateIsPublishedOnlyWhenSet(t *testing.T) {
	ts := newTestServer(t, Options{})
	const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

	rec := ts.do(http.MethodGet, ControlPrefix+"/ca.pem", "", nil)
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "--tls") {
		t.Errorf("before SetCACertificate: %d %s", rec.Code, rec.Body)
	}

	ts.srv.SetCACertificate([]byte(pem))
	rec = ts.do(http.MethodGet, ControlPrefix+"/ca.pem", "", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != pem || rec.Header().Get("Content-Type") != "application/x-pem-file" {
		t.Errorf("after SetCACertificate: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	other := newTestServer(t, Options{})
	if other.srv.CACertificate() != nil {
		t.Error("one server's CA leaked into another")
	}

	ts.srv.SetCACertificate(nil)
	if rec = ts.do(http.MethodGet, ControlPrefix+"/ca.pem", "", nil); rec.Code != http.StatusNotFound {
		t.Errorf("after SetCACertificate(nil): %d", rec.Code)
	}
}

func TestCACertificateEntryGoesWithItsServer(t *testing.T) {
	key := func() weak.Pointer[Server] {
		s, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.SetCACertificate([]byte("pem"))
		return weak.Make(s)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		if _, ok := caCerts.Load(key); !ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("the CA entry of a collected server is still held")
}
