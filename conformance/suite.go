package conformance

import (
	"context"
	"errors"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
)

// Options configure one run of the suite.
type Options struct {
	// Driver is the driver under test (NewDriver with a Dialer).
	Driver *Driver
	// Target is the okmock to run against (StartEmbedded or Remote).
	Target *Target
	// Figures are the timing figures; zero means DefaultFigures.
	Figures Figures
	// Suite and Reporter are Ginkgo's configuration (filters, verbosity,
	// report files); start from GinkgoConfiguration().
	Suite    types.SuiteConfig
	Reporter types.ReporterConfig
	// KnownFailing lists spec names expected to fail: they do not fail the
	// run, and passing fails it (so the list stays honest).
	KnownFailing []string
	// TargetName describes the target in the summary.
	TargetName string
	// Context, when done, interrupts the run: the instruction in flight is
	// abandoned and the remaining specs are aborted, as Ginkgo does on
	// SIGINT (which it also catches itself). nil means never.
	Context context.Context
}

var (
	registerOnce sync.Once
	lastReport   types.Report
)

// register builds the Ginkgo tree from the catalogue: one top-level spec
// per entry, named by its path, labelled with its tier and features.
func register() {
	registerOnce.Do(func() {
		for _, s := range Catalogue() {
			// The spec takes Ginkgo's SpecContext so that Ginkgo cancels
			// it on an interrupt and waits for it to return, instead of
			// leaving it running with the driver still held.
			It(s.Name, Label(s.Labels()...), func(sc SpecContext) {
				r := active
				r.stopIfInterrupted()
				if why := s.missing(r.has); why != "" {
					Skip(why)
				}
				AddReportEntry("fact", s.Fact, types.ReportEntryVisibilityFailureOrVerbose)
				s.run(newFixture(sc, s, r))
			})
		}
		ReportAfterSuite("okmock conformance", func(r Report) { lastReport = r })
	})
}

// Run greets the driver, runs the suite with Ginkgo and answers the
// summary, known failures applied. Ginkgo runs once per process: call Run
// once (RunInChild runs more in child processes). t receives Ginkgo's
// failure, which ignores the known-failing list; judge by the summary.
func Run(t GinkgoTestingT, opts Options) (*Summary, error) {
	if opts.Driver == nil || opts.Target == nil {
		return nil, errors.New("conformance: Options need a Driver and a Target")
	}
	if opts.Figures == (Figures{}) {
		opts.Figures = DefaultFigures
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	hello, err := opts.Driver.Hello(ctx)
	if err != nil {
		return nil, err
	}
	features := map[protocol.Feature]bool{}
	for _, f := range hello.Features {
		features[f] = true
	}
	active = &suiteRun{ctx: ctx, target: opts.Target, driver: opts.Driver, hello: hello,
		features: features, figures: opts.Figures, ids: newIDSource()}
	register()
	RegisterFailHandler(Fail)
	// Ginkgo would write its reports before the known-failing list is
	// applied: the suite writes them itself afterwards.
	rc := opts.Reporter
	rc.JUnitReport, rc.JSONReport = "", ""
	started := time.Now()
	RunSpecs(t, "okmock conformance", opts.Suite, rc)
	known := knownSet(opts.KnownFailing)
	report := applyKnownFailing(lastReport, known)
	if err := writeGinkgoReports(report, opts.Reporter); err != nil {
		return nil, err
	}
	s := summarize(report, hello, opts.TargetName, started, known)
	if ctx.Err() != nil {
		s.Interrupted, s.Passed = true, false
	}
	return s, nil
}
