package world

import (
	"slices"
	"testing"
)

func TestHashtags(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"", nil},
		{"нет тегов", nil},
		{"#Дача и #дача, #okmock_2!", []string{"дача", "okmock_2"}},
		{"#", nil},
		{"a#b #c#d", []string{"b", "c", "d"}},
		{"## #🎉 #ёлка", []string{"ёлка"}},
	} {
		if got := Hashtags(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Hashtags(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Seeded videos carry tags, so a fresh world already has hashtags to
// search; filters narrow the counts.
func TestTagSearchCountsSeededContent(t *testing.T) {
	w := newTestWorld(t, 5)
	tags := w.TagSearch("", TagFilter{})
	if len(tags) == 0 {
		t.Fatal("no hashtags in a seeded world")
	}
	top := tags[0]
	if c := w.TagMentions(top.Query, TagFilter{}); c.All != top.All {
		t.Errorf("TagMentions(%s) = %d, TagSearch said %d", top.Query, c.All, top.All)
	}
	if items := w.TaggedContent(top.Query, TagFilter{}); len(items) != top.All {
		t.Errorf("TaggedContent(%s) has %d items, want %d", top.Query, len(items), top.All)
	}
	if c := w.TagMentions(top.Query, TagFilter{Types: []string{TagGroupPhoto}, Until: testNow.AddDate(-50, 0, 0)}); c.All != 0 {
		t.Errorf("an empty window counted %d", c.All)
	}
}
