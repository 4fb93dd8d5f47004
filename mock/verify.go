package mock

import (
	"net"
	"slices"
	"strings"
	"unsafe"

	"github.com/okmock/okmock/openapi"
)

// checkApplication is OK's first check: a known, enabled application_key.
func (c *apiCall) checkApplication() *Error {
	key := c.params.Value("application_key")
	if key == "" {
		return NewError(CodeAPIKey, "No application key")
	}
	app, ok := c.store.app(key)
	if !ok {
		return NewError(CodeAPIKey, "Application not exist")
	}
	c.app = app
	if app.Status == AppDisabled {
		return NewError(CodeAppDisabled, "")
	}
	return nil
}

// newSecretScan prepares the secrets this request could leak.
func (c *apiCall) newSecretScan() secretScan {
	c.secretBuf[0] = c.app.Secret
	return secretScan{appSecrets: c.secretBuf[0:1:1]}
}

// checkSession resolves access_token (or its legacy name session_key). An
// unknown token is 103 even when the signature is also wrong: OK checks the
// session before the signature. An expired one keeps answering 102.
func (c *apiCall) checkSession() *Error {
	tok := c.token()
	if tok == "" {
		return nil
	}
	sess := &c.sessionBuf
	if !c.store.sessionInto(tok, c.now, sess) || sess.Revoked || sess.ApplicationKey != c.app.Key {
		return NewError(CodeSessionKey, "")
	}
	c.secretBuf[1] = sess.SessionSecret
	c.scan.sessionSecrets = c.secretBuf[1:2:2]
	if sess.tokenMask != "" {
		c.scan.token, c.scan.masked = tok, sess.tokenMask
	}
	if sess.expired(c.now) {
		return NewError(CodeSessionExpired, "")
	}
	c.session = sess
	return nil
}

// checkSignature verifies sig in every scheme that applies to the call.
// With a session both the server scheme (md5(access_token + app secret))
// and the client scheme (session_secret_key) are accepted; without one the
// application secret. When session_key was sent, a signing string that
// includes it is accepted too: the official JS SDKs sign it, the docs say
// not to.
func (c *apiCall) checkSignature() *Error {
	if c.method != nil && c.method.Unsigned {
		c.scheme = SchemeUnsigned
		return nil
	}
	sig, ok := c.params.Get("sig")
	if !ok || sig == "" {
		c.sigNote = "no sig parameter"
		return NewError(CodeSignature, "No signature specified")
	}
	all := c.params.All()
	// The signing string is built in the call's buffer, which the pool
	// keeps warm (one on the stack was 768 bytes to clear, on a goroutine
	// stack seldom still in the cache). Each secret is appended past the
	// string's end, in its spare capacity, which leaves the string itself
	// as it was for the next secret.
	type candidate struct {
		scheme Scheme
		secret string
	}
	var cands []candidate
	if c.session != nil {
		cands = []candidate{
			{SchemeServer, c.serverSecret()},
			{SchemeClient, c.session.SessionSecret},
		}
	} else {
		cands = []candidate{{SchemeApplication, c.app.Secret}}
	}
	room := 0
	for _, cand := range cands {
		room = max(room, len(cand.secret))
	}
	base := slices.Grow(appendSigningString(c.sigBuf[:0], all, false), room)
	c.sigBuf = base
	strs := [2][]byte{base}
	n := 1
	if _, sent := c.params.Get("session_key"); sent {
		strs[1], n = appendSigningString(nil, all, true), 2
	}
	for _, cand := range cands {
		for _, s := range strs[:n] {
			if sigMatches(sig, append(s, cand.secret...)) {
				c.scheme = cand.scheme
				return nil
			}
		}
	}
	tried := make([]string, len(cands))
	for i, cand := range cands {
		tried[i] = string(cand.scheme)
	}
	c.sigNote = "sig matched none of the schemes tried (" + strings.Join(tried, ", ") + ")"
	if n > 1 {
		c.sigNote += ", with and without session_key in the signing string"
	}
	if len(sig) != 32 {
		c.sigNote += "; the sig sent is not 32 hex characters"
	}
	shown := sig
	if c.srv.opts.SignatureErrorShowsExpected {
		shown = MD5Hex(string(base) + cands[0].secret)
	}
	// The signing string is echoed as OK does, but a secret the client sent
	// as a parameter (a leak) must not come back in the answer.
	return Errorf(CodeSignature, "Invalid signature %s, calculated by string %s%s", c.scan.mask(shown), c.scan.mask(string(base)), SecretMask)
}

// serverSecret is the server scheme's secret for the call's session, from
// the session's cache when it was made with the current app secret.
func (c *apiCall) serverSecret() string {
	if c.session.serverSecret != "" && c.session.serverSecretFor == c.app.Secret {
		return c.session.serverSecret
	}
	secret := ServerSecret(c.token(), c.app.Secret)
	c.store.cacheServerSecret(c.session.AccessToken, c.app.Secret, secret)
	return secret
}

// checkSessionRule applies the method's session rule from the catalogue.
func (c *apiCall) checkSessionRule() *Error {
	switch c.method.Session {
	case openapi.SessionProhibited:
		if c.session != nil {
			return NewError(CodeNotSessionMethod, "")
		}
	case openapi.SessionRequired:
		if c.session == nil && !c.method.Unsigned {
			return errParam("Missed required parameter: access_token")
		}
	}
	if c.session == nil && !c.method.Unsigned {
		return c.checkServerIP()
	}
	return nil
}

// checkServerIP enforces the application's allow-list for calls without a
// session.
func (c *apiCall) checkServerIP() *Error {
	if len(c.app.ServerIPs) == 0 {
		return nil
	}
	ip := net.ParseIP(remoteIP(c.req))
	for _, allowed := range c.app.ServerIPs {
		if _, n, err := net.ParseCIDR(allowed); err == nil {
			if ip != nil && n.Contains(ip) {
				return nil
			}
		} else if a := net.ParseIP(allowed); a != nil && a.Equal(ip) {
			return nil
		}
	}
	return Errorf(CodeIPBlocked, "Calls without session are not allowed from IP %s", remoteIP(c.req))
}

// checkPermissions requires every scope the method needs: granted to the
// session, or for a call without a session, allowed to the application
// (when the application lists its permissions at all).
func (c *apiCall) checkPermissions() *Error {
	if c.method.Unsigned {
		// sdk.init creates the anonymous session; there is nothing to hold
		// a permission yet.
		return nil
	}
	for _, p := range c.method.Permissions {
		if c.session != nil {
			if !c.session.HasScope(p) {
				return errPermission(p)
			}
		} else if len(c.app.Permissions) > 0 && !c.app.mayRequest(p) {
			return errPermission(p)
		}
	}
	return nil
}

// scanRequest looks for secrets anywhere in the request: parameters, the
// raw query, the body and every header.
func (c *apiCall) scanRequest() {
	if c.app == nil {
		return
	}
	query, body := c.req.URL.RawQuery, c.body
	c.scan.scan(query)
	c.scan.scan(body)
	for _, p := range c.params.All() {
		// Text read straight out of the query or the body was scanned
		// with it; only decoded text (percent escapes, multipart) is new.
		if !within(p.Key, query, body) {
			c.scan.scan(p.Key)
		}
		if !within(p.Value, query, body) {
			c.scan.scan(p.Value)
		}
	}
	c.scan.paramsClean = !c.scan.seen.Any()
	for _, p := range c.params.Dropped {
		c.scan.scan(p.Value)
	}
	c.scan.scan(c.req.URL.Path)
	for _, vs := range c.req.Header {
		for _, v := range vs {
			c.scan.scan(v)
		}
	}
}

// within reports whether s's bytes lie inside a's or b's: s is then a
// slice of that text, not a copy.
func within(s, a, b string) bool {
	return len(s) == 0 || sliceOf(s, a) || sliceOf(s, b)
}

func sliceOf(s, outer string) bool {
	if len(outer) == 0 {
		return false
	}
	p, o := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(outer)))
	return p >= o && p+uintptr(len(s)) <= o+uintptr(len(outer))
}
