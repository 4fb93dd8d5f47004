package mock

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/scenarios"
)

// evaluateScenario asks the scenario engine about one call; nil when no
// rule fires (the common case costs one atomic load in the engine).
func (s *Server) evaluateScenario(endpoint scenarios.Endpoint, method, appKey, uid, token string, p *Params) *scenarios.Outcome {
	if s.scenarios.Idle() {
		return nil
	}
	return s.scenarios.Evaluate(scenarios.Request{
		Endpoint: endpoint, Method: method, ApplicationKey: appKey, UID: uid,
		AccessToken: token, Param: p.Lookup, Time: s.clock.Now(),
	})
}

// scenarioError turns a scripted OK error into okmock's error type, with
// OK's text for the code when the rule gave none.
func scenarioError(e *scenarios.OKError) *Error {
	out := NewError(e.Code, "")
	if e.Msg != "" {
		out.Text = e.Msg
		// A rule may give the whole error_msg ("NAME : text"): keep it as
		// written rather than naming the code twice.
		if name := ErrorName(e.Code) + " : "; len(e.Msg) > len(name) && e.Msg[:len(name)] == name {
			out.Text = e.Msg[len(name):]
		}
	}
	if len(e.Data) > 0 {
		out.Data = jsonRaw(e.Data)
	}
	return out
}

// jsonRaw marshals as the raw JSON it holds.
type jsonRaw []byte

func (j jsonRaw) MarshalJSON() ([]byte, error) { return j, nil }

// waitDelay holds the answer back; a client that gives up ends the wait.
func waitDelay(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// answerWithScenario runs serve, the endpoint's normal answer, under what
// the fired rules ask for: delay, transport faults and HTTP overrides.
// The journal entry records the rules and the fault.
func (s *Server) answerWithScenario(ec echo.Context, out *scenarios.Outcome, entry *JournalEntry, serve func() error) error {
	if out == nil {
		return serve()
	}
	entry.ScenarioRules = append(entry.ScenarioRules, out.Rules...)
	waitDelay(ec.Request().Context(), out.Delay)
	switch out.Fault {
	case scenarios.FaultReset, scenarios.FaultEmpty:
		entry.Fault = string(out.Fault)
		return hijackAndClose(ec, out.Fault == scenarios.FaultReset, nil)
	}
	if out.Fault == scenarios.FaultNone && out.HTTP == nil {
		return serve()
	}
	// Capture the normal answer, then change it.
	real := ec.Response().Writer
	buf := &bufferedResponse{header: http.Header{}}
	ec.Response().Writer = buf
	err := serve()
	ec.Response().Writer = real
	if err != nil {
		return err
	}
	status, body := buf.status, buf.body.Bytes()
	if status == 0 {
		status = http.StatusOK
	}
	if o := out.HTTP; o != nil {
		if o.Status != 0 {
			status = o.Status
		}
		if o.Body != nil {
			body = []byte(*o.Body)
		}
		if o.ContentType != "" {
			buf.header.Set("Content-Type", o.ContentType)
		}
		for k, v := range o.Headers {
			buf.header.Set(k, v)
		}
	}
	entry.HTTPStatus = status
	switch out.Fault {
	case scenarios.FaultMalformed:
		entry.Fault = string(out.Fault)
		body = append(body[:len(body)/2:len(body)/2], []byte("<!-- okmock: malformed -->")...)
	case scenarios.FaultTruncate:
		// The headers promise the whole body; half of it arrives, then the
		// connection closes.
		entry.Fault = string(out.Fault)
		buf.header.Set("Content-Length", strconv.Itoa(len(body)))
		raw := rawResponse(status, buf.header, body[:len(body)/2])
		return hijackAndClose(ec, false, raw)
	}
	h := real.Header()
	for k, v := range buf.header {
		h[k] = v
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	real.WriteHeader(status)
	_, _ = real.Write(body)
	ec.Response().Committed = true
	return nil
}

// bufferedResponse collects an answer so a scenario can change it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// rawResponse renders an HTTP/1.1 response by hand, for faults that must
// break the framing the server would otherwise keep intact.
func rawResponse(status int, h http.Header, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	h.Set("Connection", "close")
	_ = h.Write(&b)
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// hijackAndClose takes the connection from the HTTP server, writes raw (if
// any) and closes it: with reset, abruptly (TCP RST, by zero linger).
func hijackAndClose(ec echo.Context, reset bool, raw []byte) error {
	hj, ok := ec.Response().Writer.(http.Hijacker)
	if !ok {
		// In-memory transports cannot break a connection; answer 502 so
		// the failure is still visible.
		return ec.NoContent(http.StatusBadGateway)
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return ec.NoContent(http.StatusBadGateway)
	}
	ec.Response().Committed = true
	if raw != nil {
		writeRaw(rw, raw)
	}
	if tcp, ok := conn.(*net.TCPConn); ok && reset {
		_ = tcp.SetLinger(0)
	}
	return conn.Close()
}

func writeRaw(rw *bufio.ReadWriter, raw []byte) {
	_, _ = rw.Write(raw)
	_ = rw.Flush()
}

// applyTokenActions expires or revokes the calling token after the call
// has been answered, as the scenario asked.
func (s *Server) applyTokenActions(out *scenarios.Outcome, token string) {
	if out == nil || token == "" || (!out.ExpireToken && !out.RevokeToken) {
		return
	}
	st, _ := s.state()
	now := s.clock.Now()
	st.updateSession(token, func(sess *Session) {
		if out.ExpireToken {
			sess.ExpiresAt = now
		}
		if out.RevokeToken {
			sess.Revoked = true
		}
	})
}
