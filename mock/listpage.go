package mock

import (
	"strconv"
	"strings"
	"time"
)

// Paging directions of OK's anchored lists.
const (
	dirForward  = "FORWARD"
	dirBackward = "BACKWARD"
	dirAround   = "AROUND"
)

// listPage cuts a list of n items the way OK's anchored lists page: the
// `anchor` (an okmock anchor, or FIRST, LAST or UNREAD in discussions),
// the `direction` (FORWARD by default, BACKWARD from LAST) and `count`.
// The anchor it returns continues in the same direction; hasMore says
// whether that direction holds more.
func (c *apiCall) listPage(n, defCount, maxCount int) (page, *Error) {
	count := defCount
	if v := c.params.Value("count"); v != "" {
		k, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return page{}, errParam("Invalid parameter count value %s", v)
		}
		count = max(1, min(k, maxCount))
	}
	off, dir := 0, dirForward
	switch a := c.params.Value("anchor"); a {
	case "", "FIRST", "UNREAD":
	case "LAST":
		off, dir = n, dirBackward
	default:
		k, ok := decodeAnchor(a)
		if !ok {
			return page{}, errParam("Invalid anchor %s", a)
		}
		off = min(k, n)
	}
	if d := strings.ToUpper(c.params.Value("direction")); d != "" {
		dir = d
	}
	p := page{}
	switch dir {
	case dirForward:
		p.start, p.end = off, min(off+count, n)
		p.anchor, p.hasMore = encodeAnchor(p.end), p.end < n
	case dirBackward:
		p.start, p.end = max(0, off-count), off
		p.anchor, p.hasMore = encodeAnchor(p.start), p.start > 0
	case dirAround:
		p.start = max(0, off-count/2)
		p.end = min(p.start+count, n)
		p.anchor, p.hasMore = encodeAnchor(p.end), p.end < n
	default:
		return page{}, errParam("Invalid parameter direction value %s", c.params.Value("direction"))
	}
	return p, nil
}

// pagedObjects renders one page of items as {key: [...], "anchor": ...,
// "has_more": ...}, the shape of OK's anchored lists.
func pagedObjects[T any](key string, items []T, p page, render func(T) object) object {
	rows := make([]object, 0, p.end-p.start)
	for _, item := range items[p.start:p.end] {
		rows = append(rows, render(item))
	}
	return object{{key, rows}, {"anchor", p.anchor}, {"has_more", p.hasMore}}
}

// okDateLayout is how OK writes local times in results.
const okDateLayout = "2006-01-02 15:04:05"

// okDate writes t as OK does: Moscow time, to the second.
func okDate(t time.Time) string { return t.In(moscow).Format(okDateLayout) }
