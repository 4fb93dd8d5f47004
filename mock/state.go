package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// A state file keeps what a long-running okmock accumulated (registered
// applications, sessions and grants, the world with every object created,
// the clock's offset) so that a restart loses nothing. The journal, runtime
// scenarios, pending upload slots and authorization codes are not kept:
// they are short-lived or belong to one test run.

// stateVersion is the format of a state file; other versions are refused.
const stateVersion = 1

// stateDoc is the JSON form of a state file. It holds secrets: it is
// written readable by its owner only.
type stateDoc struct {
	Version       int             `json:"version"`
	SavedAt       time.Time       `json:"saved_at"`
	ClockOffsetNS int64           `json:"clock_offset_ns"`
	Apps          []*App          `json:"apps"`
	Sessions      []*Session      `json:"sessions"`
	Refresh       []refreshLink   `json:"refresh_tokens,omitempty"`
	Grants        []grantRecord   `json:"grants,omitempty"`
	World         json.RawMessage `json:"world"`
}

// refreshLink says which session a refresh token leads to now: after a
// refresh it is the newest session, not the one the token was issued with.
type refreshLink struct {
	RefreshToken string `json:"refresh_token"`
	AccessToken  string `json:"access_token"`
}

type grantRecord struct {
	ApplicationKey string   `json:"application_key"`
	UID            string   `json:"uid"`
	Scopes         []string `json:"scopes"`
}

// MarshalState returns the server's state as a state file's bytes.
func (s *Server) MarshalState() ([]byte, error) {
	st, w := s.state()
	worldJSON, err := w.Snapshot()
	if err != nil {
		return nil, err
	}
	doc := stateDoc{
		Version: stateVersion, SavedAt: s.clock.Now().UTC(),
		ClockOffsetNS: s.clock.offset.Load(), World: worldJSON,
	}
	st.mu.RLock()
	doc.Apps = make([]*App, 0, len(st.apps))
	for _, a := range st.apps {
		doc.Apps = append(doc.Apps, a.clone())
	}
	doc.Sessions = make([]*Session, 0, len(st.sessions))
	for _, sess := range st.sessions {
		doc.Sessions = append(doc.Sessions, sess.clone())
	}
	for rt, sess := range st.refresh {
		doc.Refresh = append(doc.Refresh, refreshLink{rt, sess.AccessToken})
	}
	for k, scopes := range st.grants {
		doc.Grants = append(doc.Grants, grantRecord{k.appKey, k.uid, slices.Clone(scopes)})
	}
	st.mu.RUnlock()
	// Sorted, so that an unchanged state gives unchanged bytes.
	slices.SortFunc(doc.Apps, func(a, b *App) int { return strings.Compare(a.Key, b.Key) })
	slices.SortFunc(doc.Sessions, func(a, b *Session) int { return strings.Compare(a.AccessToken, b.AccessToken) })
	slices.SortFunc(doc.Refresh, func(a, b refreshLink) int { return strings.Compare(a.RefreshToken, b.RefreshToken) })
	slices.SortFunc(doc.Grants, func(a, b grantRecord) int {
		return strings.Compare(a.ApplicationKey+"\x00"+a.UID, b.ApplicationKey+"\x00"+b.UID)
	})
	return json.Marshal(doc)
}

// stateBytesWithoutTime drops saved_at, which changes on every marshal,
// so that periodic saves can tell whether anything else changed.
func stateBytesWithoutTime(data []byte) []byte {
	var doc stateDoc
	if json.Unmarshal(data, &doc) != nil {
		return data
	}
	doc.SavedAt = time.Time{}
	out, _ := json.Marshal(doc)
	return out
}

// RestoreState replaces the server's state with a state file's. The
// applications of Options are registered again on top, so that a changed
// secret in the configuration takes effect.
func (s *Server) RestoreState(data []byte) error {
	var doc stateDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("okmock: state: %w", err)
	}
	if doc.Version != stateVersion {
		return fmt.Errorf("okmock: state version %d, want %d", doc.Version, stateVersion)
	}
	w, err := world.Restore(doc.World)
	if err != nil {
		return fmt.Errorf("okmock: state: %w", err)
	}
	st := newStore()
	for _, a := range doc.Apps {
		if a == nil {
			continue
		}
		if e := a.validate(); e != nil {
			return fmt.Errorf("okmock: state: application %q: %s", a.Key, e.Text)
		}
		st.putApp(a.clone())
	}
	for i := range s.opts.Apps {
		a := s.opts.Apps[i].clone()
		if e := a.validate(); e != nil {
			return fmt.Errorf("okmock: application %q: %s", a.Key, e.Text)
		}
		st.putApp(a)
	}
	for _, sess := range doc.Sessions {
		if sess == nil || sess.AccessToken == "" {
			continue
		}
		sess.tokenMask = maskToken(sess.AccessToken)
		st.sessions[sess.AccessToken] = sess
	}
	for _, l := range doc.Refresh {
		if sess, ok := st.sessions[l.AccessToken]; ok && l.RefreshToken != "" {
			st.refresh[l.RefreshToken] = sess
		}
	}
	for _, g := range doc.Grants {
		st.grants[grantKey{g.ApplicationKey, g.UID}] = g.Scopes
	}
	if doc.ClockOffsetNS > 0 {
		s.clock.reset()
		s.clock.Advance(time.Duration(doc.ClockOffsetNS))
	}
	s.mu.Lock()
	s.store, s.world, s.media = st, w, newUploads()
	s.mu.Unlock()
	return nil
}

// SaveState writes the state to path atomically: to a temporary file in
// the same folder, synced, then renamed over path, so that a crash leaves
// either the old file or the new one, never half of one.
func (s *Server) SaveState(path string) error {
	data, err := s.MarshalState()
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// LoadState restores the state saved at path. A missing file is not an
// error: it reports false, and the server keeps its fresh state.
func (s *Server) LoadState(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := s.RestoreState(data); err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	return true, nil
}

// SaveStateEvery saves the state to path every interval until ctx ends,
// skipping saves that would write what is already there. Errors go to
// onError (nil: ignored); the loop goes on.
func (s *Server) SaveStateEvery(ctx context.Context, path string, interval time.Duration, onError func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	var last []byte
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		data, err := s.MarshalState()
		if err == nil {
			if cur := stateBytesWithoutTime(data); !bytes.Equal(cur, last) {
				if err = writeFileAtomic(path, data); err == nil {
					last = cur
				}
			}
		}
		if err != nil && onError != nil {
			onError(err)
		}
	}
}

// writeFileAtomic replaces path with data, readable by its owner only.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer func() { _ = os.Remove(name) }() // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	// The rename itself is durable once the folder is synced.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
