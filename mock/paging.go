package mock

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// page is one page of a list, as OK pages them: an opaque anchor to pass
// back for the next page, and whether there is more.
type page struct {
	start, end int
	anchor     string
	hasMore    bool
}

// anchorPrefix marks okmock's anchors; they are opaque to clients.
const anchorPrefix = "okmock:"

// paginate reads `count` and the anchor parameter (named anchorParam) and
// cuts a list of n items. An absurd count is clamped, not refused (OK
// clamps too); a malformed anchor is 100 PARAM.
func (c *apiCall) paginate(n int, anchorParam string, defCount, maxCount int) (page, *Error) {
	count := defCount
	if v := c.params.Value("count"); v != "" {
		k, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return page{}, errParam("Invalid parameter count value %s", v)
		}
		count = max(1, min(k, maxCount))
	}
	start := 0
	if a := c.params.Value(anchorParam); a != "" {
		off, ok := decodeAnchor(a)
		if !ok {
			return page{}, errParam("Invalid anchor %s", a)
		}
		start = min(off, n)
	}
	end := min(start+count, n)
	p := page{start: start, end: end, hasMore: end < n}
	p.anchor = encodeAnchor(end)
	return p, nil
}

func encodeAnchor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(anchorPrefix + strconv.Itoa(offset)))
}

func decodeAnchor(a string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(a, "="))
	if err != nil {
		return 0, false
	}
	s, ok := strings.CutPrefix(string(b), anchorPrefix)
	if !ok {
		return 0, false
	}
	off, err := strconv.Atoi(s)
	if err != nil || off < 0 {
		return 0, false
	}
	return off, true
}
