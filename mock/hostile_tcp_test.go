package mock

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Hostile input at the TCP level, against okmock served by its own
// HTTPServer (the one cmd/okmock runs) with short timeouts: slow clients,
// HTTP/1.0, pipelining, broken framing.

// tcpLimits cut slow clients off quickly enough for a test.
var tcpLimits = Limits{
	MaxBodyBytes: hostileLimits.MaxBodyBytes, MaxUploadBytes: hostileLimits.MaxUploadBytes,
	MaxParams: hostileLimits.MaxParams, MaxHeaderBytes: 16 << 10,
	ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: 800 * time.Millisecond,
}

// tcpCase drives one raw connection and checks what comes back.
type tcpCase struct {
	name string
	run  func(t *testing.T, c *rawConn, h *hostileEnv)
}

// rawConn is a client connection that writes bytes as given.
type rawConn struct {
	net.Conn
	r *bufio.Reader
}

func dialRaw(t *testing.T, addr string) *rawConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { _ = c.Close() })
	return &rawConn{c, bufio.NewReader(c)}
}

func (c *rawConn) send(t *testing.T, s string) {
	t.Helper()
	if _, err := io.WriteString(c, s); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// response reads one answer.
func (c *rawConn) response(t *testing.T) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp, string(body)
}

// closedWithin checks that the server hangs up within d, after at most a
// plain 4xx answer (net/http answers 400 when the timeout cuts a request
// line in half, and nothing when it falls between lines).
func (c *rawConn) closedWithin(t *testing.T, d time.Duration) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(d))
	rest, err := io.ReadAll(c.r)
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		t.Fatalf("connection still open after %s", d)
	case len(rest) > 0 && !strings.HasPrefix(string(rest), "HTTP/1.1 4"):
		t.Fatalf("answered %.100q before hanging up", rest)
	}
}

// expectOK reads an answer that must be an OK error with the code (0: a
// result).
func (c *rawConn) expectOK(t *testing.T, code string) string {
	t.Helper()
	resp, body := c.response(t)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Invocation-Error") != code {
		t.Fatalf("HTTP %d Invocation-Error %q, want 200 and %q: %.200s", resp.StatusCode, resp.Header.Get("Invocation-Error"), code, body)
	}
	return body
}

// expectStatus reads an answer that must have the HTTP status.
func (c *rawConn) expectStatus(t *testing.T, status int) {
	t.Helper()
	if resp, body := c.response(t); resp.StatusCode != status {
		t.Fatalf("HTTP %d, want %d: %.200s", resp.StatusCode, status, body)
	}
}

var hostileTCPCases = []tcpCase{
	{"headers never finished", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /__okmock/health HTTP/1.1\r\nHost: x\r\n")
		c.closedWithin(t, tcpLimits.ReadHeaderTimeout+2*time.Second)
	}},
	{"headers trickled a byte at a time", func(t *testing.T, c *rawConn, h *hostileEnv) {
		start := time.Now()
		req := "GET /__okmock/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("s", 100) + "\r\n\r\n"
		for i := 0; i < len(req); i++ {
			if _, err := c.Write([]byte{req[i]}); err != nil {
				break // cut off, as it should be
			}
			time.Sleep(20 * time.Millisecond)
		}
		c.closedWithin(t, 2*time.Second)
		if took := time.Since(start); took > tcpLimits.ReadHeaderTimeout+3*time.Second {
			t.Errorf("cut off after %s", took)
		}
	}},
	{"body slower than ReadTimeout", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nmethod=users")
		c.expectOK(t, "31")
	}},
	{"body cut short by the client", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nmethod=users")
		_ = c.Conn.(*net.TCPConn).CloseWrite()
		c.expectOK(t, "4")
	}},
	{"HTTP/1.0 health check", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /__okmock/health HTTP/1.0\r\n\r\n")
		resp, _ := c.response(t)
		if resp.StatusCode != 200 || resp.ProtoMinor != 0 {
			t.Errorf("%s %d", resp.Proto, resp.StatusCode)
		}
		c.closedWithin(t, 2*time.Second)
	}},
	{"HTTP/1.0 signed call without Host", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /fb.do?"+h.signed(map[string]string{"method": "users.getCurrentUser"})+" HTTP/1.0\r\n\r\n")
		if body := c.expectOK(t, ""); !strings.Contains(body, h.g.UID) {
			t.Errorf("answer %s", body)
		}
	}},
	{"three pipelined requests", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /__okmock/health HTTP/1.1\r\nHost: x\r\n\r\n"+
			"GET /fb.do?"+h.signed(map[string]string{"method": "users.getCurrentUser"})+" HTTP/1.1\r\nHost: x\r\n\r\n"+
			"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
		c.expectStatus(t, 200)
		if body := c.expectOK(t, ""); !strings.Contains(body, h.g.UID) {
			t.Errorf("second answer %s", body)
		}
		c.expectStatus(t, 404)
	}},
	{"headers over MaxHeaderBytes", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /__okmock/health HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("b", 64<<10)+"\r\n\r\n")
		c.expectStatus(t, http.StatusRequestHeaderFieldsTooLarge)
	}},
	{"10,000 small headers", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /__okmock/health HTTP/1.1\r\nHost: x\r\n"+strings.Repeat("X-A: b\r\n", 10000)+"\r\n")
		c.expectStatus(t, http.StatusRequestHeaderFieldsTooLarge)
	}},
	{"query over MaxHeaderBytes", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /fb.do?"+manyParams(20000, false)+" HTTP/1.1\r\nHost: x\r\n\r\n")
		c.expectStatus(t, http.StatusRequestHeaderFieldsTooLarge)
	}},
	{"garbage request line", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "HELLO THERE\r\n\r\n")
		c.expectStatus(t, http.StatusBadRequest)
	}},
	{"NUL in the request line", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /fb.do\x00/../x HTTP/1.1\r\nHost: x\r\n\r\n")
		c.expectStatus(t, http.StatusBadRequest)
	}},
	{"header line without a colon", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "GET /__okmock/health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n")
		c.expectStatus(t, http.StatusBadRequest)
	}},
	{"Content-Length and chunked together", func(t *testing.T, c *rawConn, h *hostileEnv) {
		// net/http reads the chunked body and ignores Content-Length
		// (RFC 9112 6.3), so the two cannot be played against each other.
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
		c.expectOK(t, "101")
	}},
	{"unsupported transfer encoding", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
		c.expectStatus(t, http.StatusNotImplemented)
	}},
	{"invalid chunk size", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nmethod=x\r\n0\r\n\r\n")
		c.expectOK(t, "4")
	}},
	{"negative Content-Length", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")
		c.expectStatus(t, http.StatusBadRequest)
	}},
	{"Content-Length shorter than the body", func(t *testing.T, c *rawConn, h *hostileEnv) {
		c.send(t, "POST /fb.do HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nmethod=users.getCurrentUser")
		c.expectOK(t, "101") // the first six bytes: no application key
		c.expectStatus(t, http.StatusBadRequest)
	}},
	{"200 idle connections", func(t *testing.T, c *rawConn, h *hostileEnv) {
		for range 200 {
			dialRaw(t, c.RemoteAddr().String())
		}
		c.send(t, "GET /__okmock/health HTTP/1.1\r\nHost: x\r\n\r\n")
		c.expectStatus(t, 200)
	}},
}

func TestHostileConnections(t *testing.T) {
	ts := newTestServer(t, Options{Limits: tcpLimits})
	h := &hostileEnv{ts: ts, g: ts.session("VALUABLE_ACCESS")}
	hs := ts.srv.HTTPServer()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })
	addr := ln.Addr().String()
	client := &http.Client{Timeout: 5 * time.Second}

	for _, tc := range hostileTCPCases {
		t.Run(tc.name, func(t *testing.T) {
			tc.run(t, dialRaw(t, addr), h)
			resp, err := client.Get("http://" + addr + ControlPrefix + "/health")
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("unhealthy after the case: %v %v", err, resp)
			}
			_ = resp.Body.Close()
		})
	}
}
