package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/okmock/okmock/conformance/protocol"
)

// helloDeadline bounds the start of a driver: process start-up included
// (an interpreter, a JVM).
const helloDeadline = 60 * time.Second

// Driver is the suite's side of the protocol: it opens exchanges with
// the dialer, greets each with hello, sends instructions one at a time and
// starts over after a failure.
type Driver struct {
	dial Dialer

	mu     sync.Mutex
	cur    *conn
	nextID int64
	hello  protocol.HelloResult
	greets int   // exchanges opened (1 = never restarted)
	logs   *tail // stderr of the latest exchange, kept after it ends
}

// NewDriver returns a driver that is not connected yet.
func NewDriver(dial Dialer) *Driver { return &Driver{dial: dial} }

// Hello connects (when not connected) and answers what the driver said to
// hello.
func (d *Driver) Hello(ctx context.Context) (protocol.HelloResult, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.connect(ctx); err != nil {
		return protocol.HelloResult{}, err
	}
	return d.hello, nil
}

// connect opens an exchange and greets it; d.mu is held.
func (d *Driver) connect(ctx context.Context) error {
	if d.cur != nil {
		return nil
	}
	c, err := d.dial(ctx)
	if err != nil {
		return err
	}
	d.cur, d.logs = c, c.logs
	raw, err := d.exchange(ctx, &protocol.Instruction{Type: protocol.TypeHello, Protocol: protocol.Version, Suite: SuiteName}, helloDeadline)
	if err != nil {
		return fmt.Errorf("hello: %w", err)
	}
	if raw.Error != nil {
		d.drop(false)
		return fmt.Errorf("hello: the driver answered an error: %v", raw.Error)
	}
	var h protocol.HelloResult
	if err := json.Unmarshal(raw.Result, &h); err != nil {
		d.drop(false)
		return fmt.Errorf("hello: unreadable result %s: %w", raw.Result, err)
	}
	if h.Protocol != protocol.Version {
		d.drop(false)
		return fmt.Errorf("hello: the driver speaks protocol %d, the suite %d", h.Protocol, protocol.Version)
	}
	d.hello = h
	d.greets++
	return nil
}

// Send sends one instruction (its ID is assigned here) and waits for the
// response until deadline. A failure of the exchange itself (no answer, a
// crash, a line that is not a response) ends the exchange; the next Send
// opens a new one.
func (d *Driver) Send(ctx context.Context, ins *protocol.Instruction, deadline time.Duration) (*protocol.Response, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.connect(ctx); err != nil {
		return nil, err
	}
	return d.exchange(ctx, ins, deadline)
}

// exchange sends ins on the current exchange; d.mu is held.
func (d *Driver) exchange(ctx context.Context, ins *protocol.Instruction, deadline time.Duration) (*protocol.Response, error) {
	ins.ID = d.nextID
	d.nextID++
	line, err := json.Marshal(ins)
	if err != nil {
		return nil, err
	}
	got, err := d.cur.exchange(ctx, line, deadline)
	if err != nil {
		d.drop(true)
		return nil, err
	}
	resp, err := parseResponse([]byte(got), ins.ID)
	if err != nil {
		d.drop(true)
		return nil, err
	}
	return resp, nil
}

// parseResponse checks a response line: JSON, the right id, exactly one
// of result and error.
func parseResponse(line []byte, id int64) (*protocol.Response, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return nil, fmt.Errorf("the driver wrote a line that is not a JSON object: %.200q", line)
	}
	var resp protocol.Response
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&resp); err != nil {
		return nil, fmt.Errorf("unreadable response %.200q: %w", line, err)
	}
	_, hasID := fields["id"]
	_, hasResult := fields["result"]
	_, hasError := fields["error"]
	switch {
	case !hasID || resp.ID != id:
		return nil, fmt.Errorf("response id %s, want %d", fields["id"], id)
	case hasResult == hasError:
		return nil, fmt.Errorf("a response needs exactly one of result and error: %.200q", line)
	case hasError && (resp.Error == nil || resp.Error.Kind == ""):
		return nil, fmt.Errorf("an error without a kind: %.200q", line)
	}
	if hasResult && resp.Result == nil {
		resp.Result = json.RawMessage("null")
	}
	return &resp, nil
}

// drop ends the current exchange; d.mu is held.
func (d *Driver) drop(hard bool) {
	if d.cur == nil {
		return
	}
	if hard {
		d.cur.kill()
	} else {
		d.cur.close()
	}
	d.cur = nil
}

// Logs is what the driver wrote on stderr lately (stdio drivers only).
func (d *Driver) Logs() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logs.String()
}

// ResetLogs forgets the driver's stderr so far, so each spec shows its own.
func (d *Driver) ResetLogs() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.logs.reset()
}

// Restarts is how many times the exchange had to be opened again.
func (d *Driver) Restarts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return max(d.greets-1, 0)
}

// Close ends the exchange politely.
func (d *Driver) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.drop(false)
}

// Kill ends the exchange at once (a driver process is killed, not given
// a moment to exit): for an interrupted run, which has seconds to stop.
func (d *Driver) Kill() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.drop(true)
}
