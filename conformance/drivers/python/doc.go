// Package python holds the kit's Python drivers and the Go tests that run
// the conformance suite against them.
//
// okclient.py is a small OK client in Python 3's standard library;
// driver.py wraps it in the driver protocol (PROTOCOL.md), so the suite
// proves the protocol is language-neutral. minimal_driver.py is the
// "driver in under 60 lines" example. broken.py holds deliberately broken
// clients (driver.py --break NAME): broken_test.go checks that each fails
// exactly the specs meant to catch it, so the suite cannot silently lose
// its teeth.
//
// The tests need python3; without it they skip, unless OKMOCK_REQUIRE_ALL=1.
package python
