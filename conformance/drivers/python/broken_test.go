package python_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// flaw is one broken driver (driver.py --break name) and the specs that
// must catch it, as path.Match patterns over spec names. Every other spec
// must pass: a broken driver that fails an unrelated spec means a spec
// judges something it does not claim to, and one that passes a listed
// spec means the suite lost a tooth.
type flaw struct {
	name string
	// caught are the specs that must fail.
	caught []string
	// spared, when set instead, are the only specs that must pass: for
	// flaws that break every call of some kind.
	spared []string
}

// flaws are the broken drivers of broken.py with what catches each, and
// why.
var flaws = []flaw{
	// Sorting "key=value" strings puts comment2= before comment=.
	{name: "sort_pairs", caught: []string{"required/signature/*/sort-by-key"}},
	// Every call with a session answers 104; calls without one, token.do
	// and a scripted 104 are unaffected.
	{name: "token_in_sig", spared: []string{
		"required/signature/application/*", "required/secrets/application/*", "required/application-key/application/*",
		"required/oauth/*/*", "recommended/no-retry/104-signature",
	}},
	// Non-Latin-1 text signs as "?": Cyrillic and emoji parameters, the
	// long Cyrillic text of the secret and POST specs, the photo's caption.
	{name: "latin1", caught: []string{
		"required/signature/*/cyrillic", "required/signature/*/emoji", "required/signature/*/json-value",
		"required/secrets/*/*", "required/application-key/*/*",
		"recommended/post/large-write", "recommended/photo/chain-order",
	}},
	// The journal's secret flags: only schemes whose client holds the
	// application secret can leak it.
	{name: "leak_app_secret", caught: []string{
		"required/secrets/server/application-secret-never-sent", "required/secrets/application/application-secret-never-sent",
	}},
	{name: "leak_session_secret", caught: []string{"required/secrets/client/session-secret-never-sent"}},
	// An error returned as data: every spec expecting an OK error, and the
	// refresh and retry specs that act on one. HTTP 5xx is still an error.
	{name: "ignore_error_code", caught: []string{
		"required/errors/*", "recommended/refresh/*", "recommended/retry/service-2/*",
		"recommended/retry/flood-8/*", "recommended/no-retry/*",
	}},
	{name: "retry_104", caught: []string{"recommended/no-retry/104-signature"}},
	{name: "no_backoff", caught: []string{"recommended/retry/*/*"}},
	{name: "extra_retry", caught: []string{"recommended/retry/*/gives-up"}},
	{name: "ignore_state", caught: []string{"required/oauth/*/*-state-refused"}},
	// okmock refuses every REST call without application_key (101); only
	// the OAuth specs make none.
	{name: "no_application_key", spared: []string{"required/oauth/*/*"}},
	{name: "drop_empty", caught: []string{"required/signature/*/empty-value"}},
	{name: "get_always", caught: []string{"recommended/post/large-write"}},
	{name: "no_refresh", caught: []string{"recommended/refresh/*"}},
	{name: "no_timeout", caught: []string{"recommended/timeout/hung-server"}},
	{name: "no_redirect_uri", caught: []string{
		"required/oauth/code/callback-exchanges-code", "required/oauth/code/redirect-uri-sent-unchanged",
		"required/oauth/code/exchange-code",
	}},
	// A truncated body is a transport error before any parsing, and a 404
	// page an HTTP error: only the 200 answers that are not JSON get through.
	{name: "raw_on_bad_json", caught: []string{"hostile/malformed-json", "hostile/wrong-content-type"}},
}

// TestBrokenDriversFailExactlyTheirSpecs runs the whole suite against each
// broken driver, each in its own process, and compares the failed specs
// with the ones that must catch the flaw.
func TestBrokenDriversFailExactlyTheirSpecs(t *testing.T) {
	py := python3(t)
	driver := script(t, "driver.py")
	for _, fl := range flaws {
		t.Run(fl.name, func(t *testing.T) {
			t.Parallel()
			run := childRun{Argv: []string{py, driver, "--break", fl.name}}
			expect(t, run, runSuite(t, run), expectation{caught: fl.caught, spared: fl.spared})
		})
	}
}

// TestEveryFlawIsChecked keeps broken.py and the table above in step.
func TestEveryFlawIsChecked(t *testing.T) {
	py := python3(t)
	out, err := exec.Command(py, script(t, "driver.py"), "--list-breaks").Output()
	if err != nil {
		t.Fatal(err)
	}
	var inGo []string
	for _, fl := range flaws {
		inGo = append(inGo, fl.name)
	}
	inPython := strings.Fields(string(out))
	slices.Sort(inGo)
	if !slices.Equal(inPython, inGo) {
		t.Errorf("broken.py has %v, broken_test.go checks %v", inPython, inGo)
	}
}
