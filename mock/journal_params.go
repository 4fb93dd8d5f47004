package mock

import (
	"encoding/binary"
	"slices"
)

// packedParams are a journal entry's masked parameters in one byte slice,
// in arrival order: each key and each value is its length as a uvarint
// followed by its bytes.
//
// The journal holds its last thousand calls. Kept as []Param, each entry
// was a list of pointers that the collector traced on every cycle, and
// its values were slices of the request, which kept every journaled
// body in memory; packed, an entry is one allocation with nothing in it
// to trace.
type packedParams []byte

// packedParams masks ps (as maskedValue does) into one packedParams,
// reusing buf's bytes when it has room. Masking a value may allocate, so
// each is masked once, packed as it comes; the room is sized from the
// unmasked parameters, which masks seldom lengthen (append makes more
// room when one does).
func (sc *secretScan) packedParams(buf packedParams, ps []Param) packedParams {
	size := 0
	for _, p := range ps {
		size += uvarintLen(len(p.Key)) + len(p.Key) + uvarintLen(len(p.Value)) + len(p.Value)
	}
	out := slices.Grow(buf[:0], size)
	for _, p := range ps {
		v := sc.maskedValue(p)
		out = binary.AppendUvarint(out, uint64(len(p.Key)))
		out = append(out, p.Key...)
		out = binary.AppendUvarint(out, uint64(len(v)))
		out = append(out, v...)
	}
	return out
}

// maxKeptBuf is the most a reused buffer (packed parameters, a signing
// string) keeps between calls: a call with huge parameters must not pin
// that much memory in a journal slot or a pooled call for good.
const maxKeptBuf = 4 << 10

// keptBuf is buf emptied for reuse, or nil when it is too large to keep.
func keptBuf[B ~[]byte](buf B) B {
	if cap(buf) > maxKeptBuf {
		return nil
	}
	return buf[:0]
}

// uvarintLen is the length of n as a uvarint.
func uvarintLen(n int) int {
	l := 1
	for ; n >= 0x80; n >>= 7 {
		l++
	}
	return l
}

// each calls fn with every parameter in arrival order until fn returns
// false. The slices alias pp.
func (pp packedParams) each(fn func(key, value []byte) bool) {
	for len(pp) > 0 {
		var key, value []byte
		key, pp = pp.field()
		value, pp = pp.field()
		if !fn(key, value) {
			return
		}
	}
}

// field splits off one length-prefixed field. packedParams are only
// written by packedParams, so a malformed one is okmock's bug; it ends
// the list rather than panicking in a journal read.
func (pp packedParams) field() ([]byte, packedParams) {
	n, w := binary.Uvarint(pp)
	if w <= 0 || n > uint64(len(pp)-w) {
		return nil, nil
	}
	end := w + int(n)
	return pp[w:end:end], pp[end:]
}

// has reports whether key was sent with exactly value.
func (pp packedParams) has(key, value string) bool {
	found := false
	pp.each(func(k, v []byte) bool {
		if string(k) == key {
			found = string(v) == value
			return false
		}
		return true
	})
	return found
}

// len is the number of parameters.
func (pp packedParams) len() int {
	n := 0
	pp.each(func(_, _ []byte) bool { n++; return true })
	return n
}
