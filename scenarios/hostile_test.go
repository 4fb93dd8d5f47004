package scenarios

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// billionLaughs builds the classic alias bomb: 9 levels of 9 references,
// 9^9 (387 million) values once expanded, placed where prefix puts it.
func billionLaughs(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func TestHostileInputFailsFastWithAClearError(t *testing.T) {
	nestedBomb := "respond:\n  error_code: 1\n  error_data:\n" +
		strings.ReplaceAll(billionLaughs(""), "\na", "\n    a")
	nestedBomb = strings.Replace(nestedBomb, "error_data:\na0", "error_data:\n    a0", 1)
	manyAliases := "x: &x 1\nrespond:\n  error_code: 1\n  error_data: [" + strings.Repeat("*x, ", 2000) + "*x]\n"
	tests := []struct {
		name   string
		loader Loader
		input  string
		want   string
	}{
		{"billion laughs at the top", Loader{}, billionLaughs(""), "alias bomb"},
		{"billion laughs inside error_data", Loader{}, nestedBomb, "alias bomb"},
		{"billion laughs inside a document", Loader{}, billionLaughs("version: 1\nrules: [{respond: {error_code: 1}}]\nx:\n  "), "alias bomb"},
		{"too many aliases", Loader{}, manyAliases, "more than 1000 alias references"},
		{"self-referencing alias", Loader{}, "respond:\n  error_code: 1\n  error_data: &a [*a]\n", "refers to a value that contains it"},
		{"deep flow nesting", Loader{}, strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000), "max depth"},
		{"deep block nesting", Loader{}, strings.Repeat("- ", 100_000) + "x", "max depth"},
		{"oversized document", Loader{MaxBytes: 64}, "respond: {error_code: 1, error_msg: " + strings.Repeat("x", 100) + "}", "larger than the limit of 64 bytes"},
		{"default size cap", Loader{}, "# " + strings.Repeat("x", DefaultMaxBytes), "larger than the limit of 1048576 bytes"},
		{"too many values", Loader{MaxNodes: 50}, "respond: {error_code: 1, error_data: [" + strings.Repeat("1,", 60) + "1]}", "more than 50 values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := tt.loader.Load("evil.yaml", []byte(tt.input))
			elapsed := time.Since(start)
			if err == nil {
				t.Fatalf("accepted: %+v", doc)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "evil.yaml") {
				t.Errorf("error = %v\nwant it to name the file and say %q", err, tt.want)
			}
			if elapsed > time.Second {
				t.Errorf("took %v; hostile input must be refused quickly", elapsed)
			}
		})
	}
}

func TestGarbageNeverPanics(t *testing.T) {
	inputs := []string{
		"", "\x00", "\xff\xfe", "---", "--- !!binary x", "*x", "&a", "[", "{", "{a: }",
		"respond: !!int abc", "respond: {error_code: !!float 1}", "? [a]: b", "respond: {error_code: 99999999999999999999}",
		"respond: {error_code: 1, error_data: {[1]: 2}}", "respond: {error_code: 1, error_data: .nan}",
		"when: {from: !!timestamp x}\nrespond: {error_code: 1}", "respond: {delay_ms: 9223372036854775807}",
		"respond: {delay_ms: -9223372036854775808}", "when: {from_ms: 9223372036854775807, until_ms: 1}\nrespond: {error_code: 1}",
		"respond: {body: null, error_code: 1}", "respond: {headers: {? [x] : y}}", "rules: {}", "rules: [1, [2], null]",
	}
	for _, in := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("Load(%q) panicked: %v", in, r)
				}
			}()
			_, _ = Load("garbage", []byte(in))
		}()
	}
}
