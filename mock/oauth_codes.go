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

// retireRefresh forgets a refresh token (rotation).
func (s *store) retireRefresh(token string) {
	s.mu.Lock()
	delete(s.refresh, token)
	s.mu.Unlock()
}
