package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// runDelay is how long a process's threads have so far been ready to run
// and waited for a CPU: the second figure of each thread's
// /proc/<pid>/task/<tid>/schedstat, in nanoseconds, added up. A server
// pinned to one core waits when another task holds that core, so this is
// a sign that it did not have its core to itself. The threads' waits add
// up, so a crowded core can make this more than the time that passed;
// with the core to itself a server's threads waited a few per cent of a
// closed-loop turn, with a shell polling /proc on it 50-100% (12-08).
// Threads that have exited are not counted. The core's own counters in
// /proc/stat would not do: they are sampled at the scheduler tick, which
// an idle core skips, and under the open loop's load they lagged the
// servers' exact CPU times by seconds (12-08).
func runDelay(pid int) (time.Duration, error) {
	paths, err := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/schedstat")
	if err != nil {
		return 0, err
	}
	if len(paths) == 0 {
		return 0, errors.New("no threads of process " + strconv.Itoa(pid))
	}
	var total time.Duration
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // the thread exited
		}
		d, err := parseRunDelay(data)
		if err != nil {
			return 0, err
		}
		total += d
	}
	return total, nil
}

// parseRunDelay reads the wait figure of a schedstat line: "<ns on the
// CPU> <ns waiting> <timeslices>".
func parseRunDelay(data []byte) (time.Duration, error) {
	f := bytes.Fields(data)
	if len(f) < 2 {
		return 0, errors.New("unexpected schedstat " + string(data))
	}
	ns, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0, errors.New("unexpected schedstat " + string(data))
	}
	return time.Duration(ns), nil
}

// waitOf is runDelay without its error: a process that cannot be read
// reads 0, and the figures that depend on it show as 0.
func waitOf(pid int) time.Duration {
	d, _ := runDelay(pid)
	return d
}

// partOf is part of elapsed as a fraction, 0 for an empty stretch.
func partOf(part, elapsed time.Duration) float64 {
	if elapsed <= 0 || part <= 0 {
		return 0
	}
	return float64(part) / float64(elapsed)
}
