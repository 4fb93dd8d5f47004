package mock

import (
	"strings"
	"testing"
	"unsafe"
)

// TestPackedParamsRoundTrip: what the journal packs reads back in arrival
// order, with masking applied, whatever the lengths (a length over 127
// takes a second uvarint byte) and characters.
func TestPackedParamsRoundTrip(t *testing.T) {
	long := strings.Repeat("пост ", 300)
	tests := []struct {
		name string
		in   []Param
		want []Param
	}{
		{"none", nil, nil},
		{"empty key and value", []Param{{"", ""}}, []Param{{"", ""}}},
		{"arrival order kept", []Param{{"b", "2"}, {"a", "1"}, {"b", "3"}}, []Param{{"b", "2"}, {"a", "1"}, {"b", "3"}}},
		{"long and non-ASCII", []Param{{"text", long}, {"ключ", "значение"}}, []Param{{"text", long}, {"ключ", "значение"}}},
		{"secrets masked by name", []Param{{"client_secret", "s3cret"}, {"method", "users.get"}}, []Param{{"client_secret", "***"}, {"method", "users.get"}}},
		{"more than the stack holds", numberedParams(40), numberedParams(40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := secretScan{paramsClean: true}
			packed := sc.packedParams(nil, tt.in)
			var got []Param
			packed.each(func(k, v []byte) bool {
				got = append(got, Param{string(k), string(v)})
				return true
			})
			if len(got) != len(tt.want) || packed.len() != len(tt.want) {
				t.Fatalf("got %d params (len %d), want %d", len(got), packed.len(), len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("param %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			// has finds a key's first value, as the journal filter reads it.
			first := map[string]bool{}
			for _, p := range tt.want {
				if !first[p.Key] && !packed.has(p.Key, p.Value) {
					t.Errorf("has(%q, %q) = false", p.Key, p.Value)
				}
				first[p.Key] = true
			}
			if packed.has("absent", "") {
				t.Error("has(absent) = true")
			}
		})
	}
}

// TestPackedParamsSurviveTheRequest: the journal's copy does not share
// bytes with the request, whose buffers net/http and okmock reuse.
func TestPackedParamsSurviveTheRequest(t *testing.T) {
	// As okmock parses them: the parameters alias the body's bytes.
	body := []byte("method=users.getCurrentUser")
	ps := []Param{{unsafe.String(&body[0], 6), unsafe.String(&body[7], len(body)-7)}}
	sc := secretScan{paramsClean: true}
	packed := sc.packedParams(nil, ps)
	copy(body, strings.Repeat("x", len(body)))
	if !packed.has("method", "users.getCurrentUser") {
		t.Fatal("the packed params changed with the request's bytes")
	}
}

func numberedParams(n int) []Param {
	out := make([]Param, n)
	for i := range out {
		out[i] = Param{"p" + strings.Repeat("k", i), strings.Repeat("v", i*7)}
	}
	return out
}

// TestJournalCopiesPackedParams: the journal keeps its own copy of an
// entry's parameters, in bytes its slots reuse, so the caller's scratch
// (a pooled call's) and later entries in the same slot change nothing
// already journaled.
func TestJournalCopiesPackedParams(t *testing.T) {
	j := newJournal(2)
	sc := secretScan{paramsClean: true}
	var scratch packedParams
	for i, v := range []string{"first", "second", "third"} {
		scratch = sc.packedParams(scratch, []Param{{"n", strings.Repeat("v", i)}, {"text", v}})
		e := JournalEntry{Method: "m", masked: scratch}
		j.add(&e)
	}
	copy(scratch, strings.Repeat("x", len(scratch)))
	got := j.list(JournalFilter{})
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2", len(got))
	}
	for i, want := range []string{"second", "third"} {
		if got[i].Params["text"] != want || got[i].Params["n"] != strings.Repeat("v", i+1) {
			t.Errorf("entry %d: params %v, want text=%s", i, got[i].Params, want)
		}
	}
	if n := j.count(JournalFilter{Params: map[string]string{"text": "third"}}); n != 1 {
		t.Errorf("count by a journaled value: %d, want 1", n)
	}
}

// TestKeptBufDropsLargeBuffers: a call with huge parameters does not
// leave a journal slot or a pooled call holding that much for good.
func TestKeptBufDropsLargeBuffers(t *testing.T) {
	if got := keptBuf(make(packedParams, 10, maxKeptBuf)); got == nil || len(got) != 0 {
		t.Errorf("a small buffer is not kept emptied: len %d, nil %v", len(got), got == nil)
	}
	if got := keptBuf(make(packedParams, 10, maxKeptBuf+1)); got != nil {
		t.Errorf("a buffer over %d bytes is kept (cap %d)", maxKeptBuf, cap(got))
	}
}
