package world

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func storeTopic(id, author, group string, created time.Time, media ...string) Topic {
	t := Topic{ID: id, AuthorUID: author, GroupID: group, Type: TopicUser, Created: created}
	if group != "" {
		t.Type = TopicGroupTheme
	}
	for _, m := range media {
		t.Media = append(t.Media, json.RawMessage(m))
	}
	return t
}

func TestTopicStoreGivesBackWhatWasPut(t *testing.T) {
	s := newTopicStore()
	cases := []Topic{
		storeTopic("57500000000001", "575000000001", "", testNow, `{"type":"text","text":"Привет, мир"}`, `{"type":"link","url":"https://ok.ru"}`),
		storeTopic("57500000000002", "575000000001", "575000000900", testNow.Add(time.Millisecond), `{"type":"text","text":""}`),
		// Ids the world never makes still work: a leading zero, letters.
		storeTopic("0123", "u1", "", time.Time{}, `{}`),
		storeTopic("note-1", "u1", "", testNow.Add(-time.Hour)),
		{ID: "9", AuthorUID: "u2", Type: "FUTURE_TYPE", Created: time.Unix(1, 999_999_999).UTC(), Media: []json.RawMessage{}},
	}
	for _, c := range cases {
		s.put(c)
	}
	for _, want := range cases {
		got, ok := s.get(want.ID)
		if !ok {
			t.Fatalf("get(%q) found nothing", want.ID)
		}
		if len(want.Media) == 0 {
			want.Media = nil // an empty media list comes back as nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("get(%q) = %+v, want %+v", want.ID, got, want)
		}
	}
	if _, ok := s.get("57500000000003"); ok {
		t.Error("get of an id never put found a topic")
	}
	// A caller that changes what it got changes nothing stored.
	got, _ := s.get("57500000000001")
	got.Media[0][2] = 'X'
	again, _ := s.get("57500000000001")
	if string(again.Media[0]) != string(cases[0].Media[0]) {
		t.Errorf("a change to a returned block reached the store: %s", again.Media[0])
	}
}

func TestTopicStoreListsNewestFirst(t *testing.T) {
	s := newTopicStore()
	// Put out of order, with two topics at the same time: the smaller id
	// is the older one.
	s.put(storeTopic("57500000000003", "a", "", testNow.Add(2*time.Second), `{}`))
	s.put(storeTopic("57500000000001", "a", "", testNow, `{}`))
	s.put(storeTopic("57500000000010", "a", "", testNow.Add(time.Second), `{}`))
	s.put(storeTopic("57500000000009", "a", "", testNow.Add(time.Second), `{}`))
	s.put(storeTopic("57500000000004", "b", "", testNow, `{}`))
	want := []string{"57500000000003", "57500000000010", "57500000000009", "57500000000001"}
	if got := s.ids("a"); !reflect.DeepEqual(got, want) {
		t.Errorf("ids(a) = %v, want %v", got, want)
	}
	var listed []string
	for _, tp := range s.list("a") {
		listed = append(listed, tp.ID)
	}
	if !reflect.DeepEqual(listed, want) {
		t.Errorf("list(a) = %v, want %v", listed, want)
	}
	if s.count("a") != 4 || s.count("b") != 1 || s.count("c") != 0 {
		t.Errorf("counts a, b, c = %d, %d, %d", s.count("a"), s.count("b"), s.count("c"))
	}
	// Put again under another owner, the topic moves.
	s.put(storeTopic("57500000000010", "b", "", testNow.Add(time.Second), `{}`))
	if s.count("a") != 3 || !reflect.DeepEqual(s.ids("b"), []string{"57500000000010", "57500000000004"}) {
		t.Errorf("after the move: a has %v, b has %v", s.ids("a"), s.ids("b"))
	}
	s.remove("57500000000004")
	s.remove("57500000000010")
	if _, ok := s.byOwner["b"]; ok {
		t.Error("an owner whose topics were all removed is still listed")
	}
	if got := s.all(); !reflect.DeepEqual(got, []string{"57500000000001", "57500000000003", "57500000000009"}) || !reflect.DeepEqual(s.where(func(t Topic) bool { return t.ID != "57500000000003" }), []string{"57500000000001", "57500000000009"}) {
		t.Errorf("all() = %v, where(not ...03) = %v", got, s.where(func(t Topic) bool { return t.ID != "57500000000003" }))
	}
}

func TestTopicStoreReturnsTheSpaceOfRemovedTopics(t *testing.T) {
	s := newTopicStore()
	block := `{"type":"text","text":"` + strings.Repeat("ж", 500) + `"}`
	const n = 4000
	for i := range n {
		s.put(storeTopic(fmt.Sprint(57500000000000+i), "a", "", testNow.Add(time.Duration(i)*time.Millisecond), block))
	}
	full := len(s.arena.chunks)
	for i := range n {
		if i%10 != 0 {
			s.remove(fmt.Sprint(57500000000000 + i))
		}
	}
	if len(s.arena.chunks) > full/5 {
		t.Errorf("after removing 90%% of the topics the arena still has %d of its %d chunks", len(s.arena.chunks), full)
	}
	// Slots of removed topics are reused rather than added.
	slots := s.slots.len()
	for i := range n / 2 {
		s.put(storeTopic(fmt.Sprint(57600000000000+i), "b", "", testNow, block))
	}
	if s.slots.len() != slots {
		t.Errorf("slots grew from %d to %d with free ones to reuse", slots, s.slots.len())
	}
	for i := 0; i < n; i += 10 {
		got, ok := s.get(fmt.Sprint(57500000000000 + i))
		if !ok || string(got.Media[0]) != block || got.AuthorUID != "a" {
			t.Fatalf("topic %d after compaction: %+v, %v", i, got, ok)
		}
	}
	if s.count("a") != n/10 || s.count("b") != n/2 {
		t.Errorf("counts a, b = %d, %d", s.count("a"), s.count("b"))
	}
}

// Stored topics must not add objects for the collector to mark: each
// collection would otherwise take longer the more clients wrote, and a
// write-heavy load test's latency tail with it.
func TestPostedTopicsAddNoHeapObjects(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's shadow memory skews heap counts")
	}
	w := newTestWorld(t, 1)
	uid := w.DefaultUID()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const n = 20000
	for i := range n {
		media := []json.RawMessage{json.RawMessage(fmt.Sprintf(`{"type":"text","text":"пост %d"}`, i))}
		if _, err := w.PostTopic(Topic{AuthorUID: uid, Media: media}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapObjects) - int64(before.HeapObjects); grew > n/50 {
		t.Errorf("%d posted topics added %d heap objects (at most %d expected)", n, grew, n/50)
	}
	runtime.KeepAlive(w)
}

// put writes each record into exactly the room topicSize reserves.
func TestTopicSizeIsTheRecordLength(t *testing.T) {
	long := strings.Repeat("x", 20000)
	for _, tp := range []Topic{
		{},
		storeTopic("1", "2", "", time.Time{}),
		storeTopic("57500000000001", "575000000001", "575000000002", testNow, `{}`, `{"a":1}`),
		storeTopic(strings.Repeat("9", 130), long, long[:200], time.Unix(-1, 1).UTC(), `{"t":"`+long+`"}`),
		storeTopic("x", "y", "", time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC), long[:127], long[:128], long[:16384]),
	} {
		if got, want := topicSize(tp), len(appendTopic(nil, tp)); got != want {
			t.Errorf("topicSize = %d, record is %d bytes (id %.10q)", got, want, tp.ID)
		}
	}
}

// Posted topics are found by their place in the counter's band; ids
// outside it, or too far ahead of it, by the map, and a topic the map took
// is still found once the band's index reaches its id.
func TestTopicStoreIndexesCounterIDs(t *testing.T) {
	s := newTopicStore()
	id := func(k uint64) string { return fmt.Sprint(counterLong + k) }
	far := id(3 + maxCounterGap + 10) // beyond the gap when put
	for _, tid := range []string{id(1), id(3), far, "60000000000007", id(0), "note-1"} {
		s.put(storeTopic(tid, "a", "", testNow, `{}`))
	}
	if s.counter.len() != 3 || len(s.byNum) != 3 {
		t.Fatalf("counter index %d long, byNum %d, want 3, 3", s.counter.len(), len(s.byNum))
	}
	// Writes of other kinds move the counter on: the index stretches over
	// the gap, and takes the far topic over as it passes it.
	var last uint64
	for k := uint64(4); k <= 3+maxCounterGap+20; k += 7 {
		s.put(storeTopic(id(k), "b", "", testNow, `{}`))
		last = k
	}
	if len(s.byNum) != 2 {
		t.Errorf("after the index passed it, byNum holds %d, want 2", len(s.byNum))
	}
	for _, tid := range []string{id(1), id(3), far, "60000000000007", id(0), "note-1", id(4), id(last)} {
		if got, ok := s.get(tid); !ok || got.ID != tid {
			t.Errorf("get(%s) = %q, %v", tid, got.ID, ok)
		}
	}
	for _, tid := range []string{id(2), id(5), id(3 + maxCounterGap + 30), "60000000000008"} {
		if s.has(tid) {
			t.Errorf("has(%s) for an id never put", tid)
		}
	}
	s.remove(far)
	s.remove(id(1))
	s.remove("60000000000007")
	if s.has(far) || s.has(id(1)) || s.has("60000000000007") || !s.has(id(3)) {
		t.Error("remove took the wrong topics")
	}
	s.put(storeTopic(id(1), "c", "", testNow, `{}`))
	if got, _ := s.get(id(1)); got.AuthorUID != "c" {
		t.Errorf("a topic put again after its removal reads %+v", got)
	}
}
