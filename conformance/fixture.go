package conformance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/mock/control"
)

// suiteRun is what every spec of one run shares.
type suiteRun struct {
	ctx      context.Context // Options.Context: done when the run is interrupted
	target   *Target
	driver   *Driver
	hello    protocol.HelloResult
	features map[protocol.Feature]bool
	figures  Figures
	ids      *idSource
}

func (r *suiteRun) has(f protocol.Feature) bool { return r.features[f] }

// interruptedNote is why specs stop when the run's context is done.
const interruptedNote = "Interrupted: the run's context is done"

// stopIfInterrupted aborts the suite, Ginkgo's way of skipping every
// remaining spec, once the run's context is done (a cancellation Ginkgo
// does not see, as it only watches signals).
func (r *suiteRun) stopIfInterrupted() {
	if r.ctx.Err() != nil {
		AbortSuite(interruptedNote, 1)
	}
}

// cleanupWait bounds a spec's clean-up calls to okmock: Ginkgo gives an
// interrupted run's clean-up only its grace period anyway.
const cleanupWait = 10 * time.Second

// active is the run the registered specs use (Ginkgo runs one suite per
// process).
var active *suiteRun

// redirectURI is the redirect URI of every spec's application. Nothing
// listens there: the suite reads redirects itself.
const redirectURI = "http://localhost:8765/ok/callback"

// defaultScopes are granted to the sessions specs mint.
var defaultScopes = []string{"VALUABLE_ACCESS", "PHOTO_CONTENT", "GROUP_CONTENT"}

// Fixture is one spec's world: a fresh application in okmock, its rules
// and sessions, and the driver.
type Fixture struct {
	spec Spec
	run  *suiteRun
	ctx  context.Context
	// App is the spec's own application.
	App control.App
	// Scheme is the scheme picked for specs that only need some call.
	Scheme string
	// started is when the spec began, on the wall clock.
	started time.Time
	// rules are the ids of the rules the spec activated.
	rules []string
}

// newFixture sets up spec's world. Its calls end when Ginkgo cancels sc
// (an interrupt, a timeout) or when the run's context is done.
func newFixture(sc SpecContext, spec Spec, r *suiteRun) *Fixture {
	ctx, cancel := context.WithCancelCause(sc)
	unhook := context.AfterFunc(r.ctx, func() { cancel(context.Cause(r.ctx)) })
	DeferCleanup(func() { unhook(); cancel(nil) })
	f := &Fixture{spec: spec, run: r, ctx: ctx, started: time.Now()}
	f.Scheme = pickScheme(r.has, spec.Session)
	f.App = r.ids.app(spec.Name)
	var err error
	for range 5 {
		if _, err = r.target.Control.PutApp(f.ctx, f.App); err == nil {
			break
		}
		// An id taken on a shared okmock: take the next.
		f.App = r.ids.app(spec.Name)
	}
	Expect(err).NotTo(HaveOccurred(), "register the spec's application in okmock")
	r.driver.ResetLogs()
	DeferCleanup(f.cleanup)
	return f
}

// cleanup removes what the spec added to okmock and, when the spec
// failed, attaches the driver's stderr to the report.
func (f *Fixture) cleanup() {
	if CurrentSpecReport().Failed() {
		if logs := f.run.driver.Logs(); logs != "" {
			AddReportEntry("driver stderr", logs)
		}
	}
	// The spec's own context may be cancelled already (an interrupt):
	// clean-up has one of its own.
	ctx, cancel := context.WithTimeout(context.Background(), cleanupWait)
	defer cancel()
	for _, id := range f.rules {
		_ = f.run.target.Control.RemoveRule(ctx, id) // gone already if the spec removed it
	}
	_ = f.run.target.Control.DeleteApp(ctx, f.App.Key)
}

// Config is the config object of an instruction. The application secret
// is left out when withSecret is false (a client that must not hold it).
func (f *Fixture) Config(withSecret bool) *protocol.Config {
	base := f.run.target.DriverURL
	c := &protocol.Config{
		APIServer:      base + "/",
		AuthorizeURL:   base + "/oauth/authorize",
		TokenURL:       base + "/oauth/token.do",
		ApplicationID:  f.appID(),
		ApplicationKey: f.App.Key,
		TimeoutMS:      f.run.figures.TimeoutMS,
		Retry:          f.run.figures.Retry,
	}
	if withSecret {
		c.ApplicationSecretKey = f.App.Secret
	}
	return c
}

// appID is the application's numeric id as OAuth sends it.
func (f *Fixture) appID() string { return strconv.FormatInt(f.App.ID, 10) }

// configFor is the config a scheme's client holds.
func (f *Fixture) configFor(scheme string) *protocol.Config {
	return f.Config(scheme != protocol.SignClient)
}

// Grant mints a session of the spec's application with scopes (the
// default ones when none).
func (f *Fixture) Grant(scopes ...string) control.SessionGrant {
	if len(scopes) == 0 {
		scopes = defaultScopes
	}
	g, err := f.run.target.Control.CreateSession(f.ctx, control.SessionSpec{ApplicationKey: f.App.Key, Scopes: scopes})
	Expect(err).NotTo(HaveOccurred(), "mint a session in okmock")
	return g
}

// SessionFor is what a client of scheme holds of g: the token, and the
// session secret for the client scheme. nil for the application scheme.
func SessionFor(scheme string, g control.SessionGrant) *protocol.Session {
	switch scheme {
	case protocol.SignServer:
		return &protocol.Session{AccessToken: g.AccessToken}
	case protocol.SignClient:
		return &protocol.Session{AccessToken: g.AccessToken, SessionSecretKey: g.SessionSecret}
	}
	return nil
}

// Rule activates a scenario rule scoped to the spec's application; it is
// removed when the spec ends.
func (f *Fixture) Rule(rule map[string]any) []control.RuleInfo {
	rules, err := f.run.target.Control.AddRule(f.ctx, f.App.Key, rule)
	Expect(err).NotTo(HaveOccurred(), "load a scenario rule into okmock")
	for _, r := range rules {
		f.rules = append(f.rules, r.ID)
	}
	return rules
}

// RemoveRules deactivates rules before the spec ends.
func (f *Fixture) RemoveRules(rules []control.RuleInfo) {
	Expect(f.run.target.Control.RemoveRules(f.ctx, rules)).To(Succeed(), "remove scenario rules")
}

// Send sends ins to the driver (with the spec's name, the deadline and,
// when not set, the config of its scheme) and answers the response; a
// failed exchange fails the spec.
func (f *Fixture) Send(ins *protocol.Instruction) *protocol.Response {
	ins.Spec = f.spec.Name
	if ins.Config == nil {
		ins.Config = f.configFor(ins.Sign)
	}
	deadline := f.run.figures.Deadline
	ins.DeadlineMS = deadline.Milliseconds()
	line, _ := json.Marshal(ins)
	GinkgoWriter.Printf("→ %s\n", clip(string(line), 600))
	resp, err := f.run.driver.Send(f.ctx, ins, deadline)
	if err != nil {
		// Not the driver's fault: the run was interrupted meanwhile.
		f.run.stopIfInterrupted()
	}
	Expect(err).NotTo(HaveOccurred(), "the driver must answer the %s instruction", ins.Type)
	out, _ := json.Marshal(resp)
	GinkgoWriter.Printf("← %s\n", clip(string(out), 600))
	return resp
}

// Call sends a call instruction in scheme, with a new session of the
// default scopes when the scheme has one.
func (f *Fixture) Call(scheme, method string, params map[string]string) *protocol.Response {
	var sess *protocol.Session
	if scheme != protocol.SignApplication {
		sess = SessionFor(scheme, f.Grant())
	}
	return f.CallWith(scheme, sess, method, params)
}

// CallWith sends a call instruction with the given session.
func (f *Fixture) CallWith(scheme string, sess *protocol.Session, method string, params map[string]string) *protocol.Response {
	if params == nil {
		params = map[string]string{}
	}
	return f.Send(&protocol.Instruction{Type: protocol.TypeCall, Sign: scheme, Session: sess, Method: method, Params: params})
}

// clip shortens s for logs.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("… (%d bytes)", len(s))
}

// idSource makes application ids and keys unique within a run and,
// through a random run prefix, across runs sharing one okmock.
type idSource struct {
	run  string // 6 random uppercase letters
	base int64
	n    atomic.Int64
}

func newIDSource() *idSource {
	var b [8]byte
	_, _ = rand.Read(b[:])
	letters := make([]byte, 6)
	for i := range letters {
		letters[i] = 'A' + b[i]%26
	}
	// Ids 9xx xxx xxx xxx: away from okmock's demo and example ranges.
	spread := (int64(b[6])<<8 | int64(b[7])) % 50000
	return &idSource{run: string(letters), base: 900_000_000_000 + spread*100_000}
}

// app is a fresh application definition for a spec.
func (s *idSource) app(spec string) control.App {
	n := s.n.Add(1)
	var secret [12]byte
	_, _ = rand.Read(secret[:])
	return control.App{
		ID:           s.base + n,
		Key:          fmt.Sprintf("CONF%s%04d", s.run, n),
		Secret:       hex.EncodeToString(secret[:]),
		Name:         "conformance " + spec,
		RedirectURIs: []string{redirectURI},
		Permissions:  []string{"VALUABLE_ACCESS", "LONG_ACCESS_TOKEN", "PHOTO_CONTENT", "GROUP_CONTENT", "GET_EMAIL"},
		ClientOAuth:  true,
		AutoApprove:  true,
	}
}
