package python_test

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/conformance"
)

// TestDriverPassesEverySpec runs the whole suite against driver.py, which
// claims every feature: every spec passes, none is skipped.
func TestDriverPassesEverySpec(t *testing.T) {
	t.Parallel()
	run := childRun{Argv: []string{python3(t), script(t, "driver.py")}}
	expect(t, run, runSuite(t, run), expectation{})
}

// TestDriverPassesOverTCP runs the suite against driver.py --listen, as a
// driver in its own container is checked: the same protocol over TCP.
func TestDriverPassesOverTCP(t *testing.T) {
	t.Parallel()
	py := python3(t)
	addr := freeAddr(t)
	cmd := exec.Command(py, script(t, "driver.py"), "--listen", addr)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	// The driver says so on stderr once it listens.
	listening := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "listening on") {
				listening <- true
			}
		}
	}()
	select {
	case <-listening:
	case <-time.After(10 * time.Second):
		t.Fatal("driver.py --listen did not start listening")
	}
	run := childRun{Addr: addr}
	expect(t, run, runSuite(t, run), expectation{})
}

// TestMinimalDriverPassesWhatItClaims runs the suite against the
// README's minimal driver: it claims sign_server only, every spec that
// needs no more passes, and the others are skipped for that reason alone.
func TestMinimalDriverPassesWhatItClaims(t *testing.T) {
	t.Parallel()
	run := childRun{Argv: []string{python3(t), script(t, "minimal_driver.py")}}
	s := runSuite(t, run)
	expect(t, run, s, expectation{skipUnclaimed: true})
	if s.Totals[conformance.StatePassed] < 20 {
		t.Errorf("the minimal driver passed only %d specs: %v", s.Totals[conformance.StatePassed], s.Totals)
	}
}

// TestMinimalDriverIsUnder60Lines keeps the README's promise.
func TestMinimalDriverIsUnder60Lines(t *testing.T) {
	src, err := os.ReadFile("minimal_driver.py")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(src), "\n"); n >= 60 {
		t.Errorf("minimal_driver.py has %d lines; the README promises under 60", n)
	}
}

// TestOkclientUnit runs okclient.py's own unit tests.
func TestOkclientUnit(t *testing.T) {
	cmd := exec.Command(python3(t), "-m", "unittest", "-q", "test_okclient")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("python3 -m unittest test_okclient: %v\n%s", err, out)
	}
}

// freeAddr is a loopback address with a port nobody listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
