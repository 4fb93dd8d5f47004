package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

func BenchmarkEvaluateNoRules(b *testing.B) {
	e := NewEngine(1)
	req := apiCall("users.getInfo")
	b.ReportAllocs()
	for b.Loop() {
		if e.Evaluate(req) != nil {
			b.Fatal("fired")
		}
	}
}

// twentyRules misses users.getInfo in the ways real rules differ from a
// call: another method, endpoint, application, token, uid or parameter.
func twentyRules() string {
	var b strings.Builder
	b.WriteString("rules:\n")
	misses := []string{
		`{method: "photos.*"}`, `{method: [friends.get, "group.*"]}`, `{endpoint: [token, upload]}`, `{endpoint: upload}`,
		`{application_key: OTHERKEY}`, `{access_token: "-s-other*"}`, `{uid: "9*"}`, `{method: users.getInfo, params: {uids: "9*"}}`,
		`{method: "users.get?nfoX"}`, `{method: "[a-t]*"}`,
	}
	for i := range 20 {
		fmt.Fprintf(&b, "  - match: %s\n    when: {every: 2}\n    respond: {error_code: %d}\n", misses[i%len(misses)], i+1)
	}
	return b.String()
}

func BenchmarkEvaluateTwentyNonMatchingRules(b *testing.B) {
	e := engineWith(b, 1, twentyRules())
	req := apiCall("users.getInfo")
	req.Param = params(map[string]string{"uids": "575000000002"})
	b.ReportAllocs()
	for b.Loop() {
		if e.Evaluate(req) != nil {
			b.Fatal("fired")
		}
	}
}

func BenchmarkEvaluateFiringRule(b *testing.B) {
	e := engineWith(b, 1, twentyRules(), "match: {method: users.getInfo}\nwhen: {probability: 0.5}\nrespond: {error_code: 102, delay_ms: {min: 1, max: 9}}")
	req := apiCall("users.getInfo")
	req.Param = params(map[string]string{"uids": "575000000002"})
	b.ReportAllocs()
	for b.Loop() {
		e.Evaluate(req)
	}
}

func TestNonMatchingRulesDoNotAllocate(t *testing.T) {
	e := engineWith(t, 1, twentyRules())
	req := apiCall("users.getInfo")
	req.Param = params(map[string]string{"uids": "575000000002"})
	if allocs := testing.AllocsPerRun(100, func() { e.Evaluate(req) }); allocs != 0 {
		t.Errorf("Evaluate allocated %v times per call with no rule matching", allocs)
	}
	if allocs := testing.AllocsPerRun(100, func() { NewEngine(1).Evaluate(req) }); allocs > 1 {
		t.Errorf("an empty engine allocated %v times", allocs)
	}
}
