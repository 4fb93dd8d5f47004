package scenarios

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// smallestRule is the documented minimal input, accepted exactly as is.
const smallestRule = `{"match": {"method": "users.getCurrentUser"}, "times": 1, "respond": {"error_code": 102}}`

func strPtr(s string) *string { return &s }

func TestLoadAcceptsEveryForm(t *testing.T) {
	smallest := Rule{
		Match:   Match{Method: []string{"users.getCurrentUser"}},
		Times:   1,
		Respond: Respond{ErrorCode: 102},
	}
	tests := []struct {
		name  string
		input string
		want  Document
	}{
		{"smallest rule as JSON", smallestRule, Document{Version: 1, Rules: []Rule{smallest}}},
		{"smallest rule as YAML", "match: {method: users.getCurrentUser}\ntimes: 1\nrespond: {error_code: 102}\n",
			Document{Version: 1, Rules: []Rule{smallest}}},
		{"list of rules", "[" + smallestRule + ", {\"respond\": {\"delay_ms\": 5}}]",
			Document{Version: 1, Rules: []Rule{smallest, {Respond: Respond{Delay: Delay{5 * time.Millisecond, 5 * time.Millisecond}}}}}},
		{"full document", `
version: 1
name: my-scenario
description: |
  Two lines
  of text.
rules:
  - ` + smallestRule + `
`, Document{Version: 1, Name: "my-scenario", Description: "Two lines\nof text.\n", Rules: []Rule{smallest}}},
		{"full document as tab-indented JSON", "{\n\t\"version\": 1,\n\t\"rules\": [\n\t\t" + smallestRule + "\n\t]\n}",
			Document{Version: 1, Rules: []Rule{smallest}}},
		{"version may be left out", "name: x\nrules: [" + smallestRule + "]", Document{Version: 1, Name: "x", Rules: []Rule{smallest}}},
		{"every match key", `
match:
  endpoint: [api, upload]
  method: ["photos.*", users.getInfo]
  application_key: CBAFJIICABABABABA
  access_token: "-s-*"
  uid: 575000000001
  params: {type: USER, fields: [uid, "name*"]}
respond: {error_code: 1}
`, Document{Version: 1, Rules: []Rule{{
			Match: Match{
				Endpoints:      []Endpoint{EndpointAPI, EndpointUpload},
				Method:         []string{"photos.*", "users.getInfo"},
				ApplicationKey: []string{"CBAFJIICABABABABA"},
				AccessToken:    []string{"-s-*"},
				UID:            []string{"575000000001"},
				Params:         map[string][]string{"type": {"USER"}, "fields": {"uid", "name*"}},
			},
			Respond: Respond{ErrorCode: 1},
		}}}},
		{"every when key", `
when:
  nth: 3
  first: 4
  every: 3
  after: 2
  probability: 0.25
  from: 2026-01-01T00:00:00Z
  until: "2026-01-02T10:30:00+03:00"
  from_ms: 100
  until_ms: 2000
respond: {error_code: 1}
`, Document{Version: 1, Rules: []Rule{{
			When: When{Nth: 3, First: 4, Every: 3, After: 2, Probability: 0.25,
				From:       time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
				Until:      time.Date(2026, 1, 2, 7, 30, 0, 0, time.UTC),
				FromOffset: 100 * time.Millisecond, UntilOffset: 2 * time.Second},
			Respond: Respond{ErrorCode: 1},
		}}}},
		{"every respond key", `
name: everything
times: 2
respond:
  error_code: 10
  error_msg: "PERMISSION_DENIED : no"
  error_data: {scope: [photo_content], n: 1, ok: true, f: 1.5, nothing: null}
  http_status: 503
  body: "<html></html>"
  content_type: text/html
  headers: {Retry-After: 1, X-Okmock: "yes"}
  delay_ms: {min: 100, max: 900}
  fault: truncate
  expire_token: true
  revoke_token: false
  rate_limit: {per: user, limit: 5, window_ms: 1000}
`, Document{Version: 1, Rules: []Rule{{
			Name:  "everything",
			Times: 2,
			Respond: Respond{
				ErrorCode: 10, ErrorMsg: "PERMISSION_DENIED : no",
				ErrorData:  json.RawMessage(`{"scope":["photo_content"],"n":1,"ok":true,"f":1.5,"nothing":null}`),
				HTTPStatus: 503, Body: strPtr("<html></html>"), ContentType: "text/html",
				Headers: map[string]string{"Retry-After": "1", "X-Okmock": "yes"},
				Delay:   Delay{100 * time.Millisecond, 900 * time.Millisecond},
				Fault:   FaultTruncate, ExpireToken: true,
				RateLimit: &RateLimit{Per: PerUser, Limit: 5, Window: time.Second},
			},
		}}}},
		{"oauth error and a JSON body given as YAML", `
match: {endpoint: token}
respond:
  oauth_error: {error: invalid_grant, error_description: "Code is expired"}
  body: {error: x, list: [1, "<b>"]}
`, Document{Version: 1, Rules: []Rule{{
			Match: Match{Endpoints: []Endpoint{EndpointToken}},
			Respond: Respond{
				OAuthError: &OAuthError{Error: "invalid_grant", Description: "Code is expired"},
				Body:       strPtr(`{"error":"x","list":[1,"<b>"]}`),
			},
		}}}},
		{"a rate limit alone answers 8", "respond: {rate_limit: {limit: 1, window_ms: 10}}",
			Document{Version: 1, Rules: []Rule{{Respond: Respond{RateLimit: &RateLimit{Per: PerApplication, Limit: 1, Window: 10 * time.Millisecond}}}}}},
		{"error_data as a plain string", "respond: {error_code: 10, error_data: publish_to_stream}",
			Document{Version: 1, Rules: []Rule{{Respond: Respond{ErrorCode: 10, ErrorData: json.RawMessage(`"publish_to_stream"`)}}}}},
		{"anchors and aliases within limits", `
rules:
  - match: {method: a}
    respond: &r {error_code: 2}
  - match: {method: b}
    respond: *r
`, Document{Version: 1, Rules: []Rule{
			{Match: Match{Method: []string{"a"}}, Respond: Respond{ErrorCode: 2}},
			{Match: Match{Method: []string{"b"}}, Respond: Respond{ErrorCode: 2}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Load("test.yaml", []byte(tt.input))
			if err != nil {
				t.Fatalf("Load failed:\n%v", err)
			}
			tt.want.Source = "test.yaml"
			if !reflect.DeepEqual(*doc, tt.want) {
				t.Errorf("got  %#v\nwant %#v", *doc, tt.want)
			}
		})
	}
}

func TestLoadReportsEachProblemWithLineAndField(t *testing.T) {
	type problem struct {
		line  int
		field string
		msg   string // substring
	}
	tests := []struct {
		name  string
		input string
		want  []problem
	}{
		{"negative delay", "rules:\n  - respond:\n      error_code: 1\n      delay_ms: -5\n",
			[]problem{{4, "rules[0].respond.delay_ms", "must be >= 0"}}},
		{"delay range backwards", "respond:\n  delay_ms: {min: 10, max: 5}\n",
			[]problem{{2, "respond.delay_ms.max", "must be >= min"}}},
		{"delay range needs max", "respond:\n  delay_ms: {min: 10}\n",
			[]problem{{2, "respond.delay_ms.max", "required"}}},
		{"delay too long", "respond: {delay_ms: 600001}",
			[]problem{{1, "respond.delay_ms", "must be <= 600000"}}},
		{"misspelt key", "match: {method: x}\ntmes: 1\nrespond: {error_code: 1}\n",
			[]problem{{2, "tmes", `unknown key (did you mean "times"?)`}}},
		{"misspelt document key", "versoin: 1\nrules: [{respond: {error_code: 1}}]\n",
			[]problem{{1, "versoin", `did you mean "version"?`}}},
		{"unknown nested key", "rules:\n- match:\n    mehtod: x\n  respond: {error_code: 1}\n",
			[]problem{{3, "rules[0].match.mehtod", `did you mean "method"?`}}},
		{"nth zero", "when: {nth: 0}\nrespond: {error_code: 1}",
			[]problem{{1, "when.nth", "must be >= 1"}}},
		{"negative times", "times: -1\nrespond: {error_code: 1}",
			[]problem{{1, "times", "must be >= 1"}}},
		{"negative after", "when: {after: -1}\nrespond: {error_code: 1}",
			[]problem{{1, "when.after", "must be >= 0"}}},
		{"probability above one", "when:\n  probability: 1.5\nrespond: {error_code: 1}",
			[]problem{{2, "when.probability", "must be > 0 and <= 1"}}},
		{"probability zero", "when: {probability: 0}\nrespond: {error_code: 1}",
			[]problem{{1, "when.probability", "must be > 0 and <= 1"}}},
		{"probability not a number", "when: {probability: high}\nrespond: {error_code: 1}",
			[]problem{{1, "when.probability", "must be a number"}}},
		{"count not a whole number", "when: {every: 2.5}\nrespond: {error_code: 1}",
			[]problem{{1, "when.every", "must be a whole number"}}},
		{"bad timestamp", "when: {from: yesterday}\nrespond: {error_code: 1}",
			[]problem{{1, "when.from", "RFC 3339"}}},
		{"window backwards", "when:\n  from: 2026-01-02T00:00:00Z\n  until: 2026-01-01T00:00:00Z\nrespond: {error_code: 1}",
			[]problem{{3, "when.until", "must be after from"}}},
		{"relative window backwards", "when:\n  from_ms: 500\n  until_ms: 100\nrespond: {error_code: 1}",
			[]problem{{3, "when.until_ms", "greater than from_ms"}}},
		{"nth beyond first", "when:\n  nth: 5\n  first: 2\nrespond: {error_code: 1}",
			[]problem{{2, "when.nth", "can never fire"}}},
		{"nth within skipped calls", "when:\n  nth: 2\n  after: 2\nrespond: {error_code: 1}",
			[]problem{{2, "when.nth", "can never fire"}}},
		{"unknown endpoint", "match: {endpoint: graph}\nrespond: {error_code: 1}",
			[]problem{{1, "match.endpoint", `unknown endpoint "graph"`}}},
		{"bad glob in a list", "match:\n  method:\n    - ok.*\n    - \"[users\"\nrespond: {error_code: 1}",
			[]problem{{4, "match.method[1]", "unterminated character class"}}},
		{"bad param glob", "match:\n  params:\n    type: 'a\\'\nrespond: {error_code: 1}",
			[]problem{{3, "match.params.type", "unfinished escape"}}},
		{"empty list", "match: {uid: []}\nrespond: {error_code: 1}",
			[]problem{{1, "match.uid", "must not be an empty list"}}},
		{"message without code", "respond:\n  error_msg: oops\n",
			[]problem{{2, "respond.error_msg", "needs error_code"}}},
		{"oauth error on the API", "match: {method: users.getInfo}\nrespond:\n  oauth_error: {error: invalid_grant}\n",
			[]problem{{3, "respond.oauth_error", "only the token and authorize endpoints"}}},
		{"OK error on the token endpoint", "match: {endpoint: token}\nrespond:\n  error_code: 102\n",
			[]problem{{3, "respond.error_code", "use oauth_error"}}},
		{"oauth error without its name", "match: {endpoint: token}\nrespond:\n  oauth_error: {error_description: x}\n",
			[]problem{{3, "respond.oauth_error.error", "required"}}},
		{"HTTP status out of range", "respond:\n  http_status: 700\n",
			[]problem{{2, "respond.http_status", "between 100 and 599"}}},
		{"bad header name", "respond:\n  headers:\n    Bad Header: x\n",
			[]problem{{3, "respond.headers.Bad Header", "not a valid header name"}}},
		{"reset cannot carry an answer", "respond:\n  fault: reset\n  error_code: 2\n",
			[]problem{{2, "respond.fault", "sends no HTTP answer"}}},
		{"unknown fault", "respond: {fault: explode}",
			[]problem{{1, "respond.fault", `unknown fault "explode"`}}},
		{"rate limit problems", "respond:\n  rate_limit:\n    per: planet\n    limit: 0\n",
			[]problem{
				{2, "respond.rate_limit.window_ms", "must be between 1 and"},
				{3, "respond.rate_limit.per", `unknown value "planet"`},
				{4, "respond.rate_limit.limit", "must be >= 1"},
			}},
		{"rule without respond", "match: {method: x}\n",
			[]problem{{1, "respond", "required"}}},
		{"respond that does nothing", "match: {method: x}\nrespond: {}\n",
			[]problem{{2, "respond", "does nothing"}}},
		{"no rules", "version: 1\nrules: []\n",
			[]problem{{2, "rules", "at least one rule"}}},
		{"document without rules", "version: 1\nname: x\n",
			[]problem{{1, "rules", "required"}}},
		{"future version", "version: 2\nrules: [{respond: {error_code: 1}}]\n",
			[]problem{{1, "version", "unsupported version 2"}}},
		{"duplicate key", "respond:\n  error_code: 1\n  error_code: 2\n",
			[]problem{{3, "respond.error_code", "duplicate key"}}},
		{"merge key in a rule", "x: &b {error_code: 1}\nrespond:\n  <<: *b\n",
			[]problem{{1, "x", "unknown key (known: name, match"}, {3, "respond", "merge keys (<<) are not supported"}}},
		{"wrong kind", "match: users.getInfo\nrespond: {error_code: 1}\n",
			[]problem{{1, "match", "must be a mapping"}}},
		{"scalar document", "hello\n",
			[]problem{{1, "", "must be a scenario document"}}},
		{"bad name", "name: has spaces\nrespond: {error_code: 1}\n",
			[]problem{{1, "name", "letters, digits"}}},
		{"problem in a list of rules", "- respond: {error_code: 1}\n- respond:\n    error_code: -3\n",
			[]problem{{3, "[1].respond.error_code", "must be between 1 and"}}},
		{"error_data nested too deep", "respond: {error_code: 1, error_data: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "}",
			[]problem{{1, "respond.error_data" + strings.Repeat("[0]", 65), "nested deeper than 64 levels"}}},
		{"YAML syntax error", "respond:\n  error_code: 1\n   bad: indent\n",
			[]problem{{3, "", "mapping values are not allowed"}}},
		{"two documents in one file", "respond: {error_code: 1}\n---\nrespond: {error_code: 2}\n",
			[]problem{{2, "", "a file holds one document"}}},
		{"empty document", "# only a comment\n",
			[]problem{{0, "", "document is empty"}}},
		{"all problems at once", "rules:\n  - when: {nth: 0}\n    respond: {error_code: 1}\n  - respond: {delay_ms: -1}\n  - respond: {fault: x}\n",
			[]problem{
				{2, "rules[0].when.nth", "must be >= 1"},
				{4, "rules[1].respond.delay_ms", "must be >= 0"},
				{5, "rules[2].respond.fault", "unknown fault"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Load("scenarios/x.yaml", []byte(tt.input))
			if err == nil {
				t.Fatalf("Load accepted it: %#v", doc)
			}
			if doc != nil {
				t.Error("Load returned a document along with an error")
			}
			var list LoadErrors
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want LoadErrors", err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(list), len(tt.want), err)
			}
			for i, w := range tt.want {
				got := list[i]
				if got.Source != "scenarios/x.yaml" || got.Line != w.line || got.Field != w.field || !strings.Contains(got.Msg, w.msg) {
					t.Errorf("problem %d = {%q %d %q %q}, want line %d field %q msg containing %q",
						i, got.Source, got.Line, got.Field, got.Msg, w.line, w.field, w.msg)
				}
			}
		})
	}
}

func TestLoadErrorFormat(t *testing.T) {
	_, err := Load("scenarios/x.yaml", []byte("version: 1\nrules:\n  - match: {method: x}\n    respond:\n      error_code: 1\n      delay_ms: -1\n"))
	if got, want := err.Error(), "scenarios/x.yaml:6: rules[0].respond.delay_ms: must be >= 0"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var le *LoadError
	if !errors.As(err, &le) || le.Line != 6 || le.Field != "rules[0].respond.delay_ms" {
		t.Errorf("errors.As(*LoadError) = %+v", le)
	}
	for _, tt := range []struct {
		e    LoadError
		want string
	}{
		{LoadError{Msg: "m"}, "m"},
		{LoadError{Line: 3, Field: "f", Msg: "m"}, "line 3: f: m"},
		{LoadError{Source: "s", Field: "f", Msg: "m"}, "s: f: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestLoadCapsTheNumberOfReportedProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("rules:\n")
	for range 150 {
		b.WriteString("  - respond: {fault: x}\n")
	}
	_, err := Load("many.yaml", []byte(b.String()))
	var list LoadErrors
	if !errors.As(err, &list) || len(list) != maxReportedErrors+1 {
		t.Fatalf("got %d problems, want %d plus a summary", len(list), maxReportedErrors)
	}
	if last := list[len(list)-1].Msg; last != "50 more problems not shown" {
		t.Errorf("last entry = %q", last)
	}
}

func TestDocumentValidateChecksCodeBuiltDocuments(t *testing.T) {
	doc := &Document{Rules: []Rule{{Match: Match{Method: []string{"[x"}}, Respond: Respond{Delay: Delay{Min: -time.Second, Max: -time.Second}}}}}
	err := doc.Validate()
	if err == nil || !strings.Contains(err.Error(), "rules[0].match.method: pattern has an unterminated") ||
		!strings.Contains(err.Error(), "rules[0].respond.delay_ms: must be >= 0") {
		t.Errorf("Validate() = %v", err)
	}
	if _, err := NewEngine(0).Add(doc); err == nil {
		t.Error("Engine.Add accepted an invalid document")
	}
}
