package mock

import "time"

// authCode is an authorization code of the code flow: single use, short
// lived, bound to the client and the redirect URI it was issued for.
type authCode struct {
	appKey      string
	redirectURI string
	uid         string
	scopes      []string
	expires     time.Time
}

// putCode stores a new code.
func (s *store) putCode(code string, c *authCode) {
	s.mu.Lock()
	if s.codes == nil {
		s.codes = map[string]*authCode{}
	}
	s.codes[code] = c
	s.mu.Unlock()
}

// peekCode returns a code without using it up.
func (s *store) peekCode(code string) (*authCode, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.codes[code]
	return c, ok
}

// takeCode uses a code up; only one caller can win.
func (s *store) takeCode(code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.codes[code]
	delete(s.codes, code)
	return ok
}

// refreshSession returns a copy of the newest session of a refresh token.
func (s *store) refreshSession(token string) (*Session, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sess, ok := s.refresh[token]
	if !ok {
		return nil, false
	}
	return sess.clone(), true
}

// takeRefresh uses a refresh token up (rotation); only one caller can win,
// so concurrent refreshes with one token cannot both get new tokens.
func (s *store) takeRefresh(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.refresh[token]
	delete(s.refresh, token)
	return ok
}

// revokeRefresh makes a refresh token fail from now on. The refresh map
// may point at a newer session than the one revoked (each refresh
// re-registers the token), so the entry is replaced by a revoked copy:
// the newer session's own access token keeps working.
func (s *store) revokeRefresh(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess, ok := s.refresh[token]; ok && !sess.Revoked {
		c := sess.clone()
		c.Revoked = true
		s.refresh[token] = c
	}
}

// dropCodes forgets the codes issued to a user for an application not yet
// exchanged: a revoked grant must not come back through them.
func (s *store) dropCodes(appKey, uid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for code, c := range s.codes {
		if c.appKey == appKey && c.uid == uid {
			delete(s.codes, code)
		}
	}
}
