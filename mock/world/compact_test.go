package world

import (
	"encoding/json"
	"testing"
)

func TestIsCompactJSON(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"a":"b c"}`, true},
		{`{"a":"\" "}`, true},
		{`{"a":"\\"}`, true},
		{`{"a": 1}`, false},
		{`{"a":"\\" }`, false},
		{"[1,\n2]", false},
		{`""`, true},
		{``, false},
	}
	for _, tt := range tests {
		if got := IsCompactJSON([]byte(tt.in)); got != tt.want {
			t.Errorf("IsCompactJSON(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCompactMediaStoresCompactBlocksAsTheyAre: blocks already compact and
// valid are kept (the store copies them); others are compacted, and
// anything but a JSON object is refused either way.
func TestCompactMediaStoresCompactBlocksAsTheyAre(t *testing.T) {
	tests := []struct {
		in, want string // want "" for an error
	}{
		{`{"type":"text","text":"a b"}`, `{"type":"text","text":"a b"}`},
		{`{"type": "text" }`, `{"type":"text"}`},
		{`{"a":1,}`, ""},
		{`{"a":01}`, ""},
		{`[1]`, ""},
		{`"x"`, ""},
		{`{"a":"b"}x`, ""},
	}
	for _, tt := range tests {
		in := json.RawMessage(tt.in)
		got, err := compactMedia([]json.RawMessage{in})
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("compactMedia(%s) = %s, want an error", tt.in, got[0])
		case tt.want != "" && err != nil:
			t.Errorf("compactMedia(%s): %v", tt.in, err)
		case tt.want != "" && string(got[0]) != tt.want:
			t.Errorf("compactMedia(%s) = %s, want %s", tt.in, got[0], tt.want)
		}
	}
}
