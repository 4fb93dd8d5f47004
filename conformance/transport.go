package conformance

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxLine bounds one protocol line (a photo travels in base64).
const maxLine = 64 << 20

// conn is one live exchange with a driver: a process's stdio, a TCP
// connection or an in-memory pipe. Lines are read by a goroutine so that
// a wait can be abandoned at a deadline.
type conn struct {
	w       io.Writer
	lines   chan string
	readErr error           // set before lines is closed
	stop    func(hard bool) // ends the exchange: politely, or at once

	logs *tail // what the driver wrote on stderr, if anything
	done chan struct{}
	once sync.Once
}

func newConn(r io.Reader, w io.Writer, stop func(hard bool), logs *tail) *conn {
	c := &conn{w: w, lines: make(chan string), stop: stop, logs: logs, done: make(chan struct{})}
	go c.read(r)
	return c
}

func (c *conn) read(r io.Reader) {
	defer close(c.lines)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for sc.Scan() {
		select {
		case c.lines <- sc.Text():
		case <-c.done:
			return
		}
	}
	c.readErr = sc.Err()
}

// exchange writes one line and waits for one line back until deadline,
// or until ctx is done: an interrupted run must not wait out the deadline.
func (c *conn) exchange(ctx context.Context, line []byte, deadline time.Duration) (string, error) {
	if _, err := c.w.Write(append(line, '\n')); err != nil {
		return "", fmt.Errorf("the driver does not take input: %w", err)
	}
	t := time.NewTimer(deadline)
	defer t.Stop()
	select {
	case got, ok := <-c.lines:
		if !ok {
			if c.readErr != nil {
				return "", fmt.Errorf("reading the driver's answer: %w", c.readErr)
			}
			return "", errors.New("the driver closed its output (crashed or exited)")
		}
		return got, nil
	case <-t.C:
		return "", fmt.Errorf("the driver did not answer within %v", deadline)
	case <-ctx.Done():
		return "", fmt.Errorf("gave up waiting for the driver's answer: %w", context.Cause(ctx))
	}
}

// close ends the exchange politely: a process gets its stdin closed and a
// moment to exit.
func (c *conn) close() { c.end(false) }

// kill ends the exchange at once: for a driver that stopped answering.
func (c *conn) kill() { c.end(true) }

func (c *conn) end(hard bool) {
	c.once.Do(func() {
		close(c.done)
		c.stop(hard)
	})
}

// Dialer opens a new exchange with a driver.
type Dialer func(ctx context.Context) (*conn, error)

// CommandDialer starts argv as the driver process for each exchange: the
// suite writes to its stdin and reads its stdout; its stderr is kept for
// failure reports.
func CommandDialer(argv []string, env []string) Dialer {
	return func(ctx context.Context) (*conn, error) {
		if len(argv) == 0 {
			return nil, errors.New("no driver command")
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = append(os.Environ(), env...)
		stdin, err := cmd.StdinPipe()
		if err != nil {
			return nil, err
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		logs := newTail(64 << 10)
		cmd.Stderr = logs
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("start driver %q: %w", strings.Join(argv, " "), err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		stop := func(hard bool) {
			// Closing stdin asks the driver to exit; one that does not
			// within a moment, or that hung, is killed.
			_ = stdin.Close()
			wait := 2 * time.Second
			if hard {
				wait = 0
			}
			select {
			case <-exited:
			case <-time.After(wait):
				_ = cmd.Process.Kill()
				<-exited
			}
		}
		return newConn(stdout, stdin, stop, logs), nil
	}
}

// reconnectWait bounds the retries of later connections: a driver that
// was up and is gone for good should cost each remaining spec seconds,
// not the whole start-up wait.
const reconnectWait = 2 * time.Second

// TCPDialer connects to a driver listening on addr, trying again until
// wait has passed (the driver's container may still be starting); once it
// has connected, later connections try for a couple of seconds only.
func TCPDialer(addr string, wait time.Duration) Dialer {
	var connected atomic.Bool
	return func(ctx context.Context) (*conn, error) {
		w := wait
		if connected.Load() {
			w = min(w, reconnectWait)
		}
		give := time.Now().Add(w)
		var d net.Dialer
		for {
			nc, err := d.DialContext(ctx, "tcp", addr)
			if err == nil {
				connected.Store(true)
				return newConn(nc, nc, func(bool) { _ = nc.Close() }, nil), nil
			}
			if time.Now().After(give) || ctx.Err() != nil {
				return nil, fmt.Errorf("connect to the driver at %s: %w", addr, err)
			}
			select {
			case <-time.After(200 * time.Millisecond):
			case <-ctx.Done():
			}
		}
	}
}

// ServeFunc is a driver living in this process, such as refdriver.Serve.
type ServeFunc func(ctx context.Context, r io.Reader, w io.Writer) error

// InProcessDialer runs serve in a goroutine for each exchange, over pipes.
func InProcessDialer(serve ServeFunc) Dialer {
	return func(ctx context.Context) (*conn, error) {
		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		served := make(chan struct{})
		go func() {
			defer close(served)
			err := serve(ctx, inR, outW)
			_ = outW.CloseWithError(err)
		}()
		stop := func(hard bool) {
			cancel()
			_ = inW.Close()
			_ = outR.Close()
			// Like a process given a moment to exit: once stopped politely,
			// the driver no longer runs, so nothing it shares with the
			// caller changes behind the caller's back.
			if !hard {
				select {
				case <-served:
				case <-time.After(2 * time.Second):
				}
			}
		}
		return newConn(outR, inW, stop, nil), nil
	}
}

// tail keeps the last bytes written to it.
type tail struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func newTail(max int) *tail { return &tail{max: max} }

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

// String is what was kept.
func (t *tail) String() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// reset forgets what was written.
func (t *tail) reset() {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.buf = t.buf[:0]
	t.mu.Unlock()
}
