package specjson

import (
	"strings"
	"testing"
)

func TestFromYAML(t *testing.T) {
	tests := []struct {
		name, yaml, json string
	}{
		{"keeps key order", "b: 1\na: 2\n", `{"b":1,"a":2}`},
		{"scalars", "s: x\nq: '200'\ni: 575000000002\nf: 55.75\nt: true\nn: null\n",
			`{"s":"x","q":"200","i":575000000002,"f":55.75,"t":true,"n":null}`},
		{"lists and nesting", "a: [1, two, {c: d}]\n", `{"a":[1,"two",{"c":"d"}]}`},
		{"expands aliases", "x: &p {k: v}\ny: *p\n", `{"x":{"k":"v"},"y":{"k":"v"}}`},
		{"does not escape html", "d: '<a> & <b>'\n", `{"d":"<a> & <b>"}`},
		{"block text", "d: |\n  line one\n  line two\n", `{"d":"line one\nline two\n"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromYAML([]byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.json+"\n" {
				t.Fatalf("got %s, want %s", got, tt.json)
			}
		})
	}
}

func TestFromYAMLRefusesWhatJSONCannotSay(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"merge keys", "base: &b {k: v}\nx:\n  <<: *b\n", "merge keys"},
		{"number keys", "200: ok\n", "not a string"},
		{"duplicate keys", "a: 1\na: 2\n", "duplicate key"},
		{"infinity", "f: .inf\n", "no JSON form"},
		{"two documents", "a: 1\n---\nb: 2\n", ""},
		{"not YAML", "a: [\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromYAML([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}
