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
// spec means the suite lost a tooth. README.md's table is made from these.
type flaw struct {
	name string
	// does is what the broken client does wrong.
	does string
	// caught are the specs that must fail.
	caught []string
	// spared, when set instead, are the only specs that must pass: for
	// flaws that break every call of some kind.
	spared []string
	// why explains the list, when it is not obvious.
	why string
}

// flaws are the broken drivers of broken.py.
var flaws = []flaw{{
	name: "sort_pairs", does: `sorts the "key=value" strings instead of the keys`,
	caught: []string{"required/signature/*/sort-by-key"},
	why:    "only comment2= sorts before comment=; no other spec has such keys",
}, {
	name: "token_in_sig", does: "signs access_token with the other parameters",
	spared: []string{
		"required/signature/application/*", "required/secrets/application/*", "required/application-key/application/*",
		"required/oauth/*/*", "recommended/no-retry/104-signature",
	},
	why: "every call with a session answers 104; calls without one, token.do and a scripted 104 are unaffected",
}, {
	name: "latin1", does: "signs the Latin-1 bytes of the signing string",
	caught: []string{
		"required/signature/*/cyrillic", "required/signature/*/emoji", "required/signature/*/json-value",
		"required/secrets/*/*", "required/application-key/*/*",
		"recommended/post/large-write", "recommended/photo/chain-order",
	},
	why: "every call with non-Latin-1 text: Cyrillic and emoji values, the long Cyrillic text of the secret and POST specs, the photo's caption",
}, {
	name: "leak_app_secret", does: "sends application_secret_key on REST calls",
	caught: []string{
		"required/secrets/server/application-secret-never-sent", "required/secrets/application/application-secret-never-sent",
	},
	why: "the journal's secret flags; a client-scheme client does not hold the secret; token.do's client_secret is legitimate",
}, {
	name: "leak_session_secret", does: "sends session_secret_key on client-scheme calls",
	caught: []string{"required/secrets/client/session-secret-never-sent"},
}, {
	name: "ignore_error_code", does: "returns an HTTP 200 error body as the result",
	caught: []string{
		"required/errors/*", "recommended/refresh/*", "recommended/retry/service-2/*",
		"recommended/retry/flood-8/*", "recommended/no-retry/*",
	},
	why: "every spec expecting an OK error, and the refresh and retry specs that act on one; an HTTP 5xx is still an error",
}, {
	name: "retry_104", does: "retries 104 PARAM_SIGNATURE",
	caught: []string{"recommended/no-retry/104-signature"},
}, {
	name: "no_backoff", does: "retries without waiting",
	caught: []string{"recommended/retry/*/*"},
}, {
	name: "extra_retry", does: "makes max_attempts + 1 attempts",
	caught: []string{"recommended/retry/*/gives-up"},
	why:    "a call that recovers stops before the extra attempt",
}, {
	name: "ignore_state", does: "accepts a callback whatever its state, and calls token.do",
	caught: []string{"required/oauth/*/*-state-refused"},
}, {
	name: "no_application_key", does: "leaves application_key out of REST calls",
	spared: []string{"required/oauth/*/*"},
	why:    "okmock refuses every REST call without it (101); only the OAuth specs make none",
}, {
	name: "drop_empty", does: "drops empty parameters (and signs without them)",
	caught: []string{"required/signature/*/empty-value"},
	why:    "the signature still matches: the journal shows the parameter missing",
}, {
	name: "get_always", does: "sends every call as GET, however long",
	caught: []string{"recommended/post/large-write"},
	why:    "the secret specs' long call still works as GET on okmock",
}, {
	name: "no_refresh", does: "claims auto_refresh but answers 102 without refreshing",
	caught: []string{"recommended/refresh/*"},
}, {
	name: "no_timeout", does: "waits for an answer however long it takes",
	caught: []string{"recommended/timeout/hung-server"},
}, {
	name: "no_redirect_uri", does: "leaves redirect_uri out of the code exchange",
	caught: []string{
		"required/oauth/code/callback-exchanges-code", "required/oauth/code/redirect-uri-sent-unchanged",
		"required/oauth/code/exchange-code",
	},
}, {
	name: "raw_on_bad_json", does: "returns the raw body text when it is not JSON",
	caught: []string{"hostile/malformed-json", "hostile/wrong-content-type"},
	why:    "a truncated body fails before parsing, and a 404 page is an HTTP error",
}}

// TestBrokenDriversFailExactlyTheirSpecs runs the whole suite against each
// broken driver, each in its own process, and compares the failed specs
// with the ones that must catch the flaw.
func TestBrokenDriversFailExactlyTheirSpecs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 17 full runs of the suite take about a minute")
	}
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
