package mock

import (
	"strconv"
	"strings"
)

// boolParam reads a boolean parameter ("true"/"false" in any case, as the
// catalogue validates them); absent or empty gives def.
func (c *apiCall) boolParam(name string, def bool) bool {
	v := c.params.Value(name)
	if v == "" {
		return def
	}
	return strings.EqualFold(v, "true")
}

// int64Param reads an integer parameter the catalogue has validated;
// absent or empty gives def, and ok reports whether it was sent.
func (c *apiCall) int64Param(name string, def int64) (n int64, ok bool) {
	v := strings.TrimSpace(c.params.Value(name))
	if v == "" {
		return def, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return def, false
	}
	return n, true
}
