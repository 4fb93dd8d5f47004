package conformance

import (
	"context"
	"io"
	"os"
	"testing"

	. "github.com/onsi/ginkgo/v2"

	"github.com/okmock/okmock/conformance/refdriver"
)

// TestConformance runs the whole suite against the Go reference driver,
// in memory, and an embedded okmock: every spec must pass, and every line
// exchanged must match protocol.schema.json.
func TestConformance(t *testing.T) {
	target, err := StartEmbedded("127.0.0.1:0", "")
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	rec := &wireRecorder{}
	// The recorder comes first in the MultiWriter: a response is on record
	// before the suite can read it, so the last one is not still being
	// recorded when checkWire looks.
	serve := func(ctx context.Context, r io.Reader, w io.Writer) error {
		return refdriver.Serve(ctx, io.TeeReader(r, rec.instructions()), io.MultiWriter(rec.responses(), w))
	}
	driver := NewDriver(InProcessDialer(serve))
	defer driver.Close()
	suite, reporter := GinkgoConfiguration()
	summary, err := Run(t, Options{Driver: driver, Target: target, Suite: suite, Reporter: reporter, TargetName: "embedded okmock"})
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		summary.Print(os.Stdout)
	}
	if suite.LabelFilter != "" || len(suite.FocusStrings) > 0 {
		return // a partial run: only Ginkgo's verdict applies
	}
	if summary.Totals[StatePassed] != len(summary.Specs) {
		t.Errorf("the reference driver passed %d of %d specs", summary.Totals[StatePassed], len(summary.Specs))
	}
	checkWire(t, rec)
}
