// Package conformance is okmock's conformance kit: a Ginkgo suite that
// checks an OK client library, in any language, through a small driver
// program speaking the protocol of PROTOCOL.md.
//
// Per spec the suite prepares okmock through its control API (a fresh
// application, sessions, scenario rules scoped to that application), sends
// the driver one instruction, and checks both the driver's result and what
// okmock's journal saw on the wire. Specs carry a tier (required,
// recommended, hostile) as a Ginkgo label and the fact they enforce; specs
// that need a feature the driver does not claim are skipped.
//
// Two ways in:
//
//   - okmock-conformance --client 'CMD ARGS' (Main, as the command
//     cmd/okmock-conformance; okmock conformance runs that command): the
//     suite against any driver, with an embedded okmock or --target URL,
//     Ginkgo filtering, a known-failing list, JUnit and JSON reports.
//   - go test ./conformance/...: the suite against the Go reference
//     driver (package refdriver), in memory.
//
// Ginkgo runs one suite per process; RunInChild runs Main in a child
// process so that a Go test can check many drivers (see README.md).
package conformance
