package mock

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestParseAttachment pins what mediatopic.post accepts as an attachment
// and what it answers for each malformed one.
func TestParseAttachment(t *testing.T) {
	const notObject = "Invalid parameter attachment: not a JSON object"
	const badBlock = "Invalid parameter attachment: bad media block"
	tests := []struct {
		name    string
		in      string
		wantErr string
		want    []string // compact JSON of each block
	}{
		{"text block", `{"media":[{"type":"text","text":"Привет"}]}`, "", []string{`{"type":"text","text":"Привет"}`}},
		{"blocks are compacted", "{ \"media\" : [ { \"type\" : \"text\" ,\n \"text\" : \"a b\" } ] }", "", []string{`{"type":"text","text":"a b"}`}},
		{"unknown fields and numbers are kept", `{"media":[{"type":"link","url":"https://ok.ru","x":1.50,"y":[true,null]}]}`, "", []string{`{"type":"link","url":"https://ok.ru","x":1.50,"y":[true,null]}`}},
		{"escapes read as the same text", `{"media":[{"type":"text","text":"\"\u041f\n"}]}`, "", []string{`{"type":"text","text":"\"П\n"}`}},
		{"several blocks in order", `{"media":[{"type":"text","text":"1"},{"type":"poll","question":"?","answers":[{"text":"да"},{"text":"нет"}]}]}`, "", []string{`{"type":"text","text":"1"}`, `{"type":"poll","question":"?","answers":[{"text":"да"},{"text":"нет"}]}`}},
		{"null attachment has no blocks", `null`, "", nil},
		{"missing media", `{"text":"x"}`, "", nil},
		{"null media", `{"media":null}`, "", nil},
		{"null block reads as empty", `{"media":[null]}`, "", []string{`null`}},
		{"not JSON", `{"media":[`, notObject, nil},
		{"an array", `[{"type":"text"}]`, notObject, nil},
		{"a string", `"media"`, notObject, nil},
		{"media not an array", `{"media":{"type":"text"}}`, notObject, nil},
		{"trailing garbage", `{"media":[]} x`, notObject, nil},
		{"unknown escape in an unread field", `{"media":[{"type":"text","x":"\q"}]}`, notObject, nil},
		{"control character in a string", "{\"media\":[{\"type\":\"text\",\"x\":\"a\x01\"}]}", notObject, nil},
		{"leading zero", `{"media":[{"type":"text","x":01}]}`, notObject, nil},
		{"block not an object", `{"media":["text"]}`, badBlock, nil},
		{"type not a string", `{"media":[{"type":1}]}`, badBlock, nil},
		{"text not a string", `{"media":[{"type":"text","text":{}}]}`, badBlock, nil},
		{"answers not an array", `{"media":[{"type":"poll","answers":"да"}]}`, badBlock, nil},
		{"answer not an object", `{"media":[{"type":"poll","answers":["да"]}]}`, badBlock, nil},
		{"photo ref id not a string", `{"media":[{"type":"photo","list":[{"id":5}]}]}`, badBlock, nil},
		{"over 100 blocks", `{"media":[` + strings.Repeat(`{"type":"text","text":"x"},`, 100) + `{"type":"text","text":"x"}]}`, "600", nil},
		{"deep nesting", `{"media":[` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `]}`, notObject, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := parseAttachment(tt.in)
			if tt.wantErr == "600" {
				if err == nil || err.Code != 600 {
					t.Fatalf("error = %v, want 600", err)
				}
				return
			}
			if tt.wantErr != "" {
				if err == nil || err.Code != CodeParam || err.Text != tt.wantErr {
					t.Fatalf("error = %v, want PARAM %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v", err)
			}
			if len(blocks) != len(tt.want) {
				t.Fatalf("%d blocks, want %d", len(blocks), len(tt.want))
			}
			for i, b := range blocks {
				if string(b.raw) != tt.want[i] {
					t.Errorf("block %d = %s, want %s", i, b.raw, tt.want[i])
				}
				if !json.Valid(b.raw) {
					t.Errorf("block %d is not valid JSON: %s", i, b.raw)
				}
			}
		})
	}
}

// TestParseAttachmentFields checks the fields read for the checks.
func TestParseAttachmentFields(t *testing.T) {
	blocks, err := parseAttachment(`{"media":[{"type":"photo","list":[{"id":"tok"},{"photoId":"575000000101"}]},{"type":"poll","question":"Q","answers":[{"text":"a"},null]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	photo, poll := blocks[0], blocks[1]
	if photo.Type != "photo" || len(photo.List) != 2 || photo.List[0].ID != "tok" || photo.List[1].PhotoID != "575000000101" {
		t.Errorf("photo block = %+v", photo.mediaBlock)
	}
	if poll.Question != "Q" || len(poll.Answers) != 2 || poll.Answers[0].Text != "a" || poll.Answers[1].Text != "" {
		t.Errorf("poll block = %+v", poll.mediaBlock)
	}
}
