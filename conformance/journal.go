package conformance

import (
	"fmt"
	"strings"
	"time"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/mock/control"
)

// Journal endpoints.
const (
	endpointAPI       = "api"
	endpointToken     = "token"
	endpointAuthorize = "authorize"
	endpointUpload    = "upload"
)

// journalSettle is how long the suite waits for the journal to stop
// growing: okmock records a request just after answering it, so a fast
// driver can report before the entry is there.
const journalSettle = 25 * time.Millisecond

// Journal reads okmock's journal entries of the spec's application that
// flt selects, oldest first, once they stop changing. Token endpoint
// requests are found by client_id: okmock leaves the application key out
// of those a scenario answered.
func (f *Fixture) Journal(flt control.Filter) []control.JournalEntry {
	if flt.Endpoint == endpointToken {
		return f.settled(control.Filter{Endpoint: endpointToken, Params: map[string]string{"client_id": f.appID()}})
	}
	byKey := f.settled(withKey(flt, f.App.Key))
	if flt.Endpoint != "" {
		return byKey
	}
	tokens := f.Journal(control.Filter{Endpoint: endpointToken})
	seen := map[uint64]bool{}
	for _, e := range byKey {
		seen[e.ID] = true
	}
	for _, e := range tokens {
		if !seen[e.ID] {
			byKey = append(byKey, e)
		}
	}
	return byID(byKey)
}

func withKey(flt control.Filter, key string) control.Filter {
	flt.ApplicationKey = key
	return flt
}

// settled reads entries until two reads agree.
func (f *Fixture) settled(flt control.Filter) []control.JournalEntry {
	var prev []control.JournalEntry
	give := time.Now().Add(time.Second)
	for {
		got, err := f.run.target.Control.Requests(f.ctx, flt)
		Expect(err).NotTo(HaveOccurred(), "read okmock's journal")
		if prev != nil && len(got) == len(prev) || time.Now().After(give) {
			return got
		}
		prev = got
		time.Sleep(journalSettle)
	}
}

// Endpoint reads the spec's journal entries of one endpoint.
func (f *Fixture) Endpoint(endpoint string) []control.JournalEntry {
	return f.Journal(control.Filter{Endpoint: endpoint})
}

// describe renders entries for failure messages.
func describe(entries []control.JournalEntry) string {
	if len(entries) == 0 {
		return "(okmock saw no request of this application)"
	}
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, "\n  #%d %s %s %s", e.ID, e.Endpoint, e.HTTPMethod, e.Path)
		if e.Method != "" {
			fmt.Fprintf(&b, " method=%s", e.Method)
		}
		if e.Scheme != "" {
			fmt.Fprintf(&b, " signed=%s", e.Scheme)
		}
		if e.SignatureError != "" {
			fmt.Fprintf(&b, " signature_error=%q", e.SignatureError)
		}
		if e.ErrorCode != 0 {
			fmt.Fprintf(&b, " error_code=%d", e.ErrorCode)
		}
		if e.OAuthError != "" {
			fmt.Fprintf(&b, " oauth_error=%s", e.OAuthError)
		}
		if e.Fault != "" {
			fmt.Fprintf(&b, " fault=%s", e.Fault)
		}
		if e.Secrets.Any() {
			fmt.Fprintf(&b, " SECRETS=%+v", e.Secrets)
		}
		if len(e.ScenarioRules) > 0 {
			fmt.Fprintf(&b, " rules=%v", e.ScenarioRules)
		}
	}
	return b.String()
}

// waits are the pauses a client made between consecutive attempts: the
// time from one request's arrival to the next, less the time okmock took
// to answer the first. Journal times are okmock's clock, which runs with
// the wall clock unless a test moves it.
func waits(entries []control.JournalEntry) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(entries); i++ {
		gap := entries[i].Time.Sub(entries[i-1].Time)
		out = append(out, gap-time.Duration(entries[i-1].LatencyMicros)*time.Microsecond)
	}
	return out
}
