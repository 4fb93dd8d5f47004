package mock

import (
	"bytes"
	"encoding/json"
	"reflect"
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
		{"escaped control characters stay JSON beside a quote", `{"media":[{"type":"text","text":"say \"hi\" \u0001\u007f"}]}`, "", []string{"{\"type\":\"text\",\"text\":\"say \\\"hi\\\" \\u0001\x7f\"}"}},
		{"line separators and bad UTF-8 as encoding/json writes them", "{\"media\":[{\"type\":\"text\",\"text\":\"\\\\ \u2028 \xff\"}]}", "", []string{`{"type":"text","text":"\\ \u2028 \ufffd"}`}},
		{"a duplicate key is kept", `{"media":[{"type":"text","text":"a","text":"b"}]}`, "", []string{`{"type":"text","text":"a","text":"b"}`}},
		{"the last of duplicate media wins", `{"media":[{"type":"text","text":"a"}],"media":[{"type":"link"}]}`, "", []string{`{"type":"link"}`}},
		{"keys match exactly", `{"Media":[{"type":"text","text":"a"}]}`, "", nil},
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

// FuzzParseAttachment holds the blocks of any attachment encoding/json
// accepts to what encoding/json reads in them: compact, valid JSON with
// the same values, which the world stores as they are.
func FuzzParseAttachment(f *testing.F) {
	for _, s := range []string{
		`{"media":[{"type":"text","text":"Привет"}]}`,
		`{"media":[{"type":"text","text":"say \"hi\" \u0001"}]}`,
		"{\"media\":[{\"type\":\"link\",\"url\":\"https://ok.ru/\xff\u2028\",\"n\":-1.5e3}]}",
		`{"media":[{"type":"poll","question":"?","answers":[{"text":"\\"},{"text":"\t"}]}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		// A map matches keys exactly, as Jackson does; a struct field
		// would also take "MEDIA".
		var top map[string]json.RawMessage
		var want attachment
		blocks, err := parseAttachment(in)
		if json.Unmarshal([]byte(in), &top) != nil || json.Unmarshal(top["media"], &want.Media) != nil || err != nil {
			return // refusals are pinned by TestParseAttachment
		}
		if len(blocks) != len(want.Media) {
			t.Fatalf("%d blocks, encoding/json reads %d", len(blocks), len(want.Media))
		}
		for i, b := range blocks {
			var compact bytes.Buffer
			if err := json.Compact(&compact, b.raw); err != nil || compact.String() != string(b.raw) {
				t.Fatalf("block %d %q is not compact JSON (%v)", i, b.raw, err)
			}
			var got, exp any
			if json.Unmarshal(b.raw, &got) != nil || json.Unmarshal(want.Media[i], &exp) != nil || !reflect.DeepEqual(got, exp) {
				t.Fatalf("block %d = %s, encoding/json reads %s", i, b.raw, want.Media[i])
			}
		}
	})
}
