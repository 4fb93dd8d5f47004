package world

import "time"

// bumpEventLocked counts one more new thing of a type in the user's
// events.get counters (a guest, an application notification), so that
// what writes deliver shows where OK announces it.
func (w *World) bumpEventLocked(uid, typ string, at time.Time) {
	events := w.events.byUser[uid]
	for i := range events {
		if events[i].Type == typ {
			events[i].Number++
			events[i].LastID = at.UnixMilli()
			events[i].Icon = 1
			return
		}
	}
}
