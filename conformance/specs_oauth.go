package conformance

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
)

// Flows.
const (
	flowCode     = "code"
	flowImplicit = "token"
)

func oauthSpecs() []Spec {
	code := []protocol.Feature{protocol.FeatureCodeFlow}
	implicit := []protocol.Feature{protocol.FeatureImplicitFlow}
	refresh := []protocol.Feature{protocol.FeatureRefresh}
	return []Spec{{
		Name: "required/oauth/code/authorize-url", Tier: Required, Needs: code,
		Fact: "authorize takes client_id (the numeric id), response_type, redirect_uri, scope joined by ';' and state (OK docs, OAuth)",
		run:  func(f *Fixture) { f.expectAuthorizeURL(flowCode) },
	}, {
		Name: "required/oauth/code/callback-exchanges-code", Tier: Required, Needs: code,
		Fact: "the code goes to token.do with client_id, client_secret, redirect_uri and grant_type=authorization_code (OK docs, OAuth)",
		run: func(f *Fixture) {
			state := "st-" + f.App.Key
			loc := f.authorize(flowCode, redirectURI, state)
			t := expectTokens(f.Send(callbackInstruction(flowCode, loc, state, redirectURI)))
			f.expectOneTokenCall(map[string]string{"grant_type": "authorization_code", "redirect_uri": redirectURI})
			Expect(t.RefreshToken).NotTo(BeEmpty(), "the code flow hands out a refresh_token")
			Expect(t.ExpiresIn).To(BeNumerically(">", 0), "expires_in is a number of seconds (OK sends a string)")
			f.expectLiveToken(t.AccessToken)
		},
	}, {
		Name: "required/oauth/code/redirect-uri-sent-unchanged", Tier: Required, Needs: code,
		Fact: "token.do needs the very redirect_uri of the authorize step, query included (OK answers invalid_request 'Wrong redirect_uri')",
		run: func(f *Fixture) {
			redirect := redirectURI + "?from=okmock&next=%2Fпрофиль"
			state := "st-" + f.App.Key
			loc := f.authorize(flowCode, redirect, state)
			t := expectTokens(f.Send(callbackInstruction(flowCode, loc, state, redirect)))
			f.expectOneTokenCall(map[string]string{"redirect_uri": redirect})
			f.expectLiveToken(t.AccessToken)
		},
	}, {
		Name: "required/oauth/code/wrong-state-refused", Tier: Required, Needs: code,
		Fact: "state is returned unchanged; a callback with another state may be forged and must be refused before token.do (OAuth 2.0, RFC 6749 10.12)",
		run: func(f *Fixture) {
			loc := f.authorize(flowCode, redirectURI, "forged-"+f.App.Key)
			resp := f.Send(callbackInstruction(flowCode, loc, "mine-"+f.App.Key, redirectURI))
			expectErrorKind(resp, protocol.KindState, "a callback with a wrong state must be refused")
			f.expectNoTokenCall()
		},
	}, {
		Name: "required/oauth/code/missing-state-refused", Tier: Required, Needs: code,
		Fact: "a callback without the state the client sent must be refused before token.do (RFC 6749 10.12)",
		run: func(f *Fixture) {
			loc := f.authorize(flowCode, redirectURI, "")
			resp := f.Send(callbackInstruction(flowCode, loc, "mine-"+f.App.Key, redirectURI))
			expectErrorKind(resp, protocol.KindState, "a callback without state must be refused")
			f.expectNoTokenCall()
		},
	}, {
		Name: "required/oauth/code/error-redirect", Tier: Required, Needs: code,
		Fact: "a refusal comes back as error=access_denied in the redirect (live OK dialog, legacy iOS SDK)",
		run: func(f *Fixture) {
			f.Rule(map[string]any{"match": map[string]any{"endpoint": "authorize"},
				"respond": map[string]any{"oauth_error": map[string]any{"error": "access_denied"}}})
			state := "st-" + f.App.Key
			loc := f.authorize(flowCode, redirectURI, state)
			e := expectErrorKind(f.Send(callbackInstruction(flowCode, loc, state, redirectURI)), protocol.KindOAuth, "an error redirect is an OAuth error")
			Expect(e.OAuthError).To(Equal("access_denied"))
			f.expectNoTokenCall()
		},
	}, {
		Name: "required/oauth/code/exchange-code", Tier: Required, Needs: code,
		Fact: "token.do answers access_token, refresh_token, token_type and expires_in as a string (live captures)",
		run: func(f *Fixture) {
			loc := f.authorize(flowCode, redirectURI, "s")
			u, err := url.Parse(loc)
			Expect(err).NotTo(HaveOccurred())
			ins := &protocol.Instruction{Type: protocol.TypeExchangeCode, Code: u.Query().Get("code"), RedirectURI: redirectURI}
			t := expectTokens(f.Send(ins))
			f.expectOneTokenCall(map[string]string{"grant_type": "authorization_code", "redirect_uri": redirectURI})
			Expect(t.RefreshToken).NotTo(BeEmpty())
			f.expectLiveToken(t.AccessToken)
		},
	}, {
		Name: "required/oauth/code/invalid-code", Tier: Required, Needs: code,
		Fact: "token.do answers an OAuth error as JSON with HTTP 200 (live captures); it is an error, not a token",
		run: func(f *Fixture) {
			ins := &protocol.Instruction{Type: protocol.TypeExchangeCode, Code: "not-a-code-" + f.App.Key, RedirectURI: redirectURI}
			e := expectErrorKind(f.Send(ins), protocol.KindOAuth, "a refused code is an OAuth error")
			Expect(e.OAuthError).To(Equal("invalid_grant"))
		},
	}, {
		Name: "required/oauth/implicit/authorize-url", Tier: Required, Needs: implicit,
		Fact: "the implicit flow asks response_type=token with the same parameters as the code flow (OK docs, OAuth for clients)",
		run:  func(f *Fixture) { f.expectAuthorizeURL(flowImplicit) },
	}, {
		Name: "required/oauth/implicit/callback-reads-fragment", Tier: Required, Needs: implicit,
		Fact: "the implicit flow returns access_token, session_secret_key and expires_in in the URL fragment, and needs no token.do (OK docs; live sample)",
		run: func(f *Fixture) {
			state := "st-" + f.App.Key
			loc := f.authorize(flowImplicit, redirectURI, state)
			t := expectTokens(f.Send(implicitCallback(f, loc, state)))
			frag, err := url.ParseQuery(loc[strings.IndexByte(loc, '#')+1:])
			Expect(err).NotTo(HaveOccurred())
			Expect(t.AccessToken).To(Equal(frag.Get("access_token")))
			Expect(t.SessionSecretKey).To(Equal(frag.Get("session_secret_key")), "session_secret_key comes from the fragment")
			Expect(strconv.FormatInt(t.ExpiresIn, 10)).To(Equal(frag.Get("expires_in")))
			f.expectNoTokenCall()
		},
	}, {
		Name: "required/oauth/implicit/wrong-state-refused", Tier: Required, Needs: implicit,
		Fact: "a fragment with another state must be refused: the token may be an attacker's (RFC 6749 10.12)",
		run: func(f *Fixture) {
			loc := f.authorize(flowImplicit, redirectURI, "forged-"+f.App.Key)
			expectErrorKind(f.Send(implicitCallback(f, loc, "mine-"+f.App.Key)), protocol.KindState, "a callback with a wrong state must be refused")
		},
	}, {
		Name: "required/oauth/implicit/error-redirect", Tier: Required, Needs: implicit,
		Fact: "a refusal in the implicit flow arrives as error=access_denied in the fragment (live OK dialog)",
		run: func(f *Fixture) {
			f.Rule(map[string]any{"match": map[string]any{"endpoint": "authorize"},
				"respond": map[string]any{"oauth_error": map[string]any{"error": "access_denied"}}})
			state := "st-" + f.App.Key
			loc := f.authorize(flowImplicit, redirectURI, state)
			e := expectErrorKind(f.Send(implicitCallback(f, loc, state)), protocol.KindOAuth, "an error redirect is an OAuth error")
			Expect(e.OAuthError).To(Equal("access_denied"))
		},
	}, {
		Name: "required/oauth/refresh/new-access-token", Tier: Required, Needs: refresh,
		Fact: "refresh posts refresh_token, client_id, client_secret and grant_type=refresh_token to token.do (third-party clients, legacy iOS SDK)",
		run: func(f *Fixture) {
			g := f.Grant()
			t := expectTokens(f.Send(&protocol.Instruction{Type: protocol.TypeRefresh, RefreshToken: g.RefreshToken}))
			f.expectOneTokenCall(map[string]string{"grant_type": "refresh_token"})
			Expect(t.AccessToken).NotTo(Equal(g.AccessToken), "a refresh answers a new access_token")
			f.expectLiveToken(t.AccessToken)
		},
	}, {
		Name: "required/oauth/refresh/rejected", Tier: Required, Needs: refresh,
		Fact: "a bad refresh token answers {\"error\":\"invalid_token\"} with HTTP 200 (live capture); it is an error",
		run: func(f *Fixture) {
			ins := &protocol.Instruction{Type: protocol.TypeRefresh, RefreshToken: "not-a-refresh-token"}
			e := expectErrorKind(f.Send(ins), protocol.KindOAuth, "a refused refresh is an OAuth error")
			Expect(e.OAuthError).To(Equal("invalid_token"))
		},
	}}
}

// implicitCallback is a callback instruction of the implicit flow, whose
// client holds no application secret.
func implicitCallback(f *Fixture, loc, state string) *protocol.Instruction {
	ins := callbackInstruction(flowImplicit, loc, state, redirectURI)
	ins.Config = f.Config(false)
	return ins
}

// expectAuthorizeURL asks the driver for an authorize URL and checks its
// parameters and that okmock accepts it.
func (f *Fixture) expectAuthorizeURL(responseType string) {
	state := "st-" + f.App.Key
	ins := &protocol.Instruction{Type: protocol.TypeAuthorizeURL, ResponseType: responseType,
		RedirectURI: redirectURI, Scope: oauthScopes, State: state, Config: f.Config(responseType == flowCode)}
	resp := f.Send(ins)
	Expect(resp.Error).To(BeNil(), "building an authorize URL cannot fail")
	var raw string
	Expect(json.Unmarshal(resp.Result, &raw)).To(Succeed(), "the result is the URL, a JSON string")
	u, err := url.Parse(raw)
	Expect(err).NotTo(HaveOccurred(), "the result must be a URL")
	base := ins.Config.AuthorizeURL
	Expect(u.Scheme+"://"+u.Host+u.Path).To(Equal(base), "the URL must be config.authorize_url")
	q := u.Query()
	want := map[string]string{
		"client_id": f.appID(), "response_type": responseType,
		"redirect_uri": redirectURI, "scope": strings.Join(oauthScopes, ";"), "state": state,
	}
	for k, v := range want {
		Expect(q[k]).To(Equal([]string{v}), "authorize parameter %s", k)
	}
	// okmock accepts it: the browser would land on the redirect URI.
	loc := f.follow(f.run.target.Base + raw[len(f.run.target.DriverURL):])
	Expect(loc).To(HavePrefix(redirectURI))
	Expect(loc).NotTo(ContainSubstring("error="), "okmock refused the authorize URL")
}
