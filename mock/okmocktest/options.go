package okmocktest

import (
	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/world"
	"github.com/okmock/okmock/scenarios"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	opts mock.Options
	tls  bool
}

// WithSeed fixes the world: the same seed gives byte-identical responses.
func WithSeed(seed int64) Option { return func(c *config) { c.opts.Seed = seed } }

// WithApps registers applications besides the demo one. The first is the
// application Session mints credentials for.
func WithApps(apps ...mock.App) Option {
	return func(c *config) { c.opts.Apps = append(c.opts.Apps, apps...) }
}

// WithUsers adds users to the seeded world.
func WithUsers(users ...world.User) Option {
	return func(c *config) { c.opts.Users = append(c.opts.Users, users...) }
}

// WithSessions declares fixed sessions, so a test can hard-code tokens.
func WithSessions(sessions ...mock.SessionSpec) Option {
	return func(c *config) { c.opts.Sessions = append(c.opts.Sessions, sessions...) }
}

// WithScenarios makes scenarios active from the start (see the scenarios
// package; scenarios.Named gives the library's).
func WithScenarios(docs ...*scenarios.Document) Option {
	return func(c *config) { c.opts.Scenarios = append(c.opts.Scenarios, docs...) }
}

// WithClock sets the time source; expiry is measured on it plus whatever
// Mock.Advance added.
func WithClock(clock mock.Clock) Option { return func(c *config) { c.opts.Clock = clock } }

// WithTLS makes Start serve HTTPS under the real OK host names.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithOptions edits the server options directly, for anything the other
// options do not cover (limits, OAuth variants, the journal).
func WithOptions(edit func(*mock.Options)) Option { return func(c *config) { edit(&c.opts) } }
