package world

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"time"
)

// topicStore holds media topics packed into pointer-free memory: each topic
// is one encoded record in a chunk of bytes, and the indexes hold numbers,
// not strings. Topics are the one kind clients write without bound (a load
// test posts thousands a second), and the collector marks every pointer of
// every stored object on each cycle: with topics kept as Go values, a
// server holding 90,000 of them spent five times longer in each collection
// than one holding none, and its latency tail grew with it. Packed, a
// topic adds no pointers, so a collection costs the same however much was
// written.
//
// Reads decode a fresh copy, so callers own what they get. The store is
// not safe for concurrent writes; the world's lock guards it.
type topicStore struct {
	arena   topicArena
	slots   paged[topicSlot]
	free    []uint32                  // slots of removed topics, reused by put
	counter paged[uint32]             // slot+1 of the topic with id counterLong+1+k at k; 0 where there is none
	byNum   map[uint64]uint32         // slot of any other topic whose id is a canonical decimal number
	byName  map[string]uint32         // slot of any other id (none are made by the world itself)
	byOwner map[string]*paged[uint32] // slots listed under each owner (Topic.owner), oldest first
}

// topicSlot places one record in the arena, with its creation time kept
// unpacked so that owner lists can be ordered without decoding. A free
// slot is the zero value: no record is empty.
type topicSlot struct {
	chunk, off, n uint32
	nsec          int32
	sec           int64
}

func (sl *topicSlot) live() bool { return sl.n > 0 }

func newTopicStore() topicStore {
	return topicStore{byNum: map[uint64]uint32{}, byName: map[string]uint32{}, byOwner: map[string]*paged[uint32]{}}
}

// numericID returns the number of an id written the way the world writes
// ids (decimal digits, no leading zero), so that it can key a map without
// a pointer. Any other id keeps its string.
func numericID(id string) (uint64, bool) {
	if id == "" || id[0] == '0' || len(id) > 19 {
		return 0, false
	}
	n, err := strconv.ParseUint(id, 10, 64)
	return n, err == nil
}

// maxCounterGap is how far past its end the counter index stretches to
// take an id. The counter is shared by every kind, so a topic's id is
// the last one's plus the other writes in between; an id further on than
// this goes to byNum rather than leave a long run of empty entries.
const maxCounterGap = 4096

// counterPos is the position of id n in the counter index, if n lies in
// the band the world's counter makes long ids in.
func counterPos(n uint64) (int, bool) {
	if n <= counterLong || n-counterLong > counterSpan {
		return 0, false
	}
	return int(n - counterLong - 1), true
}

// slotOf finds a topic's slot. Ids the world's counter made, every posted
// topic's, are found by position: at 100,000 posted topics a map lookup
// was a cache miss or two on each read and write, and the map's growth a
// copy of all of it.
func (s *topicStore) slotOf(id string) (uint32, bool) {
	n, ok := numericID(id)
	if !ok {
		i, found := s.byName[id]
		return i, found
	}
	if k, ok := counterPos(n); ok && k < s.counter.len() {
		v := *s.counter.at(k)
		return v - 1, v != 0
	}
	i, found := s.byNum[n]
	return i, found
}

// index records that the topic with the id is in slot i.
func (s *topicStore) index(id string, i uint32) {
	n, ok := numericID(id)
	if !ok {
		s.byName[keep(id)] = i
		return
	}
	k, ok := counterPos(n)
	if !ok || k >= s.counter.len()+maxCounterGap {
		s.byNum[n] = i
		return
	}
	for s.counter.len() <= k {
		s.counter.push(s.takeFromNum(counterLong + uint64(s.counter.len()) + 1))
	}
	*s.counter.at(k) = i + 1
}

// takeFromNum moves id n's entry out of byNum, as the counter index
// reaches it, and returns what the index is to hold for it. byNum is
// small (seeded topics, ids put from outside), so the look costs little.
func (s *topicStore) takeFromNum(n uint64) uint32 {
	i, found := s.byNum[n]
	if !found {
		return 0
	}
	delete(s.byNum, n)
	return i + 1
}

// unindex forgets where the topic with the id is.
func (s *topicStore) unindex(id string) {
	n, ok := numericID(id)
	if !ok {
		delete(s.byName, id)
		return
	}
	if k, ok := counterPos(n); ok && k < s.counter.len() {
		*s.counter.at(k) = 0
		return
	}
	delete(s.byNum, n)
}

func (s *topicStore) has(id string) bool { _, ok := s.slotOf(id); return ok }

// get returns a copy of the topic with the id.
func (s *topicStore) get(id string) (Topic, bool) {
	i, ok := s.slotOf(id)
	if !ok {
		return Topic{}, false
	}
	return s.decode(i), true
}

func (s *topicStore) decode(i uint32) Topic {
	sl := s.slots.at(int(i))
	return decodeTopic(s.arena.bytes(sl.chunk, sl.off, sl.n))
}

// idOf returns the id bytes of a stored record, inside the arena.
func (s *topicStore) idOf(i uint32) []byte {
	sl := s.slots.at(int(i))
	return topicRecordID(s.arena.bytes(sl.chunk, sl.off, sl.n))
}

// oldestFirst orders slots by creation time, then by id as compareIDs does
// (on the record's bytes, so that sorting allocates nothing).
func (s *topicStore) oldestFirst(a, b uint32) int {
	sa, sb := s.slots.at(int(a)), s.slots.at(int(b))
	if c := cmp.Or(cmp.Compare(sa.sec, sb.sec), cmp.Compare(sa.nsec, sb.nsec)); c != 0 {
		return c
	}
	ia, ib := s.idOf(a), s.idOf(b)
	return cmp.Or(len(ia)-len(ib), bytes.Compare(ia, ib))
}

// put adds or replaces a topic.
func (s *topicStore) put(t Topic) {
	if s.has(t.ID) {
		s.remove(t.ID)
	}
	n := topicSize(t)
	chunk, off, buf := s.arena.reserve(n)
	appendTopic(buf, t)
	sl := topicSlot{chunk: chunk, off: off, n: uint32(n), sec: t.Created.Unix(), nsec: int32(t.Created.Nanosecond())}
	var i uint32
	if n := len(s.free); n > 0 {
		i, s.free = s.free[n-1], s.free[:n-1]
		*s.slots.at(int(i)) = sl
	} else {
		i = uint32(s.slots.len())
		s.slots.push(sl)
	}
	s.index(t.ID, i)
	list := s.byOwner[t.owner()]
	if list == nil {
		// Copied: the caller's string may be a slice of a whole request.
		list = &paged[uint32]{}
		s.byOwner[keep(t.owner())] = list
	}
	if n := list.len(); n == 0 || s.oldestFirst(i, *list.at(n - 1)) > 0 {
		list.push(i)
		return
	}
	at, _ := list.search(i, s.oldestFirst)
	list.insert(at, i)
}

// remove drops a topic; its owner goes when its list becomes empty, so
// that the index stays canonical.
func (s *topicStore) remove(id string) {
	i, ok := s.slotOf(id)
	if !ok {
		return
	}
	owner := s.decode(i).owner()
	if list := s.byOwner[owner]; list != nil {
		if at, found := list.search(i, s.oldestFirst); found {
			list.delete(at)
		}
		if list.len() == 0 {
			delete(s.byOwner, owner)
		}
	}
	s.unindex(id)
	s.arena.drop(s.slots.at(int(i)).n)
	*s.slots.at(int(i)) = topicSlot{}
	s.free = append(s.free, i)
	if s.arena.wasteful() {
		s.compact()
	}
}

// compact copies the live records into a fresh arena, so that removed
// topics stop taking memory.
func (s *topicStore) compact() {
	var fresh topicArena
	for i := range s.slots.len() {
		if sl := s.slots.at(i); sl.live() {
			sl.chunk, sl.off = fresh.add(s.arena.bytes(sl.chunk, sl.off, sl.n))
		}
	}
	s.arena = fresh
}

// count is the number of topics listed under the owner.
func (s *topicStore) count(owner string) int {
	if list := s.byOwner[owner]; list != nil {
		return list.len()
	}
	return 0
}

// ids returns the ids of the owner's topics, newest first.
func (s *topicStore) ids(owner string) []string {
	list := s.byOwner[owner]
	out := make([]string, s.count(owner))
	for k := range out {
		out[len(out)-1-k] = string(s.idOf(*list.at(k)))
	}
	return out
}

// list returns copies of the owner's topics, newest first.
func (s *topicStore) list(owner string) []Topic {
	list := s.byOwner[owner]
	out := make([]Topic, s.count(owner))
	for k := range out {
		out[len(out)-1-k] = s.decode(*list.at(k))
	}
	return out
}

// each calls visit with a copy of every topic, in no set order.
func (s *topicStore) each(visit func(Topic)) {
	for i := range s.slots.len() {
		if s.slots.at(i).live() {
			visit(s.decode(uint32(i)))
		}
	}
}

// all returns the ids of every topic, sorted.
func (s *topicStore) all() []string {
	ids := make([]string, 0, s.slots.len()-len(s.free))
	for i := range s.slots.len() {
		if s.slots.at(i).live() {
			ids = append(ids, string(s.idOf(uint32(i))))
		}
	}
	return sortIDs(ids)
}

// where returns the ids of the topics that match, sorted.
func (s *topicStore) where(match func(Topic) bool) []string {
	var ids []string
	s.each(func(t Topic) {
		if match(t) {
			ids = append(ids, t.ID)
		}
	})
	return sortIDs(ids)
}

func (s *topicStore) save() any {
	byID := map[string]Topic{}
	s.each(func(t Topic) { byID[t.ID] = t })
	return byID
}

func (s *topicStore) load(data json.RawMessage) error {
	var byID map[string]Topic
	if err := json.Unmarshal(data, &byID); err != nil {
		return err
	}
	*s = newTopicStore()
	for id, t := range byID {
		t.ID = id
		s.put(t)
	}
	return nil
}

// A topic record is a header of unsigned varints (the lengths of the id,
// author, group and type, the seconds and nanoseconds of Created, the
// number of media blocks and each block's length) followed by the bytes of
// the id, author, group, type and blocks, back to back, so that decoding
// copies each run of bytes once.

// topicSize is the length of a topic's record.
func topicSize(t Topic) int {
	n := uvarintLen(uint64(len(t.ID))) + uvarintLen(uint64(len(t.AuthorUID))) + uvarintLen(uint64(len(t.GroupID))) + uvarintLen(uint64(len(t.Type)))
	sec := t.Created.Unix()
	n += uvarintLen(uint64(sec<<1) ^ uint64(sec>>63)) // zig-zag, as AppendVarint writes it
	n += uvarintLen(uint64(t.Created.Nanosecond())) + uvarintLen(uint64(len(t.Media)))
	n += len(t.ID) + len(t.AuthorUID) + len(t.GroupID) + len(t.Type)
	for _, m := range t.Media {
		n += uvarintLen(uint64(len(m))) + len(m)
	}
	return n
}

func uvarintLen(v uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], v)
}

func appendTopic(b []byte, t Topic) []byte {
	b = binary.AppendUvarint(b, uint64(len(t.ID)))
	b = binary.AppendUvarint(b, uint64(len(t.AuthorUID)))
	b = binary.AppendUvarint(b, uint64(len(t.GroupID)))
	b = binary.AppendUvarint(b, uint64(len(t.Type)))
	b = binary.AppendVarint(b, t.Created.Unix())
	b = binary.AppendUvarint(b, uint64(t.Created.Nanosecond()))
	b = binary.AppendUvarint(b, uint64(len(t.Media)))
	for _, m := range t.Media {
		b = binary.AppendUvarint(b, uint64(len(m)))
	}
	b = append(b, t.ID...)
	b = append(b, t.AuthorUID...)
	b = append(b, t.GroupID...)
	b = append(b, t.Type...)
	for _, m := range t.Media {
		b = append(b, m...)
	}
	return b
}

// topicHeader is the decoded header of a record; body is what follows it.
type topicHeader struct {
	id, author, group, typ int
	sec                    int64
	nsec                   int
	media                  int
	body                   int
}

// readTopicHeader decodes a header the store wrote; records never come
// from outside, so a short read is a bug, not an input error.
func readTopicHeader(rec []byte) (h topicHeader, blockLens []byte) {
	p := 0
	u := func() int {
		v, n := binary.Uvarint(rec[p:])
		p += n
		return int(v)
	}
	h.id, h.author, h.group, h.typ = u(), u(), u(), u()
	sec, n := binary.Varint(rec[p:])
	p += n
	h.sec = sec
	h.nsec = u()
	h.media = u()
	start := p
	for range h.media {
		u()
	}
	h.body = p
	return h, rec[start:p]
}

func topicRecordID(rec []byte) []byte {
	h, _ := readTopicHeader(rec)
	return rec[h.body : h.body+h.id]
}

func decodeTopic(rec []byte) Topic {
	h, lens := readTopicHeader(rec)
	p := h.body
	// One string holds the id, author and group; the type is one of a few.
	names := string(rec[p : p+h.id+h.author+h.group])
	t := Topic{ID: names[:h.id], AuthorUID: names[h.id : h.id+h.author], GroupID: names[h.id+h.author:]}
	p += h.id + h.author + h.group
	typ := rec[p : p+h.typ]
	p += h.typ
	if i := slices.IndexFunc(topicTypes, func(s string) bool { return s == string(typ) }); i >= 0 {
		t.Type = topicTypes[i]
	} else {
		t.Type = string(typ)
	}
	t.Created = time.Unix(h.sec, int64(h.nsec)).UTC()
	if h.media > 0 {
		media := slices.Clone(rec[p:])
		t.Media = make([]json.RawMessage, h.media)
		q := 0
		for k := range t.Media {
			n, w := binary.Uvarint(lens)
			lens = lens[w:]
			t.Media[k] = media[q : q+int(n) : q+int(n)]
			q += int(n)
		}
	}
	return t
}

// topicArena is append-only byte storage in chunks. Chunks hold no
// pointers, so the collector never looks inside them.
type topicArena struct {
	chunks     [][]byte
	cur        int // chunk being filled; -1 or past the end when none
	used, dead int // bytes of live and of removed records
}

// arenaChunk is the size of a chunk; a record larger than a quarter of it
// gets a chunk of its own, so that little space is left unused.
const arenaChunk = 64 << 10

// reserve makes room for a record of n bytes and returns where it lies
// and the empty slice, of capacity n, to append it to.
func (a *topicArena) reserve(n int) (chunk, off uint32, buf []byte) {
	a.used += n
	if n > arenaChunk/4 {
		a.chunks = append(a.chunks, make([]byte, n))
		return uint32(len(a.chunks) - 1), 0, a.chunks[len(a.chunks)-1][:0]
	}
	if len(a.chunks) == 0 || a.cur >= len(a.chunks) || len(a.chunks[a.cur])+n > arenaChunk {
		a.chunks = append(a.chunks, make([]byte, 0, arenaChunk))
		a.cur = len(a.chunks) - 1
	}
	c := a.chunks[a.cur]
	a.chunks[a.cur] = c[:len(c)+n]
	return uint32(a.cur), uint32(len(c)), c[len(c) : len(c) : len(c)+n]
}

// add copies a record into the arena and returns where it lies.
func (a *topicArena) add(rec []byte) (chunk, off uint32) {
	chunk, off, buf := a.reserve(len(rec))
	_ = append(buf, rec...)
	return chunk, off
}

func (a *topicArena) bytes(chunk, off, n uint32) []byte {
	return a.chunks[chunk][off : off+n : off+n]
}

// drop accounts for a removed record of n bytes.
func (a *topicArena) drop(n uint32) {
	a.used -= int(n)
	a.dead += int(n)
}

// wasteful reports whether removed records take more than the live ones
// (and enough to be worth a copy).
func (a *topicArena) wasteful() bool {
	return a.dead > arenaChunk*4 && a.dead > a.used
}
