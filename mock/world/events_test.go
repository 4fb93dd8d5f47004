package world

import (
	"slices"
	"testing"
)

func TestEveryUserHasEveryEventCounter(t *testing.T) {
	w := newTestWorld(t, 21)
	nonZero := 0
	for _, uid := range w.UserIDs() {
		events := w.Events(uid)
		if len(events) != len(eventTypes) {
			t.Fatalf("%s has %d counters", uid, len(events))
		}
		for i, e := range events {
			if e.Type != eventTypes[i].name || e.Number < 0 || e.Number > eventTypes[i].max {
				t.Errorf("%s: counter %+v", uid, e)
			}
			if (e.Number == 0) != (e.LastID == 0) {
				t.Errorf("%s: counter %+v has a last id without events or the reverse", uid, e)
			}
			if e.Number > 0 {
				nonZero++
			}
		}
	}
	if nonZero == 0 {
		t.Error("every counter is zero")
	}
}

func TestEventsOfANewUserDoNotDependOnEarlierWrites(t *testing.T) {
	a, b := newTestWorld(t, 21), newTestWorld(t, 21)
	must(t, a.PutUser(User{UID: "100000000009", FirstName: "Первый", LastName: "Первов"}))
	must(t, b.SetStatus(DefaultUserID, "другая история"))
	must(t, b.PutUser(User{UID: "100000000008", FirstName: "Второй", LastName: "Второв"}))
	must(t, b.PutUser(User{UID: "100000000009", FirstName: "Первый", LastName: "Первов"}))
	if !slices.Equal(a.Events("100000000009"), b.Events("100000000009")) {
		t.Error("a user's counters depend on what was written before")
	}
	differs := false
	for _, uid := range a.UserIDs() {
		differs = differs || !slices.Equal(seededEvents(21, uid), seededEvents(22, uid))
	}
	if !differs {
		t.Error("counters do not depend on the seed")
	}
}

func TestSetEvents(t *testing.T) {
	w := newTestWorld(t, 21)
	want := []Event{{Type: EventMessages, Number: 3, LastID: 12, Message: 1, Icon: 1}}
	must(t, w.SetEvents(DefaultUserID, want))
	want[0].Number = 99
	if got := w.Events(DefaultUserID); len(got) != 1 || got[0].Number != 3 {
		t.Errorf("Events = %+v", got)
	}
	if err := w.SetEvents("1", nil); err == nil {
		t.Error("SetEvents of an unknown user succeeded")
	}
	if err := w.SetEvents(DefaultUserID, []Event{{Type: "", Number: 1}}); err == nil {
		t.Error("SetEvents accepted a counter without a type")
	}
}
