package scenarios

import (
	"errors"
	"testing"
)

// FuzzLoad checks that no input panics the loader, that every failure is a
// non-empty LoadErrors, and that whatever loads also validates, goes into
// an engine and evaluates. Seeds live in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(smallestRule))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Loader{MaxBytes: 64 << 10, MaxNodes: 10_000}.Load("fuzz.yaml", data)
		if err != nil {
			var list LoadErrors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v is not a LoadErrors", err, err)
			}
			if doc != nil {
				t.Fatal("a document came back with an error")
			}
			return
		}
		if err := doc.Validate(); err != nil {
			t.Fatalf("Load accepted what Validate refuses: %v", err)
		}
		e := NewEngine(1)
		if _, err := e.Add(doc); err != nil {
			t.Fatalf("Add refused a loaded document: %v", err)
		}
		for _, req := range []Request{apiCall("users.getInfo"), {Endpoint: EndpointToken, Param: params(map[string]string{"grant_type": "refresh_token"})}, {}} {
			e.Evaluate(req)
		}
		_ = e.List()
	})
}
