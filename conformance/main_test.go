package conformance

import (
	"bufio"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/conformance/refdriver"
)

// testDriverEnv makes this test binary a driver on stdin/stdout: the
// reference driver, or with a value other than "ok" the reference driver
// broken in one way, so the tests can check the suite catches it.
const testDriverEnv = "OKMOCK_CONFORMANCE_TEST_DRIVER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(testDriverEnv); mode != "" {
		serveTestDriver(mode)
		os.Exit(0)
	}
	RunChildIfAsked()
	os.Exit(m.Run())
}

// breakages change an instruction before the reference driver sees it,
// or its response after: each mimics a known client bug.
var breakages = map[string]func(ins *protocol.Instruction, resp *protocol.Response){
	"ok": nil,
	// Trust whatever state the callback carries.
	"ignore-state": func(ins *protocol.Instruction, resp *protocol.Response) {
		if ins.Type == protocol.TypeCallback && resp == nil {
			ins.URL = withState(ins.URL, ins.State)
		}
	},
	// Retry without waiting.
	"no-backoff": func(ins *protocol.Instruction, _ *protocol.Response) {
		if ins.Config != nil {
			ins.Config.Retry.BaseDelayMS = 0
		}
	},
	// Send the application secret along with every call.
	"leak-secret": func(ins *protocol.Instruction, _ *protocol.Response) {
		if ins.Type == protocol.TypeCall && ins.Config != nil && ins.Config.ApplicationSecretKey != "" {
			ins.Params["application_secret_key"] = ins.Config.ApplicationSecretKey
		}
	},
	// Die on a broken connection.
	"crash-on-transport-error": func(_ *protocol.Instruction, resp *protocol.Response) {
		if resp != nil && resp.Error != nil && resp.Error.Kind == protocol.KindTransport {
			os.Exit(3)
		}
	},
}

// serveTestDriver is the reference driver with the breakage of mode.
func serveTestDriver(mode string) {
	br, ok := breakages[mode]
	if !ok {
		os.Stderr.WriteString("unknown test driver mode " + mode + "\n")
		os.Exit(2)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<10), maxLine)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var ins protocol.Instruction
		_ = json.Unmarshal(in.Bytes(), &ins)
		if br != nil {
			br(&ins, nil)
		}
		resp := refdriver.Do(context.Background(), &ins)
		if br != nil {
			br(&ins, &resp)
		}
		resp.ID = ins.ID
		_ = out.Encode(resp)
	}
}

// withState sets the state parameter of a callback URL, where the flow
// puts it (the fragment of the implicit flow, else the query).
func withState(raw, state string) string {
	if base, frag, ok := strings.Cut(raw, "#"); ok {
		f, _ := url.ParseQuery(frag)
		f.Set("state", state)
		return base + "#" + f.Encode()
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set("state", state)
	u.RawQuery = q.Encode()
	return u.String()
}
