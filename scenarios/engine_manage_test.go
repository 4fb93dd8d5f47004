package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestAddAssignsIDsAndListDescribesRules(t *testing.T) {
	e := NewEngine(1)
	doc, err := Load("s.yaml", []byte(`
name: demo
rules:
  - name: expire
    match: {method: "photos.*", params: {type: USER}}
    when: {nth: 3, probability: 0.5}
    times: 1
    respond: {error_code: 102, expire_token: true}
  - respond: {delay_ms: {min: 100, max: 900}, rate_limit: {per: user, limit: 5, window_ms: 1000}}
`))
	if err != nil {
		t.Fatal(err)
	}
	infos, err := e.Add(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []RuleInfo{
		{ID: "r1", Name: "expire", Label: "r1:expire", Document: "demo", Source: "s.yaml",
			Match: "endpoint=api method=photos.* params.type=USER", When: "nth=3 probability=0.5",
			Respond: "error_code=102 expire_token", Times: 1},
		{ID: "r2", Label: "r2", Document: "demo", Source: "s.yaml", Match: "every call", When: "always",
			Respond: "delay_ms=100..900 rate_limit=5/1000ms per user"},
	}
	for i := range want {
		got := infos[i]
		got.Rule = Rule{}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("info %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
	if infos[0].Rule.Name != "expire" {
		t.Error("RuleInfo.Rule should carry the rule as written")
	}
	more, _ := e.Add(doc)
	if more[0].ID != "r3" || more[1].ID != "r4" || len(e.List()) != 4 {
		t.Errorf("second Add gave %s, %s; list has %d rules", more[0].ID, more[1].ID, len(e.List()))
	}
}

func TestRemoveReplaceAndClear(t *testing.T) {
	e := engineWith(t, 1, "name: one\nrules: [{respond: {error_code: 1}}]", "name: two\nrules: [{respond: {error_code: 2}}, {respond: {error_code: 3}}]")
	if !e.Remove("r1") || e.Remove("r1") {
		t.Error("Remove must report whether the rule existed")
	}
	if got := describe(e.Evaluate(apiCall("a.b"))); got != "error=2" {
		t.Errorf("after removing r1: %s", got)
	}
	replacement, _ := Load("r.yaml", []byte("name: three\nrules: [{respond: {error_code: 4}}]"))
	info, err := e.Replace("r2", replacement)
	if err != nil || info.ID != "r2" || info.Document != "three" || info.Matched != 0 {
		t.Fatalf("Replace = %+v, %v", info, err)
	}
	if got := describe(e.Evaluate(apiCall("a.b"))); got != "error=4" {
		t.Errorf("the replacement keeps the position: got %s", got)
	}
	if _, err := e.Replace("r99", replacement); !errors.Is(err, ErrNoSuchRule) {
		t.Errorf("Replace of an unknown id: %v", err)
	}
	two, _ := Load("t.yaml", []byte("[{respond: {error_code: 1}}, {respond: {error_code: 2}}]"))
	if _, err := e.Replace("r2", two); err == nil || !strings.Contains(err.Error(), "exactly one rule") {
		t.Errorf("Replace with two rules: %v", err)
	}
	if _, ok := e.Rule("r3"); !ok {
		t.Error("Rule(r3) not found")
	}
	if n := e.RemoveDocument("two"); n != 1 {
		t.Errorf("RemoveDocument(two) removed %d, want 1 (r2 now belongs to three)", n)
	}
	e.Clear()
	if e.Evaluate(apiCall("a.b")) != nil || e.List() != nil {
		t.Error("Clear left rules behind")
	}
	infos, _ := e.Add(replacement)
	if infos[0].ID != "r4" {
		t.Errorf("ids are never reused: got %s, want r4", infos[0].ID)
	}
}

func TestAddRejectsNothingToAdd(t *testing.T) {
	if _, err := NewEngine(1).Add(nil); err == nil {
		t.Error("Add(nil) succeeded")
	}
	if _, err := NewEngine(1).Add(&Document{}); err == nil {
		t.Error("Add of a document without rules succeeded")
	}
}

func TestEmptyEngineAnswersNothing(t *testing.T) {
	e := NewEngine(1)
	if e.Evaluate(apiCall("a.b")) != nil || e.List() != nil {
		t.Error("an empty engine must not fire")
	}
	if _, ok := e.Rule("r1"); ok || e.Remove("r1") || e.RemoveDocument("x") != 0 {
		t.Error("an empty engine has no rules to find or remove")
	}
}
