package control_test

import (
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/okmock/okmock/mock/control"
)

func TestFilterQueryNamesEveryFilter(t *testing.T) {
	since := time.Date(2026, 3, 1, 9, 0, 0, 5, time.FixedZone("MSK", 3*3600))
	tests := []struct {
		name string
		f    control.Filter
		want url.Values
	}{
		{"empty", control.Filter{}, url.Values{}},
		{"strings", control.Filter{Method: "users.getInfo", ApplicationKey: "K", Endpoint: "token",
			Token: "tok", Scenario: "r1", Outcome: "error"},
			url.Values{"method": {"users.getInfo"}, "application_key": {"K"}, "endpoint": {"token"},
				"access_token": {"tok"}, "scenario": {"r1"}, "outcome": {"error"}}},
		{"numbers", control.Filter{ErrorCode: 102, Limit: 5, SinceID: 42},
			url.Values{"error_code": {"102"}, "limit": {"5"}, "since": {"42"}}},
		{"since a time, in UTC", control.Filter{Since: since},
			url.Values{"since": {"2026-03-01T06:00:00.000000005Z"}}},
		{"an id wins over a time", control.Filter{Since: since, SinceID: 3}, url.Values{"since": {"3"}}},
		{"params", control.Filter{Params: map[string]string{"uids": "1,2", "fields": ""}},
			url.Values{"param.uids": {"1,2"}, "param.fields": {""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := control.FilterQuery(tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FilterQuery = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestJournalIsReadAndCountedWithEveryFilter(t *testing.T) {
	f := newFixture(t)
	a := f.session(t, testApp("JOURNALA", 7101), control.SessionSpec{Scopes: []string{"VALUABLE_ACCESS"}})
	b := f.session(t, testApp("JOURNALB", 7102), control.SessionSpec{})
	rules, err := f.c.AddRule(f.ctx, "JOURNALB", map[string]any{
		"name": "b-flood", "match": map[string]any{"method": "users.getLoggedInUser"}, "times": 1,
		"respond": map[string]any{"error_code": 8},
	})
	if err != nil {
		t.Fatal(err)
	}
	f.callCode(t, a, "users.getCurrentUser", nil)                                              // 1
	f.callCode(t, a, "users.getInfo", url.Values{"uids": {"575000000002"}, "fields": {"uid"}}) // 2
	mid, _ := f.c.AdvanceClock(f.ctx, time.Minute)                                             // later entries are a minute on
	f.callCode(t, b, "users.getLoggedInUser", nil)                                             // 3: flood by the rule
	f.callCode(t, b, "users.getLoggedInUser", nil)                                             // 4
	f.callCode(t, b, "users.getInfo", url.Values{"uids": {"575000000002"}, "fields": {"uid"}}) // 5: 10, no scope
	all, err := f.c.Requests(f.ctx, control.Filter{})
	if err != nil || len(all) != 5 {
		t.Fatalf("journal = %d entries (%v), want 5", len(all), err)
	}
	tests := []struct {
		name string
		f    control.Filter
		want []uint64 // entry ids, relative to the first
	}{
		{"method", control.Filter{Method: "users.getInfo"}, []uint64{1, 4}},
		{"application", control.Filter{ApplicationKey: "JOURNALA"}, []uint64{0, 1}},
		{"endpoint", control.Filter{Endpoint: "api"}, []uint64{0, 1, 2, 3, 4}},
		{"no such endpoint", control.Filter{Endpoint: "token"}, nil},
		{"full token", control.Filter{Token: b.AccessToken}, []uint64{2, 3, 4}},
		{"masked token", control.Filter{Token: all[0].Token}, []uint64{0, 1}},
		{"since an id", control.Filter{SinceID: all[2].ID}, []uint64{3, 4}},
		{"since a time", control.Filter{Since: mid}, []uint64{2, 3, 4}},
		{"any scenario", control.Filter{Scenario: "*"}, []uint64{2}},
		{"scenario by name", control.Filter{Scenario: "b-flood"}, []uint64{2}},
		{"scenario by id", control.Filter{Scenario: rules[0].ID}, []uint64{2}},
		{"outcome ok", control.Filter{Outcome: "ok"}, []uint64{0, 1, 3}},
		{"outcome error", control.Filter{Outcome: "error"}, []uint64{2, 4}},
		{"error code", control.Filter{ErrorCode: 10}, []uint64{4}},
		{"param", control.Filter{Params: map[string]string{"uids": "575000000002"}}, []uint64{1, 4}},
		{"param and application", control.Filter{ApplicationKey: "JOURNALB", Params: map[string]string{"fields": "uid"}}, []uint64{4}},
		{"limit keeps the newest", control.Filter{Limit: 2}, []uint64{3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.c.Requests(f.ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []uint64
			for _, e := range got {
				ids = append(ids, e.ID-all[0].ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("entries = %v, want %v", ids, tt.want)
			}
			n, err := f.c.CountRequests(f.ctx, tt.f)
			if err != nil || n != len(tt.want) {
				t.Errorf("count = %d (%v), want %d", n, err, len(tt.want))
			}
		})
	}
	if err := f.c.ClearRequests(f.ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.c.CountRequests(f.ctx, control.Filter{}); n != 0 {
		t.Errorf("journal after clear has %d entries", n)
	}
}

func TestJournalEntriesShowSchemeAndSecrets(t *testing.T) {
	f := newFixture(t)
	creds := f.session(t, testApp("LEAKAPP", 7103), control.SessionSpec{})
	leaky := url.Values{"application_secret_key": {creds.ApplicationSecret}}
	f.callCode(t, creds, "users.getCurrentUser", nil)
	f.callCode(t, creds, "users.getCurrentUser", leaky)
	got, err := f.c.Requests(f.ctx, control.Filter{ApplicationKey: "LEAKAPP"})
	if err != nil || len(got) != 2 {
		t.Fatalf("journal = %+v (%v)", got, err)
	}
	if got[0].Scheme != "server" || got[0].Secrets.Any() {
		t.Errorf("clean call: scheme %q secrets %+v", got[0].Scheme, got[0].Secrets)
	}
	if !got[1].Secrets.ApplicationSecret || got[1].Params["application_secret_key"] == creds.ApplicationSecret {
		t.Errorf("leaking call: secrets %+v params %v, want flagged and masked", got[1].Secrets, got[1].Params)
	}
}
