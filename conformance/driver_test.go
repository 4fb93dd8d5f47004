package conformance

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/conformance/protocol"
)

// scripted is an in-process driver that answers hello properly and each
// later instruction with answer(id), or not at all when it returns "".
func scripted(answer func(id int64) string) ServeFunc {
	return func(ctx context.Context, r io.Reader, w io.Writer) error {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			var ins protocol.Instruction
			_ = json.Unmarshal(sc.Bytes(), &ins)
			line := answer(ins.ID)
			if ins.Type == protocol.TypeHello {
				line = fmt.Sprintf(`{"id":%d,"result":{"protocol":1,"name":"fake","features":["sign_server"]}}`, ins.ID)
			}
			if line == "" {
				<-ctx.Done() // hung
				return ctx.Err()
			}
			if _, err := io.WriteString(w, line+"\n"); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestBrokenExchangesFailTheInstructionAndStartOver(t *testing.T) {
	tests := []struct {
		name   string
		answer func(id int64) string
		err    string
	}{
		{"no answer", func(int64) string { return "" }, "did not answer within"},
		{"not JSON", func(int64) string { return "Traceback (most recent call last):" }, "not a JSON object"},
		{"wrong id", func(id int64) string { return fmt.Sprintf(`{"id":%d,"result":1}`, id+7) }, "response id"},
		{"result and error", func(id int64) string {
			return fmt.Sprintf(`{"id":%d,"result":1,"error":{"kind":"api","code":1}}`, id)
		}, "exactly one of result and error"},
		{"neither", func(id int64) string { return fmt.Sprintf(`{"id":%d}`, id) }, "exactly one of result and error"},
		{"error without kind", func(id int64) string { return fmt.Sprintf(`{"id":%d,"error":{"code":1}}`, id) }, "without a kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDriver(InProcessDialer(scripted(tt.answer)))
			defer d.Close()
			for range 2 {
				_, err := d.Send(context.Background(), &protocol.Instruction{Type: protocol.TypeCall}, 200*time.Millisecond)
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
			}
			if d.Restarts() != 1 {
				t.Errorf("restarts = %d, want 1: each failed exchange is replaced by a new one", d.Restarts())
			}
		})
	}
}

func TestResponsesAreReadExactly(t *testing.T) {
	d := NewDriver(InProcessDialer(scripted(func(id int64) string {
		if id == 1 {
			return `{"id":1,"result":null}`
		}
		return fmt.Sprintf(`{"id":%d,"error":{"kind":"api","code":102,"message":"PARAM_SESSION_EXPIRED : Session expired","data":null}}`, id)
	})))
	defer d.Close()
	h, err := d.Hello(context.Background())
	if err != nil || h.Name != "fake" || len(h.Features) != 1 {
		t.Fatalf("hello = %+v, %v", h, err)
	}
	r, err := d.Send(context.Background(), &protocol.Instruction{Type: protocol.TypeCall}, time.Second)
	if err != nil || string(r.Result) != "null" || r.Error != nil {
		t.Errorf("a null result = %+v, %v", r, err)
	}
	r, err = d.Send(context.Background(), &protocol.Instruction{Type: protocol.TypeCall}, time.Second)
	if err != nil || r.Error == nil || r.Error.Code != 102 || r.Error.Error() != "api 102: PARAM_SESSION_EXPIRED : Session expired" {
		t.Errorf("an error = %+v, %v", r, err)
	}
}

func TestHelloRefusesAnotherProtocol(t *testing.T) {
	serve := func(ctx context.Context, r io.Reader, w io.Writer) error {
		sc := bufio.NewScanner(r)
		sc.Scan()
		_, err := io.WriteString(w, `{"id":0,"result":{"protocol":2,"name":"future","features":[]}}`+"\n")
		<-ctx.Done()
		return err
	}
	_, err := NewDriver(InProcessDialer(serve)).Hello(context.Background())
	if err == nil || !strings.Contains(err.Error(), "protocol 2") {
		t.Errorf("err = %v, want a protocol mismatch", err)
	}
}

func TestADriverProcessThatDiesIsReportedWithItsStderr(t *testing.T) {
	script := `read l; printf '{"id":0,"result":{"protocol":1,"name":"sh","features":[]}}\n'; read l; echo 'panic: boom' >&2; exit 3`
	d := NewDriver(CommandDialer([]string{"sh", "-c", script}, nil))
	defer d.Close()
	if _, err := d.Hello(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err := d.Send(context.Background(), &protocol.Instruction{Type: protocol.TypeCall}, 5*time.Second)
	if err == nil || !strings.Contains(err.Error(), "closed its output") {
		t.Errorf("err = %v, want the driver's exit noticed", err)
	}
	if !strings.Contains(d.Logs(), "panic: boom") {
		t.Errorf("logs = %q, want the driver's stderr", d.Logs())
	}
}

func TestAMissingDriverCommandIsAnError(t *testing.T) {
	_, err := NewDriver(CommandDialer([]string{"/no/such/driver"}, nil)).Hello(context.Background())
	if err == nil || !strings.Contains(err.Error(), "start driver") {
		t.Errorf("err = %v", err)
	}
}

func TestTCPDialerGivesUpAfterItsWait(t *testing.T) {
	start := time.Now()
	_, err := TCPDialer("127.0.0.1:1", 300*time.Millisecond)(context.Background())
	if err == nil || time.Since(start) < 300*time.Millisecond {
		t.Errorf("err = %v after %v, want a failure after retrying for the wait", err, time.Since(start))
	}
}

// TestSendGivesUpWhenTheContextIsDone: an interrupted run does not wait
// out the deadline of a driver that does not answer.
func TestSendGivesUpWhenTheContextIsDone(t *testing.T) {
	d := NewDriver(InProcessDialer(scripted(func(int64) string { return "" })))
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := d.Send(ctx, &protocol.Instruction{Type: protocol.TypeCall}, time.Minute)
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("err = %v, want the context's", err)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("Send took %v", took)
	}
}
