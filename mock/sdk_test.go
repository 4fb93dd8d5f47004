package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// Notes sent in the application land in the recipient's box, which
// sdk.getNotes reads (by the recipient's sdkToken or uid) and
// sdk.resetNotes empties.
func TestNotesAreReadBack(t *testing.T) {
	ts, tok := newWriteServer(t)
	friend := ts.sessionOf(world.ExampleFriendID, "VALUABLE_ACCESS")
	var sdk struct {
		SessionKey string `json:"session_key"`
	}
	ts.ok("", callParams("sdk.init", "session_data", `{"version":2,"device_id":"d1","client_type":"SDK_ANDROID"}`), &sdk)

	var box struct{ Result int }
	for i, text := range []string{"Подарок", "Ещё подарок"} {
		ts.ok(tok, callParams("sdk.sendNote", "note", `{"uid":"`+world.ExampleFriendID+`","text":"`+text+`","payload":"gift"}`), &box)
		if box.Result != i+1 {
			t.Fatalf("box holds %d after note %d", box.Result, i+1)
		}
	}
	// The friend's first sdk call in their session binds the token to them.
	ts.ok(friend, callParams("sdk.resetNotes", "sdkToken", sdk.SessionKey, "timestamp", "1"), &box)
	if box.Result != 0 {
		t.Errorf("resetNotes before 1970 removed %d", box.Result)
	}
	var notes struct {
		Notes []struct {
			UID, Text, Payload string
		}
	}
	ts.ok("", callParams("sdk.getNotes", "sdkToken", sdk.SessionKey), &notes)
	if len(notes.Notes) != 2 || notes.Notes[0].UID != world.DefaultUserID || notes.Notes[0].Payload != "gift" {
		t.Fatalf("getNotes by sdkToken: %+v", notes.Notes)
	}
	ts.ok(friend, callParams("sdk.resetNotes"), &box)
	if box.Result != 2 {
		t.Errorf("resetNotes removed %d, want 2", box.Result)
	}
	ts.ok("", callParams("sdk.getNotes", "uid", world.ExampleFriendID), &notes)
	if len(notes.Notes) != 0 {
		t.Errorf("notes after resetNotes: %+v", notes.Notes)
	}
	ts.fails(CodeParam, "", callParams("sdk.getNotes", "sdkToken", "nope"))
	ts.fails(CodeUserID, tok, callParams("sdk.sendNote", "note", `{"uid":"1","text":"x"}`))
}

// Statistics add up per application; malformed entries are reported by
// their index and not counted.
func TestStatsAreCounted(t *testing.T) {
	ts, tok := newWriteServer(t)
	batch := `{"time":1,"version":"1","stats":[{"id":"launch","type":"counter","data":["2"]},` +
		`{"id":"","type":"counter","data":["1"]},{"id":"level","type":"select","data":["3"]},{"id":"x","type":"odd","data":["1"]}]}`
	var rep statsReport
	for range 2 {
		ts.ok(tok, callParams("sdk.reportStats", "stats", batch), &rep)
	}
	if rep.Processed != 2 || len(rep.Errors) != 2 || rep.Errors["1"] == "" || rep.Errors["3"] == "" {
		t.Errorf("report: %+v", rep)
	}
	_, w := ts.srv.state()
	if got := w.Stats(DemoApp().Key); got["launch"] != 4 || got["level"] != 2 || len(got) != 2 {
		t.Errorf("counters: %v", got)
	}
}
