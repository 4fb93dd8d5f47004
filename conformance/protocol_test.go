package conformance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFile is the protocol's JSON Schema, next to PROTOCOL.md.
const schemaFile = "protocol.schema.json"

// protocolSchema compiles the schema, or one of its $defs when def is set.
func protocolSchema(t *testing.T, def string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaFile, doc); err != nil {
		t.Fatal(err)
	}
	ref := schemaFile
	if def != "" {
		ref += "#/$defs/" + def
	}
	s, err := c.Compile(ref)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func decodeAny(t *testing.T, raw []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not JSON: %v: %s", err, raw)
	}
	return v
}

// exampleConfig stands in for the abbreviated config of PROTOCOL.md's
// examples.
const exampleConfig = `{"api_server": "http://127.0.0.1:41807/", "authorize_url": "http://127.0.0.1:41807/oauth/authorize",
 "token_url": "http://127.0.0.1:41807/oauth/token.do", "application_id": "900000000042", "application_key": "CONFAKQX42",
 "timeout_ms": 5000, "retry": {"max_attempts": 3, "base_delay_ms": 50, "max_delay_ms": 1000}}`

// TestProtocolExamplesMatchTheSchema checks every JSON example of
// PROTOCOL.md against protocol.schema.json, so the two cannot disagree.
func TestProtocolExamplesMatchTheSchema(t *testing.T) {
	root := protocolSchema(t, "")
	config := protocolSchema(t, "config")
	errSchema := protocolSchema(t, "error")
	md, err := os.ReadFile("PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, block := range jsonBlocks(string(md)) {
		block = strings.ReplaceAll(block, `{"...": "..."}`, exampleConfig)
		dec := json.NewDecoder(strings.NewReader(block))
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				t.Fatalf("PROTOCOL.md example is not JSON: %v\n%s", err, block)
			}
			var probe map[string]any
			_ = json.Unmarshal(raw, &probe)
			s := root
			switch {
			case probe["id"] != nil:
			case probe["api_server"] != nil:
				s = config
			case probe["kind"] != nil:
				s = errSchema
			default:
				t.Errorf("PROTOCOL.md example of unknown kind: %s", raw)
				continue
			}
			if err := s.Validate(decodeAny(t, raw)); err != nil {
				t.Errorf("PROTOCOL.md example does not match the schema: %s\n%v", raw, err)
			}
			checked++
		}
	}
	if checked < 12 {
		t.Errorf("checked only %d examples", checked)
	}
}

// jsonBlocks are the ```json fenced blocks of a Markdown text.
func jsonBlocks(md string) []string {
	var out []string
	var cur []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(md))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "```json":
			in, cur = true, nil
		case line == "```" && in:
			in = false
			out = append(out, strings.Join(cur, "\n"))
		case in:
			cur = append(cur, line)
		}
	}
	return out
}

// wireRecorder keeps the lines a driver read and wrote.
type wireRecorder struct {
	mu      sync.Mutex
	in, out bytes.Buffer
}

func (r *wireRecorder) instructions() *lockedWriter { return &lockedWriter{r, &r.in} }
func (r *wireRecorder) responses() *lockedWriter    { return &lockedWriter{r, &r.out} }

type lockedWriter struct {
	r *wireRecorder
	b *bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.r.mu.Lock()
	defer w.r.mu.Unlock()
	return w.b.Write(p)
}

// lines answers what was recorded so far, in and out.
func (r *wireRecorder) lines() (in, out string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.in.String(), r.out.String()
}

// checkWire validates every line exchanged against the schema, and each
// result against the result shape of its instruction type.
func checkWire(t *testing.T, rec *wireRecorder) {
	root := protocolSchema(t, "")
	results := map[string]*jsonschema.Schema{
		"hello": protocolSchema(t, "helloResult"), "callback": protocolSchema(t, "tokenResult"),
		"exchange_code": protocolSchema(t, "tokenResult"), "refresh": protocolSchema(t, "tokenResult"),
		"upload_photo": protocolSchema(t, "uploadResult"),
	}
	types := map[int64]string{}
	types0 := map[string]int{}
	sent, answered := rec.lines()
	for line := range strings.SplitSeq(strings.TrimSpace(sent), "\n") {
		var ins struct {
			ID   int64  `json:"id"`
			Type string `json:"type"`
		}
		_ = json.Unmarshal([]byte(line), &ins)
		types[ins.ID] = ins.Type
		types0[ins.Type]++
		if err := root.Validate(decodeAny(t, []byte(line))); err != nil {
			t.Errorf("the suite sent an instruction the schema refuses: %s\n%v", clip(line, 400), err)
		}
	}
	for line := range strings.SplitSeq(strings.TrimSpace(answered), "\n") {
		if err := root.Validate(decodeAny(t, []byte(line))); err != nil {
			t.Errorf("the reference driver wrote a response the schema refuses: %s\n%v", clip(line, 400), err)
		}
		var resp struct {
			ID     int64           `json:"id"`
			Result json.RawMessage `json:"result"`
		}
		_ = json.Unmarshal([]byte(line), &resp)
		if s := results[types[resp.ID]]; s != nil && resp.Result != nil {
			if err := s.Validate(decodeAny(t, resp.Result)); err != nil {
				t.Errorf("a %s result does not match the schema: %s\n%v", types[resp.ID], clip(string(resp.Result), 400), err)
			}
		}
	}
	for _, typ := range []string{"hello", "authorize_url", "callback", "exchange_code", "refresh", "call", "upload_photo"} {
		if types0[typ] == 0 {
			t.Errorf("the run sent no %s instruction: the wire check missed it", typ)
		}
	}
}
