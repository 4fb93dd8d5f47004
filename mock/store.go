package mock

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// store holds applications and sessions. One RWMutex guards it: reads (the
// hot path) take the read lock; extending a LONG_ACCESS_TOKEN on use is the
// only write on the hot path and happens at most once a minute per token.
type store struct {
	mu       sync.RWMutex
	apps     map[string]*App     // by application_key
	appIDs   map[int64]*App      // by application_id
	sessions map[string]*Session // by access_token
	refresh  map[string]*Session // by refresh_token
	grants   map[grantKey][]string
	codes    map[string]*authCode
}

// grantKey names what a user granted one application.
type grantKey struct {
	appKey string
	uid    string
}

func newStore() *store {
	return &store{
		apps:     map[string]*App{},
		appIDs:   map[int64]*App{},
		sessions: map[string]*Session{},
		refresh:  map[string]*Session{},
		grants:   map[grantKey][]string{},
	}
}

// putApp adds or replaces an application (by key). Replacing keeps its
// sessions; a changed application_id is re-indexed.
func (s *store) putApp(a *App) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.apps[a.Key]; ok && s.appIDs[old.ID] == old {
		delete(s.appIDs, old.ID)
	}
	s.apps[a.Key] = a
	if a.ID != 0 {
		s.appIDs[a.ID] = a
	}
}

// app returns the application with the given key (not a copy: apps are
// replaced whole, never mutated in place).
func (s *store) app(key string) (*App, bool) {
	s.mu.RLock()
	a, ok := s.apps[key]
	s.mu.RUnlock()
	return a, ok
}

// appByID returns the application with the given numeric id.
func (s *store) appByID(id int64) (*App, bool) {
	s.mu.RLock()
	a, ok := s.appIDs[id]
	s.mu.RUnlock()
	return a, ok
}

// appList returns all applications sorted by key.
func (s *store) appList() []*App {
	s.mu.RLock()
	out := make([]*App, 0, len(s.apps))
	for _, a := range s.apps {
		out = append(out, a)
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// deleteApp removes an application with its sessions and grants, so that a
// test can clean up after itself without a global reset.
func (s *store) deleteApp(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[key]
	if !ok {
		return false
	}
	delete(s.apps, key)
	if s.appIDs[a.ID] == a {
		delete(s.appIDs, a.ID)
	}
	for tok, sess := range s.sessions {
		if sess.ApplicationKey == key {
			delete(s.sessions, tok)
		}
	}
	for tok, sess := range s.refresh {
		if sess.ApplicationKey == key {
			delete(s.refresh, tok)
		}
	}
	for g := range s.grants {
		if g.appKey == key {
			delete(s.grants, g)
		}
	}
	return true
}

// putSession stores a session under its access and refresh tokens.
func (s *store) putSession(sess *Session) {
	sess.tokenMask = maskToken(sess.AccessToken)
	s.mu.Lock()
	s.sessions[sess.AccessToken] = sess
	if sess.RefreshToken != "" {
		s.refresh[sess.RefreshToken] = sess
	}
	s.mu.Unlock()
}

// session looks a token up and, for a LONG_ACCESS_TOKEN session still
// valid at now, extends it (OK: "30 days, extended on use"). It returns a
// copy, so the caller never races with later changes.
func (s *store) session(token string, now time.Time) (*Session, bool) {
	var c Session
	if !s.sessionInto(token, now, &c) {
		return nil, false
	}
	c.Scopes = slices.Clone(c.Scopes)
	return &c, true
}

// sessionInto is session copying into dst, for the hot path: no
// allocation. dst.Scopes shares the stored slice, which is only ever
// replaced, never changed in place, so it must only be read.
func (s *store) sessionInto(token string, now time.Time, dst *Session) bool {
	s.mu.RLock()
	sess, ok := s.sessions[token]
	extend := false
	if ok {
		*dst = *sess
		extend = dst.long() && !dst.expired(now) && !dst.Revoked && now.Add(LongAccessTTL).Sub(dst.ExpiresAt) > time.Minute
	}
	s.mu.RUnlock()
	if extend {
		s.mu.Lock()
		if cur, ok := s.sessions[token]; ok && !cur.expired(now) {
			cur.ExpiresAt = now.Add(LongAccessTTL)
			dst.ExpiresAt = cur.ExpiresAt
		}
		s.mu.Unlock()
	}
	return ok
}

// cacheServerSecret remembers a session's server-scheme secret.
func (s *store) cacheServerSecret(token, appSecret, secret string) {
	s.mu.Lock()
	if sess, ok := s.sessions[token]; ok {
		sess.serverSecret, sess.serverSecretFor = secret, appSecret
	}
	s.mu.Unlock()
}

// updateSession applies f to the stored session of token, if any.
func (s *store) updateSession(token string, f func(*Session)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[token]
	if ok {
		f(sess)
	}
	return ok
}

// sessionsOf lists copies of the sessions of one application (all when key
// is empty), sorted by token for stable output.
func (s *store) sessionsOf(key string) []*Session {
	s.mu.RLock()
	out := []*Session{}
	for _, sess := range s.sessions {
		if key == "" || sess.ApplicationKey == key {
			out = append(out, sess.clone())
		}
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].AccessToken < out[j].AccessToken })
	return out
}
