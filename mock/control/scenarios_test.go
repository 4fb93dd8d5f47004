package control_test

import (
	"strings"
	"testing"

	"github.com/okmock/okmock/mock/control"
)

func TestARuleScopedToAnApplicationFiresOnlyThere(t *testing.T) {
	f := newFixture(t)
	mine := f.session(t, testApp("MINE", 7201), control.SessionSpec{})
	theirs := f.session(t, testApp("THEIRS", 7202), control.SessionSpec{})
	rules, err := f.c.AddRule(f.ctx, "MINE", map[string]any{
		"match": map[string]any{"method": "users.getCurrentUser"}, "times": 1,
		"respond": map[string]any{"error_code": 102},
	})
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules = %+v (%v)", rules, err)
	}
	got := []int{
		f.callCode(t, theirs, "users.getCurrentUser", nil),
		f.callCode(t, mine, "users.getCurrentUser", nil),
		f.callCode(t, mine, "users.getCurrentUser", nil),
	}
	if got[0] != 0 || got[1] != 102 || got[2] != 0 {
		t.Errorf("codes = %v, want [0 102 0]: only MINE's next call fails", got)
	}
	list, err := f.c.Rules(f.ctx)
	if err != nil || len(list) != 1 || list[0].Fired != 1 || !list[0].Exhausted {
		t.Errorf("rules = %+v (%v), want one fired once and exhausted", list, err)
	}
}

func TestScenariosLoadInEveryForm(t *testing.T) {
	f := newFixture(t)
	creds := f.session(t, testApp("FORMS", 7203), control.SessionSpec{})
	tests := []struct {
		name string
		load func() ([]control.RuleInfo, error)
		code int // what the next users.getCurrentUser answers
	}{
		{"bare JSON rule", func() ([]control.RuleInfo, error) {
			return f.c.LoadScenario(f.ctx, "FORMS", []byte(`{"match": {"method": "users.getCurrentUser"}, "times": 1, "respond": {"error_code": 102}}`))
		}, 102},
		{"YAML document", func() ([]control.RuleInfo, error) {
			return f.c.LoadScenario(f.ctx, "FORMS", []byte("version: 1\nname: doc\nrules:\n  - match: {method: users.*}\n    times: 1\n    respond: {error_code: 2}\n"))
		}, 2},
		{"list of rules", func() ([]control.RuleInfo, error) {
			return f.c.AddRule(f.ctx, "FORMS", []map[string]any{
				{"match": map[string]any{"method": "users.getCurrentUser"}, "times": 1, "respond": map[string]any{"error_code": 9}},
			})
		}, 9},
		{"library scenario", func() ([]control.RuleInfo, error) {
			return f.c.UseLibraryScenario(f.ctx, "FORMS", "session-expired")
		}, 102},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := tt.load()
			if err != nil || len(rules) == 0 {
				t.Fatalf("load: %+v (%v)", rules, err)
			}
			if code := f.callCode(t, creds, "users.getCurrentUser", nil); code != tt.code {
				t.Errorf("next call answered %d, want %d", code, tt.code)
			}
			if err := f.c.RemoveRules(f.ctx, rules); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestRulesAreReplacedRemovedAndCleared(t *testing.T) {
	f := newFixture(t)
	creds := f.session(t, testApp("MANAGE", 7204), control.SessionSpec{})
	rules, err := f.c.AddRule(f.ctx, "MANAGE", map[string]any{
		"match": map[string]any{"method": "users.getCurrentUser"}, "respond": map[string]any{"error_code": 9},
	})
	if err != nil {
		t.Fatal(err)
	}
	info, err := f.c.ReplaceRule(f.ctx, rules[0].ID, "MANAGE", map[string]any{
		"match": map[string]any{"method": "users.getCurrentUser"}, "respond": map[string]any{"error_code": 11},
	})
	if err != nil || info.ID != rules[0].ID {
		t.Fatalf("replace: %+v (%v)", info, err)
	}
	if code := f.callCode(t, creds, "users.getCurrentUser", nil); code != 11 {
		t.Errorf("after replace: %d, want 11", code)
	}
	if err := f.c.RemoveRule(f.ctx, rules[0].ID); err != nil {
		t.Fatal(err)
	}
	if code := f.callCode(t, creds, "users.getCurrentUser", nil); code != 0 {
		t.Errorf("after remove: %d, want 0", code)
	}
	if _, err := f.c.UseLibraryScenario(f.ctx, "", "ip-blocked"); err != nil {
		t.Fatal(err)
	}
	if err := f.c.ClearScenarios(f.ctx); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.c.Rules(f.ctx); len(list) != 0 {
		t.Errorf("rules after clear = %+v", list)
	}
}

func TestInvalidScenariosNameTheField(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.AddRule(f.ctx, "", map[string]any{"mach": map[string]any{}, "respond": map[string]any{"error_code": 1}})
	if err == nil || !strings.Contains(err.Error(), "mach") || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("err = %v, want the unknown key named with a hint", err)
	}
	if _, err := f.c.AddRule(f.ctx, "", func() {}); err == nil {
		t.Error("a rule that cannot be encoded was accepted")
	}
}

func TestLibraryAndDocumentsAreListed(t *testing.T) {
	f := newFixture(t)
	lib, err := f.c.Library(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range lib {
		found = found || (e.Name == "session-expired" && e.Rules > 0 && e.Description != "")
	}
	if !found {
		t.Errorf("library = %+v, want session-expired described", lib)
	}
	js, err := f.c.OpenAPI(f.ctx, false)
	if err != nil || !strings.HasPrefix(strings.TrimSpace(string(js)), "{") {
		t.Errorf("openapi.json = %.40q (%v)", js, err)
	}
	yml, err := f.c.OpenAPI(f.ctx, true)
	if err != nil || !strings.Contains(string(yml), "openapi:") {
		t.Errorf("openapi.yaml = %.40q (%v)", yml, err)
	}
}
