package conformance

import (
	"encoding/json"
	"sort"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/mock/control"
)

func refreshSpecs() []Spec {
	needs := []protocol.Feature{protocol.FeatureAutoRefresh, protocol.FeatureSignServer}
	return []Spec{{
		Name: "recommended/refresh/on-102-refresh-and-repeat", Tier: Recommended, Needs: needs,
		Fact: "102 PARAM_SESSION_EXPIRED means the access token expired (30 min): refresh it and repeat the call (legacy official iOS SDK, third-party clients)",
		run: func(f *Fixture) {
			g := f.Grant()
			f.Rule(map[string]any{"match": map[string]any{"method": "users.getCurrentUser"}, "times": 1,
				"respond": map[string]any{"error_code": 102, "expire_token": true}})
			resp := f.CallWith(protocol.SignServer, refreshable(g), "users.getCurrentUser", nil)
			Expect(resp.Error).To(BeNil(), "after refreshing, the repeated call succeeds")
			var me struct {
				UID string `json:"uid"`
			}
			Expect(json.Unmarshal(resp.Result, &me)).To(Succeed())
			Expect(me.UID).To(Equal(g.UID))
			all := f.Journal(control.Filter{})
			Expect(all).To(HaveLen(3), "a 102, a refresh, the repeated call:%s", describe(all))
			Expect([]string{all[0].Endpoint, all[1].Endpoint, all[2].Endpoint}).To(Equal([]string{endpointAPI, endpointToken, endpointAPI}), describe(all))
			Expect(all[0].ErrorCode).To(Equal(102))
			Expect(all[1].Params).To(HaveKeyWithValue("grant_type", "refresh_token"))
			Expect(all[1].OAuthError).To(BeEmpty())
			Expect(all[2].ErrorCode).To(BeZero())
			Expect(all[2].Token).NotTo(Equal(all[0].Token), "the repeated call uses the new access token")
		},
	}, {
		Name: "recommended/refresh/repeat-only-once", Tier: Recommended, Needs: needs,
		Fact: "after one refresh a second 102 is reported, not refreshed again: a client must not loop",
		run: func(f *Fixture) {
			f.Rule(map[string]any{"match": map[string]any{"method": "users.getCurrentUser"}, "times": 2,
				"respond": map[string]any{"error_code": 102}})
			resp := f.CallWith(protocol.SignServer, refreshable(f.Grant()), "users.getCurrentUser", nil)
			expectAPIError(resp, 102)
			f.expectCounts(2, 1)
		},
	}, {
		Name: "recommended/refresh/refresh-rejected", Tier: Recommended, Needs: needs,
		Fact: "when the refresh is refused (revoked grant, invalid_token) the client reports it and stops",
		run: func(f *Fixture) {
			f.Rule(map[string]any{"match": map[string]any{"method": "users.getCurrentUser"}, "times": 1,
				"respond": map[string]any{"error_code": 102}})
			f.Rule(map[string]any{"match": map[string]any{"endpoint": "token"},
				"respond": map[string]any{"oauth_error": map[string]any{"error": "invalid_token", "error_description": "Refresh token revoked"}}})
			resp := f.CallWith(protocol.SignServer, refreshable(f.Grant()), "users.getCurrentUser", nil)
			Expect(resp.Error).NotTo(BeNil(), "a failed refresh is an error")
			Expect(resp.Error.Kind).To(BeElementOf(protocol.KindAPI, protocol.KindOAuth), "the 102 or the refresh's OAuth error: %v", resp.Error)
			f.expectCounts(1, 1)
		},
	}}
}

// refreshable is a code-flow session that carries its refresh token.
func refreshable(g control.SessionGrant) *protocol.Session {
	return &protocol.Session{AccessToken: g.AccessToken, RefreshToken: g.RefreshToken}
}

// expectCounts checks how many API and token requests okmock saw.
func (f *Fixture) expectCounts(api, token int) {
	all := f.Journal(control.Filter{})
	count := map[string]int{}
	for _, e := range all {
		count[e.Endpoint]++
	}
	Expect(count[endpointAPI]).To(Equal(api), "API calls:%s", describe(all))
	Expect(count[endpointToken]).To(Equal(token), "token.do requests:%s", describe(all))
}

// byID orders entries as okmock received them.
func byID(entries []control.JournalEntry) []control.JournalEntry {
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	return entries
}
