package mock

import (
	"slices"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// issueSession creates a new session for uid in app with the given scopes;
// ttl 0 means the default for the scopes.
func issueSession(app *App, uid string, scopes []string, ttl time.Duration, now time.Time) *Session {
	if ttl == 0 {
		ttl = accessTTL(scopes)
	}
	return &Session{
		AccessToken:      newAccessToken(),
		SessionSecret:    newSessionSecret(),
		RefreshToken:     newRefreshToken(),
		ApplicationKey:   app.Key,
		UID:              uid,
		Scopes:           normalizeScopes(scopes),
		ExpiresAt:        now.Add(ttl),
		RefreshExpiresAt: now.Add(DefaultRefreshTTL),
	}
}

// normalizeScopes upper-cases, de-duplicates and sorts scope names so that
// permissions_granted and the journal are stable.
func normalizeScopes(scopes []string) []string {
	out := make([]string, 0, len(scopes))
	for _, sc := range scopes {
		sc = upperASCII(sc)
		if sc != "" && !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	slices.Sort(out)
	return out
}

func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// resolveUser picks the user of a new session: the named one, else the
// application's default user, else the world's.
func resolveUser(w *world.World, app *App, uid string) (string, *Error) {
	if uid == "" {
		uid = app.DefaultUser
	}
	if uid == "" {
		uid = w.DefaultUID()
	}
	if _, ok := w.User(uid); !ok {
		return "", Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	return uid, nil
}

// maxSessionTTLSeconds bounds a configured session's lifetime: 100 years.
const maxSessionTTLSeconds = 100 * 365 * 24 * 3600

// buildSession turns a configured session into a stored one.
func buildSession(st *store, w *world.World, spec SessionSpec, now time.Time) (*Session, *Error) {
	app, ok := st.app(spec.ApplicationKey)
	if !ok {
		return nil, Errorf(CodeAPIKey, "unknown application_key %q", spec.ApplicationKey)
	}
	uid, err := resolveUser(w, app, spec.UID)
	if err != nil {
		return nil, err
	}
	// A longer lifetime would overflow time.Duration into the past.
	if spec.TTLSeconds > maxSessionTTLSeconds {
		return nil, errParam("ttl_seconds must be at most %d (100 years)", maxSessionTTLSeconds)
	}
	ttl := time.Duration(spec.TTLSeconds) * time.Second
	sess := issueSession(app, uid, spec.Scopes, ttl, now)
	if spec.TTLSeconds < 0 || spec.Expired {
		sess.ExpiresAt = now.Add(-time.Second)
	}
	if spec.AccessToken != "" {
		sess.AccessToken = spec.AccessToken
	}
	if spec.SessionSecret != "" {
		sess.SessionSecret = spec.SessionSecret
	}
	if spec.RefreshToken != "" {
		sess.RefreshToken = spec.RefreshToken
	}
	return sess, nil
}
