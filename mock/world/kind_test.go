package world

import (
	"encoding/json"
	"testing"
)

// testNotes is an extension kind, defined the way future kinds (bookmarks,
// likes, videos) will be: in a file of its own, with no change to the core.
type testNotes struct {
	ByID map[string]testNote `json:"by_id"`
}

type testNote struct {
	Owner string `json:"owner"`
	Text  string `json:"text"`
}

func init() {
	registerKind("test_notes", func() extension { return &testNotes{ByID: map[string]testNote{}} })
}

func (n *testNotes) has(id string) bool { _, ok := n.ByID[id]; return ok }

func (n *testNotes) populate(g *generator) {
	n.ByID[g.randomID(seededShort)] = testNote{Owner: DefaultUserID, Text: g.pick(statuses)}
}

func (n *testNotes) forget(kind, id string) {
	if kind != "user" {
		return
	}
	for nid, note := range n.ByID {
		if note.Owner == id {
			delete(n.ByID, nid)
		}
	}
}

func (n *testNotes) save() any { return n.ByID }

func (n *testNotes) load(data json.RawMessage) error {
	n.ByID = map[string]testNote{}
	return json.Unmarshal(data, &n.ByID)
}

// addTestNote is how an extension's write looks: under the world's lock,
// with an id from the world's counter.
func (w *World) addTestNote(owner, text string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	id := w.newIDLocked(shortID)
	w.ext["test_notes"].(*testNotes).ByID[id] = testNote{owner, text}
	return id
}

func (w *World) testNotesOf(owner string) int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	n := 0
	for _, note := range w.ext["test_notes"].(*testNotes).ByID {
		if note.Owner == owner {
			n++
		}
	}
	return n
}

func TestExtensionKindsArePopulatedSavedAndCascaded(t *testing.T) {
	w := newTestWorld(t, 51)
	if w.testNotesOf(DefaultUserID) != 1 {
		t.Fatal("populate did not run")
	}
	id := w.addTestNote(ExampleFriendID, "заметка")
	if aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: DefaultUserID, Title: "x"})); aid == id {
		t.Error("an album took a note's id")
	}

	r, err := Restore(snapshot(t, w))
	if err != nil {
		t.Fatal(err)
	}
	if r.testNotesOf(ExampleFriendID) != 1 || r.testNotesOf(DefaultUserID) != 1 {
		t.Error("notes were not restored")
	}
	must(t, r.RemoveUser(ExampleFriendID))
	if r.testNotesOf(ExampleFriendID) != 0 {
		t.Error("removing a user did not reach the extension")
	}
}

func TestRegisteringAKindTwicePanics(t *testing.T) {
	for _, name := range []string{"test_notes", "users"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("registering %q again did not panic", name)
				}
			}()
			registerKind(name, func() extension { return &testNotes{} })
		}()
	}
}
