package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"time"
)

// httpConn is one keep-alive HTTP/1.1 connection that speaks just enough
// of the protocol to send prepared requests and read the answers. A load
// generator built on net/http's client spends more CPU per request than
// the bare server it measures, so the ratios would measure the client.
type httpConn struct {
	addr     string
	c        net.Conn
	r        *bufio.Reader
	body     []byte
	deadline time.Time
}

// answer is what one request got back. body is only valid until the next
// read on the same connection.
type answer struct {
	status  int
	okError bool // the Invocation-Error header: an OK API error
	body    []byte
}

// ioTimeout bounds one request, so a stuck server cannot hang a phase.
const ioTimeout = 10 * time.Second

func newHTTPConn(addr string) *httpConn { return &httpConn{addr: addr} }

func (h *httpConn) connect() error {
	if h.c != nil {
		return nil
	}
	c, err := net.DialTimeout("tcp", h.addr, ioTimeout)
	if err != nil {
		return err
	}
	h.c = c
	if h.r == nil {
		h.r = bufio.NewReaderSize(c, 16<<10)
	} else {
		h.r.Reset(c)
	}
	h.deadline = time.Time{}
	return nil
}

// close drops the connection; the next request dials again.
func (h *httpConn) close() {
	if h.c != nil {
		_ = h.c.Close()
		h.c = nil
	}
}

// do sends req and reads its answer.
func (h *httpConn) do(req []byte) (answer, error) {
	if err := h.send(req); err != nil {
		return answer{}, err
	}
	return h.recv()
}

// send writes one prepared request.
func (h *httpConn) send(req []byte) error {
	if err := h.connect(); err != nil {
		return err
	}
	// Refreshing the deadline on every request would cost timer work on
	// the generator's one core; once a second is enough to bound a hang.
	if now := time.Now(); h.deadline.Sub(now) < ioTimeout-time.Second {
		h.deadline = now.Add(ioTimeout)
		_ = h.c.SetDeadline(h.deadline)
	}
	if _, err := h.c.Write(req); err != nil {
		h.close()
		return err
	}
	return nil
}

var errMalformed = errors.New("malformed HTTP answer")

// recv reads one answer: the status line, the headers that matter, and a
// Content-Length or chunked body.
func (h *httpConn) recv() (answer, error) {
	a, err := h.read()
	if err != nil {
		h.close()
	}
	return a, err
}

func (h *httpConn) read() (answer, error) {
	var a answer
	line, err := h.r.ReadSlice('\n')
	if err != nil {
		return a, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return a, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	if a.status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return a, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	length, chunked, closing := -1, false, false
	for {
		line, err = h.r.ReadSlice('\n')
		if err != nil {
			return a, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return a, fmt.Errorf("%w: header %q", errMalformed, line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil || length < 0 {
				return a, fmt.Errorf("%w: Content-Length %q", errMalformed, value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Invocation-Error")):
			a.okError = true
		case bytes.EqualFold(name, []byte("Connection")):
			closing = bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		err = h.readChunked()
	case length >= 0:
		err = h.readN(length, false)
	default:
		return a, fmt.Errorf("%w: no Content-Length", errMalformed)
	}
	a.body = h.body
	if closing {
		h.close()
	}
	return a, err
}

// readN reads n body bytes, appending them when more is set.
func (h *httpConn) readN(n int, more bool) error {
	if !more {
		h.body = h.body[:0]
	}
	start := len(h.body)
	h.body = slices.Grow(h.body, n)[:start+n]
	_, err := io.ReadFull(h.r, h.body[start:])
	return err
}

func (h *httpConn) readChunked() error {
	h.body = h.body[:0]
	for {
		line, err := h.r.ReadSlice('\n')
		if err != nil {
			return err
		}
		size, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.SplitN(line, []byte(";"), 2)[0])), 16, 32)
		if err != nil || size < 0 {
			return fmt.Errorf("%w: chunk size %q", errMalformed, line)
		}
		if size == 0 {
			// Trailers, then the blank line.
			for {
				line, err = h.r.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(bytes.TrimRight(line, "\r\n")) == 0 {
					return nil
				}
			}
		}
		if err := h.readN(int(size), true); err != nil {
			return err
		}
		if _, err := h.r.Discard(2); err != nil {
			return err
		}
	}
}
