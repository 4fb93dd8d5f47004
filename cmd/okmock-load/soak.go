package main

import (
	"context"
	"fmt"
	"io"
)

// soak runs okmock for cfg.soak under an open-loop read mix (journal on,
// journal queries included) and checks, window by window, that nothing
// fails and that the resident set stays flat after the first window. It
// prints one table row per window and exits 1 when the check fails.
func soak(ctx context.Context, l *launcher, stdout, stderr io.Writer) int {
	cfg := l.cfg
	srv, _, err := l.start(ctx, kindOkmock)
	if err != nil {
		fmt.Fprintln(stderr, "okmock-load:", err)
		return 1
	}
	defer srv.stop()
	st := newSetup(srv.addr)
	ring, err := st.soakRing()
	st.close()
	if err != nil {
		fmt.Fprintln(stderr, "okmock-load:", err)
		return 1
	}
	windows := max(1, int(cfg.soak/cfg.soakWindow))
	fmt.Fprintf(stdout, "Soak: okmock for %s at %d req/s (read mix with journal queries), %s windows.\n\n", cfg.soak, cfg.rate, cfg.soakWindow)
	fmt.Fprintln(stdout, "| Window | Requests | Errors | p50 | p99 | p99.9 | RSS |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|")
	var requests, errs int
	var base, peak int64
	firstErr := ""
	done := 0
	for i := 0; i < windows && ctx.Err() == nil; i++ {
		p := openLoop(ctx, srv.addr, ring, cfg.conns, cfg.rate, cfg.soakWindow, cfg.maxRequests)
		rss, err := procStatusKB(srv.pid(), "VmRSS")
		if err != nil {
			fmt.Fprintln(stderr, "okmock-load:", err)
			return 1
		}
		q := latencyQuantiles(p.latencies)
		fmt.Fprintf(stdout, "| %d | %s | %d | %s | %s | %s | %s |\n", i+1, thousands(p.requests), p.errors,
			fmtDuration(q.p50), fmtDuration(q.p99), fmtDuration(q.p999), fmtMiB(rss))
		requests += p.requests
		errs += p.errors
		if firstErr == "" {
			firstErr = p.firstErr
		}
		if i == 0 {
			base = rss
		}
		peak = max(peak, rss)
		done++
	}
	growth := peak - base
	ok := errs == 0 && done == windows && growth <= int64(cfg.soakSlackMB)<<10
	verdict := "passed"
	if !ok {
		verdict = "FAILED"
	}
	fmt.Fprintf(stdout, "\nSoak %s: %s requests in %d of %d windows, %d errors, RSS grew %s after the first window (at most %d MiB allowed).\n",
		verdict, thousands(requests), done, windows, errs, fmtMiB(growth), cfg.soakSlackMB)
	if firstErr != "" {
		fmt.Fprintln(stdout, "First error:", firstErr)
	}
	if !ok {
		return 1
	}
	return 0
}
