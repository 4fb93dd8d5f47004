package world

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"
)

// TestKeepAllCopiesEveryString: after keepAll, the object equals what it
// was and shares no string or byte with the caller's memory, however deep
// the string sits. Sharing one would keep the caller's whole request body
// alive as long as the object.
func TestKeepAllCopiesEveryString(t *testing.T) {
	type inner struct {
		Name string
		Tags []string
	}
	type object struct {
		ID      string
		Empty   string
		List    []string
		Filters map[string]string
		Media   []json.RawMessage
		Nested  inner
		Ptr     *inner
		Array   [2]string
		Flag    bool
	}
	body := []byte(`id-1,tag,key,value,{"a":1},name,nested-tag,ptr-name,first,second`)
	view := func(from, to int) string { return unsafe.String(&body[from], to-from) }
	orig := object{
		ID:      view(0, 4),
		List:    []string{view(5, 8)},
		Filters: map[string]string{view(9, 12): view(13, 18)},
		Media:   []json.RawMessage{body[19:26]},
		Nested:  inner{Name: view(27, 31), Tags: []string{view(32, 42)}},
		Ptr:     &inner{Name: view(43, 51)},
		Array:   [2]string{view(52, 57), view(58, 64)},
		Flag:    true,
	}
	kept := orig
	keepAll(&kept)

	want := orig
	if !reflect.DeepEqual(kept.Nested, want.Nested) || kept.ID != want.ID || kept.Ptr.Name != want.Ptr.Name ||
		kept.Filters["key"] != "value" || string(kept.Media[0]) != `{"a":1}` || kept.Array != want.Array || !kept.Flag {
		t.Fatalf("keepAll changed the object: %+v", kept)
	}
	inBody := func(p unsafe.Pointer) bool {
		start := uintptr(unsafe.Pointer(&body[0]))
		return uintptr(p) >= start && uintptr(p) < start+uintptr(len(body))
	}
	for name, s := range map[string]string{
		"ID": kept.ID, "List[0]": kept.List[0], "Nested.Name": kept.Nested.Name,
		"Nested.Tags[0]": kept.Nested.Tags[0], "Ptr.Name": kept.Ptr.Name,
		"Array[0]": kept.Array[0], "Array[1]": kept.Array[1],
	} {
		if inBody(unsafe.Pointer(unsafe.StringData(s))) {
			t.Errorf("%s still points into the caller's body", name)
		}
	}
	for k, v := range kept.Filters {
		if inBody(unsafe.Pointer(unsafe.StringData(k))) || inBody(unsafe.Pointer(unsafe.StringData(v))) {
			t.Errorf("Filters[%q] still points into the caller's body", k)
		}
	}
	if inBody(unsafe.Pointer(&kept.Media[0][0])) {
		t.Error("Media[0] still points into the caller's body")
	}
	if kept.Ptr == orig.Ptr {
		t.Error("the pointee is the caller's")
	}
	// The caller's object is left as it was.
	if !inBody(unsafe.Pointer(unsafe.StringData(orig.ID))) || !inBody(unsafe.Pointer(unsafe.StringData(orig.List[0]))) {
		t.Error("keepAll changed the caller's strings")
	}
}
