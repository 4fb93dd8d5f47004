package world

import "strings"

// keep copies a string the world is about to store. The server hands the
// world parameters that are slices of the whole request body (parsing
// copies nothing), so storing one as it is would keep every byte of that
// request alive for as long as the object lives: writes would cost memory
// in proportion to what clients sent, not to what was written.
func keep(s string) string { return strings.Clone(s) }
