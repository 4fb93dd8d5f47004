package mock

import "slices"

// revokeScopes takes scopes back from what uid granted appKey: from the
// recorded grant and from every live session of that user in that
// application, which from then on answer 10 for methods needing them. It
// returns how many sessions lost a scope.
func (s *store) revokeScopes(appKey, uid string, scopes []string) int {
	scopes = normalizeScopes(scopes)
	drop := func(list []string) []string {
		return slices.DeleteFunc(slices.Clone(list), func(sc string) bool { return slices.Contains(scopes, sc) })
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := grantKey{appKey, uid}
	if g, ok := s.grants[k]; ok {
		s.grants[k] = drop(g)
	}
	n := 0
	for _, sess := range s.sessions {
		if sess.ApplicationKey == appKey && sess.UID == uid {
			if kept := drop(sess.Scopes); len(kept) != len(sess.Scopes) {
				sess.Scopes = kept
				n++
			}
		}
	}
	return n
}
