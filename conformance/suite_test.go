package conformance

import (
	"os"
	"testing"

	. "github.com/onsi/ginkgo/v2"

	"github.com/okmock/okmock/conformance/refdriver"
)

// TestConformance runs the whole suite against the Go reference driver,
// in memory, and an embedded okmock: every spec must pass.
func TestConformance(t *testing.T) {
	target, err := StartEmbedded("127.0.0.1:0", "")
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	driver := NewDriver(InProcessDialer(refdriver.Serve))
	defer driver.Close()
	suite, reporter := GinkgoConfiguration()
	summary, err := Run(t, Options{Driver: driver, Target: target, Suite: suite, Reporter: reporter, TargetName: "embedded okmock"})
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		summary.Print(os.Stdout)
	}
	if summary.Totals[StatePassed] != len(summary.Specs) && suite.LabelFilter == "" && len(suite.FocusStrings) == 0 {
		t.Errorf("the reference driver passed %d of %d specs", summary.Totals[StatePassed], len(summary.Specs))
	}
}
