package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A -latency-dir file has a row per request sent, in the order they were
// due, one period apart, each with the latency it was answered in.
func TestLatencyFileListsEveryRequestInDueOrder(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(bareHandler)}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()

	req := []byte("GET /fb.do?method=users.getCurrentUser HTTP/1.1\r\nHost: x\r\n\r\n")
	const rate = 2000
	p := openLoop(context.Background(), ln.Addr().String(), [][]byte{req}, 4, rate, 250*time.Millisecond, 1000)
	if p.errors != 0 || p.requests != 500 {
		t.Fatalf("%d requests, %d errors (%s); want 500 and none", p.requests, p.errors, p.firstErr)
	}
	name, err := writeLatencies(t.TempDir(), "post+read", 3, "bare net/http", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, "post-read-open-turn3-bare-net-http.tsv") {
		t.Errorf("file name %s", name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0]+"\n" != latencyHeader {
		t.Fatalf("header %q", lines[0])
	}
	rows := lines[1:]
	if len(rows) != p.requests {
		t.Fatalf("%d rows for %d requests", len(rows), p.requests)
	}
	var prevDue int64
	for i, row := range rows {
		f := strings.Split(row, "\t")
		if len(f) != 3 {
			t.Fatalf("row %d: %q", i, row)
		}
		due, err1 := strconv.ParseInt(f[0], 10, 64)
		lat, err2 := strconv.ParseInt(f[1], 10, 64)
		late, err3 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("row %d: %q", i, row)
		}
		if i > 0 && due-prevDue != int64(time.Second/rate/time.Microsecond) {
			t.Fatalf("row %d due %d µs after the one before, want %d", i, due-prevDue, time.Second/rate/time.Microsecond)
		}
		if lat < late || lat <= 0 {
			t.Fatalf("row %d: latency %d µs, sent %d µs late", i, lat, late)
		}
		prevDue = due
	}
	if first, _ := strconv.ParseInt(strings.Split(rows[0], "\t")[0], 10, 64); first != p.start.UnixMicro() {
		t.Errorf("first row due at %d, the loop started at %d", first, p.start.UnixMicro())
	}
}
