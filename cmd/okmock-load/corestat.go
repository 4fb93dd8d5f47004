package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strconv"
	"time"
)

// coreBusy is the time a core spent running tasks so far (user, nice and
// system time, from /proc/stat, in ticks of 10 ms), for telling how much
// of the server's pinned core went to something other than the server.
// Interrupt and softirq time is left out: loopback traffic is processed
// there on behalf of the server and the generator alike.
func coreBusy(cpu int) (time.Duration, error) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	return parseCoreBusy(data, cpu)
}

// parseCoreBusy reads core cpu's line of a /proc/stat text.
func parseCoreBusy(data []byte, cpu int) (time.Duration, error) {
	prefix := []byte("cpu" + strconv.Itoa(cpu) + " ")
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, prefix) {
			continue
		}
		f := bytes.Fields(line[len(prefix):])
		if len(f) < 3 {
			break
		}
		var ticks int64
		for _, v := range f[:3] { // user, nice, system
			n, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil {
				return 0, errors.New("unexpected /proc/stat line " + string(line))
			}
			ticks += n
		}
		return time.Duration(ticks) * 10 * time.Millisecond, nil
	}
	return 0, errors.New("no " + string(bytes.TrimSpace(prefix)) + " line in /proc/stat")
}

// othersShare is the share of a stretch of elapsed time that the server's
// core spent on other tasks: its busy time less the server's own CPU
// time, never below 0 (both are counted in 10 ms ticks).
func othersShare(coreBusy, serverCPU, elapsed time.Duration) float64 {
	if elapsed <= 0 || coreBusy <= serverCPU {
		return 0
	}
	return float64(coreBusy-serverCPU) / float64(elapsed)
}
