package mock

import "slices"

// grant records scopes a user granted an application (OAuth consent, or a
// session minted through the control API).
func (s *store) grant(appKey, uid string, scopes []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := grantKey{appKey, uid}
	s.grants[k] = normalizeScopes(append(slices.Clone(s.grants[k]), scopes...))
}

// grantedScopes returns a copy of what uid granted appKey.
func (s *store) grantedScopes(appKey, uid string) ([]string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.grants[grantKey{appKey, uid}]
	return slices.Clone(g), ok
}

// granted reports whether uid granted scope to appKey, through a consent
// or any live session.
func (s *store) granted(appKey, uid, scope string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if slices.Contains(s.grants[grantKey{appKey, uid}], scope) {
		return true
	}
	for _, sess := range s.sessions {
		if sess.ApplicationKey == appKey && sess.UID == uid && !sess.Revoked && sess.HasScope(scope) {
			return true
		}
	}
	return false
}

// isAppUser reports whether uid has authorized appKey at all.
func (s *store) isAppUser(appKey, uid string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.grants[grantKey{appKey, uid}]; ok {
		return true
	}
	for _, sess := range s.sessions {
		if sess.ApplicationKey == appKey && sess.UID == uid && !sess.Revoked {
			return true
		}
	}
	return false
}

// revokeGrant forgets uid's grant to appKey and revokes every token of
// that user in that application: they then answer 103, as unknown tokens.
func (s *store) revokeGrant(appKey, uid string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.grants, grantKey{appKey, uid})
	n := 0
	for _, sess := range s.sessions {
		if sess.ApplicationKey == appKey && sess.UID == uid && !sess.Revoked {
			sess.Revoked = true
			n++
		}
	}
	return n
}
