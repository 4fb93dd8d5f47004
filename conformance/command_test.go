package conformance

import (
	"slices"
	"testing"
	"time"

	"github.com/okmock/okmock/conformance/protocol"
)

func TestSplitCommandLikeAShell(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{"python3 driver.py", []string{"python3", "driver.py"}, false},
		{"  node   d.js  --fast ", []string{"node", "d.js", "--fast"}, false},
		{`java -jar 'my driver.jar'`, []string{"java", "-jar", "my driver.jar"}, false},
		{`sh -c "echo \"hi\" \\ there"`, []string{"sh", "-c", `echo "hi" \ there`}, false},
		{`a\ b c`, []string{"a b", "c"}, false},
		{`empty '' ""`, []string{"empty", "", ""}, false},
		{`x'y'"z"`, []string{"xyz"}, false},
		{"", nil, true},
		{"'open", nil, true},
		{`trailing\`, nil, true},
	}
	for _, tt := range tests {
		got, err := SplitCommand(tt.in)
		if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q (error %v)", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestNominalDelayDoublesUpToTheCap(t *testing.T) {
	r := protocol.Retry{BaseDelayMS: 100, MaxDelayMS: 350}
	ms := time.Millisecond
	for n, want := range []time.Duration{100 * ms, 200 * ms, 350 * ms, 350 * ms} {
		if got := nominalDelay(r, n+1); got != want {
			t.Errorf("retry %d: %v, want %v", n+1, got, want)
		}
	}
}
