package conformance

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/onsi/ginkgo/v2"
)

// Exit codes of Main.
const (
	ExitPass  = 0 // everything not skipped or known failing passed
	ExitFail  = 1 // a spec failed, or a known-failing one passed
	ExitUsage = 2 // bad flags, no driver, no okmock
	// ExitInterrupted is a run stopped by SIGINT or SIGTERM (its context
	// done), whatever the specs run so far gave: 128+SIGINT, as shells
	// answer for a command stopped by Ctrl-C.
	ExitInterrupted = 130
)

// interruptGrace is Ginkgo's grace period in a run of the kit: how long
// an interrupted spec, and then its clean-up, may take to return before
// Ginkgo moves on. okmock conformance kills the kit 5s after an
// interrupt, and the reports are written only after these.
const interruptGrace = time.Second

const cliUsage = `okmock-conformance: check an OK client library through its driver

Usage:
  okmock-conformance --client 'CMD ARGS' [flags]     driver on stdin/stdout
  okmock-conformance --client-addr HOST:PORT [flags]  driver listening on TCP
  okmock-conformance --list                           print the specs

okmock conformance [flags] runs this same kit when both are installed. The
driver speaks conformance/PROTOCOL.md. Exit status: 0 when every spec not
skipped or known failing passed, 1 otherwise, 2 on a usage or setup error,
130 when interrupted (SIGINT, SIGTERM); the reports then hold the specs run
so far.

Flags:
`

// cliFlags are the flags of okmock-conformance.
type cliFlags struct {
	client, clientAddr        string
	clientWait                time.Duration
	target, listen, advertise string
	focus, skip               multiFlag
	labelFilter               string
	knownFailing              string
	junit, jsonReport, ginkgo string
	verbose, noColor, list    bool
	seed                      int64
	deadline                  time.Duration
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func parseCLI(args []string, stderr io.Writer) (*cliFlags, error) {
	fs := flag.NewFlagSet("okmock conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, cliUsage)
		fs.PrintDefaults()
	}
	c := &cliFlags{}
	fs.StringVar(&c.client, "client", "", "driver command, split like a shell command line (no shell is run)")
	fs.StringVar(&c.clientAddr, "client-addr", "", "host:port of a driver listening on TCP")
	fs.DurationVar(&c.clientWait, "client-wait", 30*time.Second, "how long to keep trying to connect to --client-addr")
	fs.StringVar(&c.target, "target", "", "base URL of a running okmock to use instead of an embedded one")
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "listen address of the embedded okmock")
	fs.StringVar(&c.advertise, "advertise-url", "", "okmock's base URL as the driver reaches it (default: the embedded or --target URL)")
	fs.Var(&c.focus, "focus", "run only specs whose name matches this regular expression (repeatable)")
	fs.Var(&c.skip, "skip", "skip specs whose name matches this regular expression (repeatable)")
	fs.StringVar(&c.labelFilter, "label-filter", "", "Ginkgo label filter on tiers and features, e.g. 'required && !photo_upload'")
	fs.StringVar(&c.knownFailing, "known-failing", "", "file of spec names expected to fail, one a line ('#' comments)")
	fs.StringVar(&c.junit, "junit-report", "", "write a JUnit XML report to this file")
	fs.StringVar(&c.jsonReport, "json-report", "", "write the summary as JSON to this file (failed spec names under \"failed\")")
	fs.StringVar(&c.ginkgo, "ginkgo-json-report", "", "write Ginkgo's own JSON report to this file")
	fs.BoolVar(&c.verbose, "v", false, "verbose: print every spec and the instructions exchanged")
	fs.BoolVar(&c.noColor, "no-color", false, "no colours in Ginkgo's output")
	fs.BoolVar(&c.list, "list", false, "print the spec catalogue and exit")
	fs.Int64Var(&c.seed, "seed", 0, "Ginkgo's random seed for the spec order (0: from the clock)")
	fs.DurationVar(&c.deadline, "deadline", DefaultFigures.Deadline, "how long to wait for the driver's answer to one instruction")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if !c.list && (c.client == "") == (c.clientAddr == "") {
		return nil, errors.New("give exactly one of --client and --client-addr")
	}
	return c, nil
}

// Main is okmock-conformance (which okmock conformance runs): it parses
// args, starts (or reaches) okmock, runs the suite against the driver and
// reports. It answers the exit status. Ginkgo writes its progress to the
// process's standard output.
//
// When ctx is done (okmock-conformance cancels it on SIGINT and SIGTERM,
// which Ginkgo also catches) the spec running is stopped within about a
// second, the specs left are skipped, the reports asked for are written
// with the specs run so far, and Main answers ExitInterrupted.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseCLI(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitPass
	}
	if err != nil {
		fmt.Fprintln(stderr, "okmock conformance:", err)
		return ExitUsage
	}
	if c.list {
		PrintCatalogue(stdout)
		return ExitPass
	}
	summary, err := c.run(ctx)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "okmock conformance: interrupted before the specs started:", err)
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintln(stderr, "okmock conformance:", err)
		return ExitUsage
	}
	summary.Print(stdout)
	if c.jsonReport != "" {
		if err := writeSummaryFile(c.jsonReport, summary); err != nil {
			fmt.Fprintln(stderr, "okmock conformance:", err)
			return ExitUsage
		}
	}
	if summary.Interrupted {
		fmt.Fprintln(stderr, "okmock conformance: interrupted; the reports hold the specs run so far")
		return ExitInterrupted
	}
	if !summary.Passed {
		return ExitFail
	}
	return ExitPass
}

// run sets up the driver and okmock and runs the suite.
func (c *cliFlags) run(ctx context.Context) (*Summary, error) {
	var known []string
	if c.knownFailing != "" {
		var err error
		if known, err = ReadKnownFailingFile(c.knownFailing); err != nil {
			return nil, err
		}
	}
	dial, err := c.dialer()
	if err != nil {
		return nil, err
	}
	driver := NewDriver(dial)
	defer func() {
		// An interrupted run has seconds left: no polite goodbyes.
		if ctx.Err() != nil {
			driver.Kill()
		} else {
			driver.Close()
		}
	}()
	var target *Target
	name := "embedded okmock"
	if c.target != "" {
		target, err = Remote(ctx, c.target, c.advertise)
		name = c.target
	} else {
		target, err = StartEmbedded(c.listen, c.advertise)
	}
	if err != nil {
		return nil, err
	}
	defer func() {
		if ctx.Err() != nil {
			target.abort()
		} else {
			target.Close()
		}
	}()
	suite, reporter := ginkgo.GinkgoConfiguration()
	suite.GracePeriod = interruptGrace
	suite.FocusStrings, suite.SkipStrings, suite.LabelFilter = c.focus, c.skip, c.labelFilter
	if c.seed != 0 {
		suite.RandomSeed = c.seed
	}
	reporter.Verbose = c.verbose
	reporter.NoColor = c.noColor || !isTerminal(os.Stdout)
	reporter.JUnitReport, reporter.JSONReport = c.junit, c.ginkgo
	figures := DefaultFigures
	figures.Deadline = c.deadline
	return Run(failRecorder{}, Options{Driver: driver, Target: target, Figures: figures,
		Suite: suite, Reporter: reporter, KnownFailing: known, TargetName: name, Context: ctx})
}

func (c *cliFlags) dialer() (Dialer, error) {
	if c.clientAddr != "" {
		return TCPDialer(c.clientAddr, c.clientWait), nil
	}
	argv, err := SplitCommand(c.client)
	if err != nil {
		return nil, fmt.Errorf("--client: %w", err)
	}
	return CommandDialer(argv, nil), nil
}

// failRecorder is the testing.T stand-in of a run outside go test: the
// verdict comes from the summary, which knows the known-failing list.
type failRecorder struct{}

func (failRecorder) Fail() {}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func writeSummaryFile(path string, s *Summary) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := s.WriteJSON(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// PrintCatalogue writes every spec: name, tier, needed features, fact.
func PrintCatalogue(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SPEC\tTIER\tNEEDS\tFACT")
	for _, s := range Catalogue() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Name, s.Tier, s.needsText(), s.Fact)
	}
	_ = tw.Flush()
}

// needsText says what a driver must claim for the spec to run.
func (s Spec) needsText() string {
	var parts []string
	for _, n := range s.Needs {
		parts = append(parts, string(n))
	}
	switch {
	case s.Session:
		parts = append(parts, "a session scheme")
	case s.Calls:
		parts = append(parts, "any scheme")
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}
