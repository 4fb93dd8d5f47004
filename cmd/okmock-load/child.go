package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// child is a server under test, run as its own process so that its CPU
// time and peak memory can be read from /proc without counting the load
// generator's.
type child struct {
	name    string
	cmd     *exec.Cmd
	addr    string
	started time.Time
	stderr  *tailBuffer
	done    chan struct{}
}

// pinned prefixes argv with taskset when cpu >= 0. taskset execs the
// program, so the pid stays the server's.
func pinned(cpu int, argv []string) []string {
	if cpu < 0 {
		return argv
	}
	return append([]string{"taskset", "-c", strconv.Itoa(cpu)}, argv...)
}

// freeAddr finds a free port on host. Another process could take it
// before the child listens; the child then fails to start, which is
// reported, not hidden.
func freeAddr(host string) (string, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}

// startChild runs argv with extra environment; argv[0] is looked up in
// PATH when it has no slash.
func startChild(name string, argv, env []string, addr string) (*child, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = childEnv(env)
	tail := &tailBuffer{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = nil, tail
	// The server must not outlive the tool, whatever happens to it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	c := &child{name: name, cmd: cmd, addr: addr, stderr: tail, done: make(chan struct{})}
	c.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() { _ = cmd.Wait(); close(c.done) }()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// waitReady polls until probe gets a good answer and returns how long
// after the spawn that was.
func (c *child) waitReady(ctx context.Context, probe []byte, good func(answer) bool) (time.Duration, error) {
	conn := newHTTPConn(c.addr)
	defer conn.close()
	for {
		select {
		case <-c.done:
			return 0, fmt.Errorf("%s exited before answering: %s", c.name, c.stderr.String())
		case <-ctx.Done():
			return 0, fmt.Errorf("%s did not answer: %w", c.name, ctx.Err())
		default:
		}
		if a, err := conn.do(probe); err == nil && good(a) {
			return time.Since(c.started), nil
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// stop asks the server to shut down (SIGTERM) and kills it if it has not
// within a few seconds.
func (c *child) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// procCPU is the CPU time (user + system) of a process so far, from
// /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
func procCPU(pid int) (time.Duration, error) {
	path := "/proc/self/stat"
	if pid > 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/stat"
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	// The command name may hold spaces and parentheses; fields resume
	// after the last ')'. utime and stime are fields 14 and 15.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, errors.New("unexpected " + path)
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("unexpected " + path)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("unexpected " + path)
	}
	return time.Duration(ut+st) * 10 * time.Millisecond, nil
}

// procStatusKB reads a memory figure (VmHWM, VmRSS) of /proc/<pid>/status
// in KiB.
func procStatusKB(pid int, field string) (int64, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
}

// tailBuffer keeps the end of a child's output for error messages.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	t.mu.Unlock()
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.buf))
}
