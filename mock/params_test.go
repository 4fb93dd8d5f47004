package mock

import (
	"reflect"
	"testing"
)

func TestParseParamString(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Param
		dropped []Param
	}{
		{"encoded values", "a=1&b=%D0%9F%D1%80%D0%B8&c=x+y", []Param{{"a", "1"}, {"b", "При"}, {"c", "x y"}}, nil},
		{"trailing ampersand is ignored", "a=1&b=2&", []Param{{"a", "1"}, {"b", "2"}}, nil},
		{"empty segments are ignored", "&&a=1&&", []Param{{"a", "1"}}, nil},
		{"raw unencoded JSON is kept", `attachment={"media":[{"type":"text","text":"100%"}]}`,
			[]Param{{"attachment", `{"media":[{"type":"text","text":"100%"}]}`}}, nil},
		{"semicolons are part of values", "scope=VALUABLE_ACCESS;PHOTO_CONTENT", []Param{{"scope", "VALUABLE_ACCESS;PHOTO_CONTENT"}}, nil},
		{"empty value is kept as empty", "fields=&a", []Param{{"fields", ""}, {"a", ""}}, nil},
		{"first of repeated keys wins", "a=1&a=2", []Param{{"a", "1"}}, []Param{{"a", "2"}}},
		{"empty key is dropped", "=1&b=2", []Param{{"b", "2"}}, nil},
		{"raw Cyrillic", "text=Привет", []Param{{"text", "Привет"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Params
			p.parseParamString(tt.in)
			if !reflect.DeepEqual(p.All(), tt.want) {
				t.Errorf("params = %q, want %q", p.All(), tt.want)
			}
			if !reflect.DeepEqual(p.Dropped, tt.dropped) {
				t.Errorf("dropped = %q, want %q", p.Dropped, tt.dropped)
			}
		})
	}
}
