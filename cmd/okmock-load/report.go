package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// machine describes where the run happened.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("nproc %d, %s, %s/%s, %s", machineCPUs(), model, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// writeReport prints the comparison as Markdown.
func writeReport(w io.Writer, l *launcher, c *comparison, started time.Time, args []string) {
	cfg := l.cfg
	fmt.Fprintf(w, "Measured %s on %s; %s.\n\n", started.UTC().Format("2006-01-02 15:04 UTC"), machine(), l.describePinning())
	fmt.Fprintf(w, "Command: `okmock-load %s`\n\n", strings.Join(args, " "))
	runs := ""
	if cfg.repeat > 1 {
		runs = fmt.Sprintf(" Each phase ran %d times, the two servers taking turns; each cell pools all %d turns of a server (requests, time and CPU added up, latencies merged), and the spread of the per-turn ratios follows the table.", cfg.repeat, cfg.repeat)
	}
	fmt.Fprintf(w, "Each turn follows an unmeasured warm-up with its own loop: %s for the closed loop, %s for the open loop (long enough for the phase's fresh okmock to pass its first collection before the first turn is measured). Closed loop: %d connections, %s per phase. Open loop: %d req/s for %s over up to %d connections, latency measured from each request's intended send time (no coordinated omission). The load generator's own collector is off while a turn is measured. okmock runs in its default configuration (journal on, validation on); each phase (a workload's closed or open loop) starts a fresh okmock and a fresh bare server, which serve all its turns. Each cell is bare net/http → okmock (okmock / bare).%s\n\n",
		cfg.warmup, openWarmup(cfg), cfg.conns, cfg.duration, cfg.rate, cfg.duration, cfg.conns, runs)
	if cfg.against != "" {
		fmt.Fprintf(w, "**Baseline: the okmock binary `%s` (-against), not the bare net/http handler.** Every \"bare net/http\" and \"bare\" below is that binary, set up with the same sessions and posts and sent the same requests; issue 8's targets are not checked.\n\n", cfg.against)
	}

	fmt.Fprintln(w, "| Workload | Loop | Throughput | Server CPU per request | p50 | p99 | p99.9 | Errors |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range c.rows {
		writeRow(w, r.workload.label, fmt.Sprintf("closed, %d conns", cfg.conns), r.closed)
		writeRow(w, "", fmt.Sprintf("open, %d req/s", cfg.rate), r.open)
	}
	fmt.Fprintln(w)

	cold := [2]time.Duration{median(c.coldStarts[bare]), median(c.coldStarts[okm])}
	fmt.Fprintln(w, "| Start-up and memory | bare net/http | okmock | okmock / bare |")
	fmt.Fprintln(w, "|---|---|---|---|")
	fmt.Fprintf(w, "| Cold start to the first signed answer (median of %d spawns) | %s | %s | %s |\n",
		len(c.coldStarts[okm]), fmtDuration(cold[bare]), fmtDuration(cold[okm]), ratio(float64(cold[okm]), float64(cold[bare])))
	fmt.Fprintf(w, "| Peak RSS (VmHWM) after %s read requests | %s | %s | %s |\n",
		thousands(c.rssReads), fmtMiB(c.peakRSSKB[bare]), fmtMiB(c.peakRSSKB[okm]),
		ratio(float64(c.peakRSSKB[okm]), float64(c.peakRSSKB[bare])))
	fmt.Fprintln(w)
	if cfg.against == "" {
		writeTargets(w, c, cold[okm])
	}
	writeNotes(w, c)
}

func writeRow(w io.Writer, label, loop string, p [2]*phaseResult) {
	qb, qo := latencyQuantiles(p[bare].latencies), latencyQuantiles(p[okm].latencies)
	lat := func(b, o time.Duration) string {
		return fmt.Sprintf("%s → %s (%s)", fmtDuration(b), fmtDuration(o), ratio(float64(o), float64(b)))
	}
	fmt.Fprintf(w, "| %s | %s | %s → %s req/s (%s) | %s → %s (%s) | %s | %s | %s | %d / %d |\n",
		label, loop,
		fmtRate(p[bare].throughput()), fmtRate(p[okm].throughput()), share(p[okm].throughput(), p[bare].throughput()),
		fmtDuration(p[bare].cpuPerRequest()), fmtDuration(p[okm].cpuPerRequest()),
		ratio(float64(p[okm].cpuPerRequest()), float64(p[bare].cpuPerRequest())),
		lat(qb.p50, qo.p50), lat(qb.p99, qo.p99), lat(qb.p999, qo.p999),
		p[bare].errors, p[okm].errors)
}

// writeTargets checks issue 8's targets against the figures: the worst
// of the workloads counts; breakdown rows are listed after.
func writeTargets(w io.Writer, c *comparison, cold time.Duration) {
	worstShare, worstShareName := 2.0, ""
	worstP99, worstP99Name := 0.0, ""
	var worstInterval [2]float64
	var breakdown []string
	for _, r := range c.rows {
		if r.workload.breakdown {
			breakdown = append(breakdown, fmt.Sprintf("%s %.0f%% of the bare throughput, p99 %.2f× at the open-loop rate", r.workload.name,
				100*r.closed[okm].throughput()/r.closed[bare].throughput(),
				float64(latencyQuantiles(r.open[okm].latencies).p99)/float64(latencyQuantiles(r.open[bare].latencies).p99)))
			continue
		}
		if s := r.closed[okm].throughput() / r.closed[bare].throughput(); s < worstShare {
			worstShare, worstShareName = s, r.workload.name
		}
		b, o := latencyQuantiles(r.open[bare].latencies).p99, latencyQuantiles(r.open[okm].latencies).p99
		if x := float64(o) / float64(b); x > worstP99 {
			worstP99, worstP99Name, worstInterval = x, r.workload.name, r.p99Interval
		}
	}
	met := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	rss := c.peakRSSKB[okm]
	fmt.Fprintln(w, "| Target (issue 8) | Measured | Met |")
	fmt.Fprintln(w, "|---|---|---|")
	if worstShareName != "" {
		fmt.Fprintf(w, "| Throughput ≥ 60%% of bare net/http (closed loop) | %.0f%% (lowest: %s) | %s |\n", 100*worstShare, worstShareName, met(worstShare >= 0.6))
		fmt.Fprintf(w, "| p99 at %s within 2× of bare net/http | %.2f× (highest: %s%s) | %s |\n", "the open-loop rate", worstP99, worstP99Name, intervalNote(worstInterval), met(worstP99 <= 2))
	}
	fmt.Fprintf(w, "| Cold start < 50 ms, whole catalogue loaded | %s | %s |\n", fmtDuration(cold), met(cold < 50*time.Millisecond))
	rssNote := ""
	if c.rssReads < 1_000_000 {
		rssNote = " (fewer than the 1,000,000 reads of the target)"
	}
	fmt.Fprintf(w, "| Peak RSS < 40 MiB after 1,000,000 reads | %s after %s reads%s | %s |\n", fmtMiB(rss), thousands(c.rssReads), rssNote, met(rss < 40<<10))
	fmt.Fprintln(w)
	if len(breakdown) > 0 {
		fmt.Fprintf(w, "Breakdown rows, not targets themselves: %s.\n\n", strings.Join(breakdown, "; "))
	}
}

// intervalNote names the bootstrap interval of a p99 ratio, when the run
// had turns to draw it from.
func intervalNote(iv [2]float64) string {
	if iv[1] <= 0 {
		return ""
	}
	return fmt.Sprintf("; %.0f%% interval over the turns %.2f×-%.2f×", 100*intervalConf, iv[0], iv[1])
}

// writeNotes flags what would make the figures misleading: errors, a
// saturated generator, an idle server in a closed loop.
func writeNotes(w io.Writer, c *comparison) {
	var notes []string
	maxGen, minServer := 0.0, 2.0
	var maxLate time.Duration
	for _, r := range c.rows {
		for k := range 2 {
			p := r.closed[k]
			if p.elapsed > 0 {
				maxGen = max(maxGen, p.loadCPU.Seconds()/p.elapsed.Seconds())
				minServer = min(minServer, p.serverCPU.Seconds()/p.elapsed.Seconds())
			}
			maxLate = max(maxLate, latencyQuantiles(r.open[k].lateness).p99)
			for _, q := range []*phaseResult{r.closed[k], r.open[k]} {
				if q.errors > 0 {
					notes = append(notes, fmt.Sprintf("%s: %d errors; the first: %s", r.workload.name, q.errors, q.firstErr))
				}
			}
		}
	}
	if len(c.rows) > 0 && len(c.rows[0].turnP99s) > 1 {
		var shares, p99s, intervals []string
		for _, r := range c.rows {
			shares = append(shares, r.workload.name+" "+spread(r.turnShares, "%.0f%%", 100))
			p99s = append(p99s, r.workload.name+" "+spread(r.turnP99s, "%.2f×", 1))
			intervals = append(intervals, fmt.Sprintf("%s %.2f×-%.2f×", r.workload.name, r.p99Interval[0], r.p99Interval[1]))
		}
		notes = append(notes, "Per turn, the closed-loop throughput share was "+strings.Join(shares, "; ")+".",
			"Per turn, the open-loop p99 ratio was "+strings.Join(p99s, "; ")+".",
			fmt.Sprintf("How far another run of the same turns could land: drawing the turns again with replacement (%d draws, both servers' halves of a turn together), %.0f%% of the draws put the pooled open-loop p99 ratio within %s.",
				intervalDraws, 100*intervalConf, strings.Join(intervals, "; ")))
	}
	if len(c.rows) > 0 {
		notes = append(notes, fmt.Sprintf("In the closed loops the server core was at least %.0f%% busy and the load generator's at most %.0f%%; the open-loop pacer sent 99%% of requests within %s of their intended time.",
			100*minServer, 100*maxGen, fmtDuration(maxLate)))
	}
	if n := waitNote(c); n != "" {
		notes = append(notes, n)
	}
	notes = append(notes, "Server CPU is read from /proc/<pid>/stat (10 ms ticks); cold start is from spawning the process to the first answered signed call (users.getInfo), polled every 100 µs.")
	for _, n := range notes {
		fmt.Fprintf(w, "- %s\n", n)
	}
}

// waitNote says how long the servers waited for their core while they
// always had work: the figures are of a server with its core to itself,
// and a neighbour on it slows the server's turn and raises its heap's
// peak.
func waitNote(c *comparison) string {
	var worst waitMark
	var where string
	for _, r := range c.rows {
		if r.longestWait.share > worst.share {
			worst, where = r.longestWait, r.workload.name+" "+r.longestWait.where
		}
	}
	var parts []string
	switch {
	case len(c.rows) == 0:
	case worst.share == 0:
		parts = append(parts, "nothing in any closed-loop turn")
	default:
		parts = append(parts, fmt.Sprintf("at most %.1f%% of a closed-loop turn (%s)", 100*worst.share, where))
	}
	if c.rssReads > 0 {
		parts = append(parts, fmt.Sprintf("%.1f%% (bare) and %.1f%% (okmock) of their reads for peak RSS", 100*c.rssWaits[bare], 100*c.rssWaits[okm]))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Where a server always had work, its threads' waits for a CPU while ready to run (run_delay in /proc/<pid>/task/*/schedstat, added up over the threads; a few per cent with the core to itself, 50-100% with a busy neighbour on it) came to " + strings.Join(parts, "; ") + "."
}

// spread prints the range and median of per-turn ratios, each scaled by
// scale and printed with format: "1.10×-2.40× (median 1.50×)".
func spread(values []float64, format string, scale float64) string {
	s := slices.Clone(values)
	slices.Sort(s)
	f := func(v float64) string { return fmt.Sprintf(format, v*scale) }
	return fmt.Sprintf("%s-%s (median %s)", f(s[0]), f(s[len(s)-1]), f(s[len(s)/2]))
}

func fmtMiB(kb int64) string { return fmt.Sprintf("%.1f MiB", float64(kb)/1024) }

// thousands writes n with comma separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// machineCPUs counts the machine's processors (runtime.NumCPU only sees
// the cores this process is pinned to).
func machineCPUs() int {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.NumCPU()
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "processor") {
			n++
		}
	}
	return max(n, 1)
}

// allowedCPUs is the list of cores this process may run on.
func allowedCPUs() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
