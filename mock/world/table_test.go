package world

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

type dated struct {
	ID    string    `json:"id"`
	Owner string    `json:"owner"`
	At    time.Time `json:"at"`
}

func newDatedTable() table[dated] {
	return newTable(func(d dated) string { return d.ID }, func(d dated) string { return d.Owner }, func(d dated) time.Time { return d.At })
}

// TestTableListsNewestFirst covers the orders objects arrive in: the
// usual newest-last append, a back-dated object, equal times (the larger
// id is newer), a replacement that moves an object, and removal.
func TestTableListsNewestFirst(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	tests := []struct {
		name   string
		puts   []dated
		remove []string
		want   []string
	}{
		{"appended in time order", []dated{{"1", "u", at(1)}, {"2", "u", at(2)}, {"3", "u", at(3)}}, nil, []string{"3", "2", "1"}},
		{"back-dated object goes in its place", []dated{{"1", "u", at(1)}, {"3", "u", at(3)}, {"2", "u", at(2)}}, nil, []string{"3", "2", "1"}},
		{"oldest arrives last", []dated{{"2", "u", at(2)}, {"3", "u", at(3)}, {"1", "u", at(1)}}, nil, []string{"3", "2", "1"}},
		{"equal times: larger id first", []dated{{"10", "u", at(1)}, {"9", "u", at(1)}, {"11", "u", at(1)}}, nil, []string{"11", "10", "9"}},
		{"replacement moves the object", []dated{{"1", "u", at(1)}, {"2", "u", at(2)}, {"1", "u", at(3)}}, nil, []string{"1", "2"}},
		{"replacement changes the key", []dated{{"1", "u", at(1)}, {"2", "u", at(2)}, {"2", "v", at(2)}}, nil, []string{"1"}},
		{"removal in the middle", []dated{{"1", "u", at(1)}, {"2", "u", at(2)}, {"3", "u", at(3)}}, []string{"2"}, []string{"3", "1"}},
		{"removal of all drops the key", []dated{{"1", "u", at(1)}}, []string{"1"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := newDatedTable()
			for _, d := range tt.puts {
				tab.put(d)
			}
			for _, id := range tt.remove {
				tab.remove(id)
			}
			if got := tab.ids("u"); !slices.Equal(got, tt.want) {
				t.Fatalf("ids = %v, want %v", got, tt.want)
			}
			if tab.count("u") != len(tt.want) {
				t.Fatalf("count = %d, want %d", tab.count("u"), len(tt.want))
			}
			newest, ok := tab.newest("u")
			if ok != (len(tt.want) > 0) || (ok && newest != tt.want[0]) {
				t.Fatalf("newest = %q, %v", newest, ok)
			}
			if len(tt.want) == 0 {
				if _, kept := tab.byKey["u"]; kept {
					t.Fatal("empty key kept")
				}
			}
			// A save and load round trip rebuilds the same lists.
			data, err := json.Marshal(tab.save())
			if err != nil {
				t.Fatal(err)
			}
			loaded := newDatedTable()
			if err := loaded.load(data); err != nil {
				t.Fatal(err)
			}
			if got := loaded.ids("u"); !slices.Equal(got, tt.want) {
				t.Fatalf("after load, ids = %v, want %v", got, tt.want)
			}
		})
	}
}
