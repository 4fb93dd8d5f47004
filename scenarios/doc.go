// Package scenarios scripts OK API failures for okmock: a versioned YAML (or
// JSON) format of rules, a loader that validates it with file:line:field
// diagnostics, a thread-safe rule engine the server consults on every
// request, and an embedded library of ready-to-use named scenarios.
//
// A rule says which calls it matches (endpoint, OK method glob, application
// key, token, uid, parameters), when among those calls it fires (nth, first,
// every, after, probability, time windows) and what it does (an OK error, an
// OAuth error, a raw HTTP answer, a delay, a transport fault, a token action,
// a rate limit). The engine never touches HTTP: Evaluate returns an Outcome
// that the server applies. README.md in this directory is the format
// reference.
package scenarios
