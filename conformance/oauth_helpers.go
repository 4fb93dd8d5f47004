package conformance

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/mock/control"
)

// oauthScopes are the scopes the OAuth specs ask for.
var oauthScopes = []string{"VALUABLE_ACCESS", "PHOTO_CONTENT"}

// authorize plays the browser: it opens okmock's authorize page for the
// spec's application (which approves at once) and answers where okmock
// redirected. An empty state sends none.
func (f *Fixture) authorize(responseType, redirect, state string) string {
	q := url.Values{
		"client_id":     {f.appID()},
		"response_type": {responseType},
		"redirect_uri":  {redirect},
		"scope":         {strings.Join(oauthScopes, ";")},
	}
	if state != "" {
		q.Set("state", state)
	}
	return f.follow(f.run.target.Base + "/oauth/authorize?" + q.Encode())
}

// follow opens an authorize URL and answers the Location okmock
// redirected to.
func (f *Fixture) follow(authorizeURL string) string {
	resp, err := f.run.target.HTTP.Get(authorizeURL)
	Expect(err).NotTo(HaveOccurred(), "open the authorize page")
	resp.Body.Close()
	Expect(resp.StatusCode).To(Equal(http.StatusFound), "okmock must redirect at once (the application auto-approves)")
	loc := resp.Header.Get("Location")
	Expect(loc).NotTo(BeEmpty())
	return loc
}

// expectTokens checks a token result and answers it.
func expectTokens(resp *protocol.Response) protocol.TokenResult {
	Expect(resp.Error).To(BeNil(), "the instruction must succeed")
	var t protocol.TokenResult
	Expect(json.Unmarshal(resp.Result, &t)).To(Succeed(), "the result is {access_token, ...}: %s", clip(string(resp.Result), 200))
	Expect(t.AccessToken).NotTo(BeEmpty(), "the result must carry the access_token")
	return t
}

// expectLiveToken checks okmock knows token as a session of the spec's
// application.
func (f *Fixture) expectLiveToken(token string) control.SessionGrant {
	list, err := f.run.target.Control.Sessions(f.ctx, f.App.Key)
	Expect(err).NotTo(HaveOccurred())
	for _, s := range list {
		if s.AccessToken == token {
			return s
		}
	}
	Fail("the access_token the driver answered is not a session okmock issued to this application")
	return control.SessionGrant{}
}

// expectNoTokenCall checks the driver made no request to the token
// endpoint.
func (f *Fixture) expectNoTokenCall() {
	calls := f.Endpoint(endpointToken)
	Expect(calls).To(BeEmpty(), "the driver must not call token.do:%s", describe(calls))
}

// expectOneTokenCall checks the driver called token.do once, with the
// client's credentials in parameters and the given grant fields, and that
// okmock accepted it.
func (f *Fixture) expectOneTokenCall(fields map[string]string) control.JournalEntry {
	calls := f.Endpoint(endpointToken)
	Expect(calls).To(HaveLen(1), "the driver must call token.do once:%s", describe(calls))
	e := calls[0]
	Expect(e.Params).To(HaveKeyWithValue("client_id", f.appID()), "client_id is the numeric application id")
	Expect(e.Params).To(HaveKey("client_secret"), "client_secret travels as a parameter (OK refuses HTTP Basic)")
	for k, v := range fields {
		Expect(e.Params).To(HaveKeyWithValue(k, v), "token.do parameter %s", k)
	}
	Expect(e.OAuthError).To(BeEmpty(), "okmock refused the token request:%s", describe(calls))
	return e
}

// callbackInstruction asks the driver to handle a redirect.
func callbackInstruction(responseType, loc, state, redirect string) *protocol.Instruction {
	return &protocol.Instruction{Type: protocol.TypeCallback, ResponseType: responseType, URL: loc, State: state, RedirectURI: redirect}
}

// expectErrorKind checks the driver refused with an error of kind.
func expectErrorKind(resp *protocol.Response, kind, why string) *protocol.Error {
	Expect(resp.Error).NotTo(BeNil(), "%s; the driver answered %s", why, clip(string(resp.Result), 200))
	Expect(resp.Error.Kind).To(Equal(kind), "%s: %v", why, resp.Error)
	return resp.Error
}
