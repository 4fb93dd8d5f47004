package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// latencyHeader names the columns of a -latency-dir file.
const latencyHeader = "due_unix_us\tlatency_us\tsend_late_us\n"

// writeLatencies writes one measured open-loop turn, a row per request in
// the order they were due: when it was due (Unix microseconds, so that
// rows can be lined up with anything else timed on the machine, such as a
// server's GODEBUG=gctrace=1 lines), its latency from then, and how late
// the generator sent it. A p99 says how many requests were slow; these
// say when, and whether the generator or the server held them.
func writeLatencies(dir, workload string, turn int, server string, p *phaseResult) (string, error) {
	// Every request sent is answered or fails, and either way its latency
	// is recorded: order has an entry for each row.
	lat := make([]time.Duration, len(p.lateness))
	for j, n := range p.order {
		lat[n] = p.latencies[j]
	}
	name := filepath.Join(dir, fmt.Sprintf("%s-open-turn%d-%s.tsv", fileSafe(workload), turn, fileSafe(server)))
	f, err := os.Create(name)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriter(f)
	_, _ = w.WriteString(latencyHeader)
	for i, late := range p.lateness {
		due := p.start.Add(p.period * time.Duration(i))
		fmt.Fprintf(w, "%d\t%d\t%d\n", due.UnixMicro(), lat[i].Microseconds(), late.Microseconds())
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return "", err
	}
	return name, f.Close()
}

// fileSafe turns a workload or server name into part of a file name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, s)
}
