// Package protocol holds the messages of the okmock conformance driver
// protocol (conformance/PROTOCOL.md, version 1) as Go types: what the suite
// sends a driver and what the driver answers. The suite and the Go
// reference driver both use them; drivers in other languages follow the
// document and protocol.schema.json.
package protocol
