package mock

import "strings"

var eventsHandlers = map[string]methodHandler{
	"events.get": eventsGet,
}

// event is one counter of events.get.
type event struct {
	UID     string `json:"uid"`
	Type    string `json:"type"`
	Number  int    `json:"number"`
	LastID  int64  `json:"lastId"`
	Message int    `json:"message"`
	Icon    int    `json:"icon"`
}

// eventsGet answers a bare array of the user's event counters, optionally
// only the `types` asked for.
func eventsGet(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	var want map[string]bool
	if t := c.params.Value("types"); t != "" {
		want = map[string]bool{}
		for _, name := range strings.Split(t, ",") {
			want[strings.ToLower(strings.TrimSpace(name))] = true
		}
	}
	out := []event{}
	for _, e := range c.world.Events(u.UID) {
		if want == nil || want[strings.ToLower(e.Type)] {
			out = append(out, event{u.UID, e.Type, e.Number, e.LastID, e.Message, e.Icon})
		}
	}
	return out, nil
}
