package conformance

import (
	"slices"
	"strings"

	"github.com/okmock/okmock/conformance/protocol"
)

// SuiteName is how the suite introduces itself in hello.
const SuiteName = "okmock-conformance 1"

// Tier says how much a spec matters.
type Tier string

// The tiers, also the specs' Ginkgo labels.
const (
	// Required: what OK itself enforces or documents; a client that fails
	// one is broken against the real API.
	Required Tier = "required"
	// Recommended: what keeps a client working in production (refresh,
	// retries, timeouts, big writes, the photo chain).
	Recommended Tier = "recommended"
	// Hostile: a broken server; the client must report an error, not crash
	// or return garbage.
	Hostile Tier = "hostile"
)

// Spec is one check of the suite.
type Spec struct {
	// Name is path-like and unique: tier/area/.../case.
	Name string
	// Tier is the spec's tier.
	Tier Tier
	// Fact is the behaviour of OK (or of a sound client) the spec enforces,
	// with where it comes from.
	Fact string
	// Needs lists the features the driver must claim; without them the
	// spec is skipped.
	Needs []protocol.Feature
	// Calls marks specs that need some signed call, in whichever scheme
	// the driver claims first (server, client, application); Session
	// narrows that to a user session (server or client).
	Calls, Session bool
	// run is the spec's body.
	run func(f *Fixture)
}

// Labels are the spec's Ginkgo labels: its tier and the features it needs.
func (s Spec) Labels() []string {
	out := []string{string(s.Tier)}
	for _, n := range s.Needs {
		out = append(out, string(n))
	}
	return out
}

// Catalogue is every spec of the suite, in the order they run.
func Catalogue() []Spec {
	var all []Spec
	for _, group := range [][]Spec{
		signatureSpecs(), secretSpecs(), errorSpecs(), resultSpecs(), oauthSpecs(),
		refreshSpecs(), retrySpecs(), resilienceSpecs(), hostileSpecs(),
	} {
		all = append(all, group...)
	}
	return all
}

// schemePreference is the order in which a scheme is picked for specs
// that only need some call.
var schemePreference = []string{protocol.SignServer, protocol.SignClient, protocol.SignApplication}

// missing names what the driver lacks for s, or "" when it can run.
func (s Spec) missing(has func(protocol.Feature) bool) string {
	var lack []string
	for _, n := range s.Needs {
		if !has(n) {
			lack = append(lack, string(n))
		}
	}
	if len(lack) > 0 {
		return "the driver does not claim " + strings.Join(lack, ", ")
	}
	if s.Calls || s.Session {
		if pickScheme(has, s.Session) == "" {
			if s.Session {
				return "the driver claims no session scheme (sign_server or sign_client)"
			}
			return "the driver claims no signing scheme"
		}
	}
	return ""
}

// pickScheme is the first scheme the driver claims, among session schemes
// only when session is true.
func pickScheme(has func(protocol.Feature) bool, session bool) string {
	for _, s := range schemePreference {
		if session && s == protocol.SignApplication {
			continue
		}
		if has(protocol.SchemeFeature(s)) {
			return s
		}
	}
	return ""
}

// specNames is the names of specs, for checks on lists given by users.
func specNames(specs []Spec) []string {
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.Name
	}
	slices.Sort(out)
	return out
}
