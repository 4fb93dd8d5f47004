package mock

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/okmock/okmock/mock/world"
)

// The fast encoder must write exactly what encoding/json (without HTML
// escaping) writes: clients compare bodies byte for byte.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	type point struct {
		X int    `json:"x"`
		Y string `json:"y,omitempty"`
	}
	values := []any{
		nil, true, false, 0, -1, 42, int64(math.MaxInt64), int64(math.MinInt64), int32(-7),
		0.0, math.Copysign(0, -1), 1.5, -2.25, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, 5e-324, math.MaxFloat64,
		"", "plain", `quote " and \ backslash`, "<a href='x'>&amp;</a>", "tab\tnew\nline\rcr\bbs\fff",
		"\x00\x01\x1f\x7f", "Привет, мир", "emoji 😀", "sep \u2028 and \u2029", "bad \xff\xfe utf8 \xc3",
		"half rune \xe2\x82", "ok€",
		[]string{"a", "<b>"}, []string{}, []string(nil), ptr("pointed <to>"), (*string)(nil),
		[]any{1, "x", nil, []string{"y"}, map[string]any{"k": false}},
		map[string]string{"b": "2", "a": "1", "ä": "3", "": "empty"}, map[string]string(nil),
		map[string]any{"z": 1, "a": []any{}, "m": map[string]string{"q": "w"}},
		json.RawMessage(`{ "spaced" : [ 1, 2 ] }`), json.RawMessage(nil),
		point{1, "two"}, &point{X: 3}, []point{{4, ""}},
		NewError(CodeParam, "with <html> & \"quotes\""),
		Errorf(CodeSystem, "with data"),
	}
	for _, v := range values {
		want, werr := marshalReflect(v)
		got, gerr := appendJSON(nil, v)
		if (werr != nil) != (gerr != nil) || string(got) != string(want) {
			t.Errorf("%#v:\n got %s (%v)\nwant %s (%v)", v, got, gerr, want, werr)
		}
	}
}

func TestAppendJSONRefusesWhatEncodingJSONRefuses(t *testing.T) {
	for _, v := range []any{math.NaN(), math.Inf(1), json.RawMessage(`{"unclosed":`), json.RawMessage{}, func() {}} {
		if _, err := appendJSON(nil, v); err == nil {
			t.Errorf("%#v encoded without error", v)
		}
	}
}

func ptr(s string) *string { return &s }

// Objects keep their order; keys and values are escaped like any string.
func TestObjectKeepsFieldOrder(t *testing.T) {
	o := object{{"uid", "1"}, {"a\"b", 2}, {"nested", object{{"z", true}, {"a", nil}}}, {"list", []object{{}, nil}}}
	const want = `{"uid":"1","a\"b":2,"nested":{"z":true,"a":null},"list":[{},{}]}`
	for _, enc := range []func() ([]byte, error){
		func() ([]byte, error) { return appendJSON(nil, o) },
		o.MarshalJSON,
		func() ([]byte, error) { return marshalReflect(struct{ O object }{o}) },
	} {
		got, err := enc()
		if err != nil || (string(got) != want && string(got) != `{"O":`+want+`}`) {
			t.Errorf("got %s (%v), want %s", got, err, want)
		}
	}
}

// A pooled buffer handed back and taken again starts empty.
func TestEncodeBuffersAreReusedEmpty(t *testing.T) {
	buf := getBuffer()
	b, err := encodeResultTo(buf, object{{"k", strings.Repeat("v", 100)}})
	if err != nil || !json.Valid(b) {
		t.Fatalf("%s %v", b, err)
	}
	putBuffer(buf)
	again := getBuffer()
	if len(*again) != 0 {
		t.Errorf("reused buffer holds %q", *again)
	}
	putBuffer(again)
	big := make([]byte, 0, maxPooledBuffer+1)
	putBuffer(&big) // dropped, not pooled: must not panic
}

// FuzzAppendJSONString compares string quoting with encoding/json's for
// any input, valid UTF-8 or not.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b\\c", "\x00\u2028\xff", "Привет <&>", "\xed\xa0\x80 surrogate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshalReflect(s)
		if err != nil {
			t.Fatal(err)
		}
		got := appendJSONString(nil, s)
		if string(got) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
		if !utf8.Valid(got) || !json.Valid(got) {
			t.Fatalf("%q: invalid output %q", s, got)
		}
		// The user views write the same bytes as the strings they stand
		// for, wherever the input splits into first and last name.
		for _, k := range []int{0, len(s) / 2, len(s)} {
			u := &world.User{FirstName: s[:k], LastName: s[k:], City: s, Country: s[:k], CountryCode: s[k:]}
			want, _ := marshalReflect(u.Name())
			if got := (userName{u}).appendJSON(nil); string(got) != string(want) {
				t.Fatalf("name %q|%q: got %s, want %s", s[:k], s[k:], got, want)
			}
			want, _ = marshalJSON(object{{"city", u.City}, {"country", u.Country}, {"countryCode", u.CountryCode}})
			if got, _ := marshalJSON(userLocation{u}); string(got) != string(want) {
				t.Fatalf("location %q: got %s, want %s", s, got, want)
			}
		}
	})
}

// Raw JSON a client posted may hold invalid UTF-8; the answer it is part
// of is still valid JSON, each bad byte written as \ufffd.
func TestEncodeResultRepairsInvalidUTF8(t *testing.T) {
	raw := json.RawMessage("{\"text\":\"bad \xff\xfe end\"}")
	for _, v := range []any{raw, []json.RawMessage{raw}, struct {
		Media json.RawMessage `json:"media"`
	}{raw}} {
		b, err := encodeResultTo(nil, v)
		if err != nil || !utf8.Valid(b) || !json.Valid(b) || !strings.Contains(string(b), `bad \ufffd\ufffd end`) {
			t.Errorf("%T: %q %v", v, b, err)
		}
	}
}
