package mock

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestIDList: comma-separated ids come back trimmed, in order, without
// empties or duplicates, however long the list.
func TestIDList(t *testing.T) {
	// 0,0,1,1,...,6,6,7,0,8,1,...: each number is kept once, where first
	// seen.
	var long, longWant []string
	for i := range 100 {
		long = append(long, fmt.Sprint(i), fmt.Sprint(i%7))
		longWant = append(longWant, fmt.Sprint(i))
	}
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{",", nil},
		{"42", []string{"42"}},
		{" 1 , 2,,3 ,", []string{"1", "2", "3"}},
		{"a,b,a,c,b", []string{"a", "b", "c"}},
		{strings.Join(long, ","), longWant},
	}
	for _, tt := range tests {
		if got := idList(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("idList(%.40q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
