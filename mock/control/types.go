package control

import (
	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/scenarios"
)

// The control API's wire types, shared with the server.
type (
	// App is an application registered with okmock.
	App = mock.App
	// SessionSpec asks for a session: application, user, scopes, lifetime.
	SessionSpec = mock.SessionSpec
	// SessionGrant is a minted session's credentials.
	SessionGrant = mock.SessionGrant
	// Health is okmock's health answer.
	Health = mock.Health
	// JournalEntry is one request okmock answered, secrets masked.
	JournalEntry = mock.JournalEntry
	// SecretsSeen flags the kinds of secret a request carried.
	SecretsSeen = mock.SecretsSeen
	// Filter selects journal entries; zero fields match everything. Token
	// may be the full access token or its masked journal form.
	Filter = mock.JournalFilter
	// RuleInfo describes an active scenario rule.
	RuleInfo = scenarios.RuleInfo
	// LibraryEntry describes a ready-made scenario of the library.
	LibraryEntry = mock.LibraryEntry
)
