package openapi

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// examples maps parameter names to their examples, as a lookup for Validate.
type examples map[string]string

func (e examples) lookup(name string) (string, bool) {
	v, ok := e[name]
	return v, ok
}

func methodExamples(m *Method, requiredOnly bool) examples {
	out := examples{}
	for _, p := range m.Params {
		if p.Required || !requiredOnly {
			out[p.Name] = p.Example
		}
	}
	return out
}

func TestEveryParameterHasAUsableExample(t *testing.T) {
	for _, m := range mustDefault(t).Methods() {
		for _, p := range m.Params {
			if p.Example == "" {
				t.Errorf("%s: parameter %s has no example", m.Name, p.Name)
			}
		}
		if p := m.Validate(methodExamples(m, true).lookup); p != nil {
			t.Errorf("%s: the required examples fail validation: %+v", m.Name, p)
		}
		if p := m.Validate(methodExamples(m, false).lookup); p != nil {
			t.Errorf("%s: the examples fail validation: %+v", m.Name, p)
		}
	}
}

// exampleIDs are the invented example objects.
var exampleIDs = regexp.MustCompile(`\b5750000009[0-9]{2}\b`)

// destructive methods remove what they name.
func destructive(m *Method) bool {
	for _, verb := range []string{"delete", "remove", "stop"} {
		if strings.HasPrefix(m.Short, verb) {
			return true
		}
	}
	return false
}

// A destructive example names objects of its own, so that running it never
// breaks another method's example.
func TestDestructiveExamplesUseDedicatedObjects(t *testing.T) {
	users := map[string][]string{} // invented id -> methods whose examples name it
	for _, m := range mustDefault(t).Methods() {
		seen := map[string]bool{}
		for _, p := range m.Params {
			for _, id := range exampleIDs.FindAllString(p.Example, -1) {
				if !seen[id] {
					seen[id] = true
					users[id] = append(users[id], m.Name)
				}
			}
		}
	}
	for _, m := range mustDefault(t).Methods() {
		if !destructive(m) || !m.Writes {
			if destructive(m) {
				t.Errorf("%s removes something but lacks x-ok-writes", m.Name)
			}
			continue
		}
		for _, p := range m.Params {
			ids := exampleIDs.FindAllString(p.Example, -1)
			for _, id := range ids {
				if others := slices.DeleteFunc(slices.Clone(users[id]), func(n string) bool { return n == m.Name }); len(others) > 0 {
					t.Errorf("%s destroys %s, which the examples of %v need", m.Name, id, others)
				}
			}
			if p.Required && p.Type == "string" && p.check.digits && len(ids) == 0 && !fixedContainer(p.Example) {
				t.Errorf("%s: required id %s=%s names no dedicated object", m.Name, p.Name, p.Example)
			}
		}
	}
}

// fixedContainer says an example id names a fixed example object that a
// destructive method only acts inside of (a photo whose tags are removed).
func fixedContainer(v string) bool {
	return v == "575000000201" || v == "57500000000001"
}

func TestEXAMPLESListsEveryInventedObject(t *testing.T) {
	doc, err := os.ReadFile("EXAMPLES.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "| 5750000009") {
			listed[strings.TrimSpace(strings.Split(line, "|")[1])] = true
		}
	}
	used := map[string]bool{}
	for _, m := range mustDefault(t).Methods() {
		for _, p := range m.Params {
			for _, id := range exampleIDs.FindAllString(p.Example, -1) {
				used[id] = true
			}
		}
	}
	for id := range used {
		if !listed[id] {
			t.Errorf("examples name %s, which EXAMPLES.md does not list", id)
		}
	}
	for id := range listed {
		if !used[id] {
			t.Errorf("EXAMPLES.md lists %s, which no example names", id)
		}
	}
}
