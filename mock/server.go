package mock

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/mock/world"
	"github.com/okmock/okmock/openapi"
	"github.com/okmock/okmock/scenarios"
)

// Server is an okmock instance: an http.Handler that answers as api.ok.ru
// and connect.ok.ru do. It is safe for concurrent use.
type Server struct {
	opts      Options
	echo      *echo.Echo
	clock     *shiftedClock
	catalogue *openapi.Catalogue
	log       *slog.Logger
	limits    Limits
	journal   *journal
	oauth     OAuthOptions
	cookieKey []byte // signs the login cookie of the consent page
	scenarios *scenarios.Engine

	// mu guards the swappable state below; reset replaces it whole.
	mu    sync.RWMutex
	store *store
	world *world.World
	media *uploads
}

// New builds a Server from opts. It fails only on invalid options (a bad
// app, a session for an unknown app or user, a broken catalogue).
func New(opts Options) (*Server, error) {
	cat := opts.Catalogue
	if cat == nil {
		var err error
		if cat, err = openapi.Default(); err != nil {
			return nil, fmt.Errorf("okmock: load method catalogue: %w", err)
		}
	}
	if err := checkHandlers(cat); err != nil {
		return nil, err
	}
	base := opts.Clock
	if base == nil {
		base = systemClock{}
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	size := opts.JournalSize
	if size == 0 {
		size = DefaultJournalSize
	}
	s := &Server{
		opts:      opts,
		clock:     &shiftedClock{base: base},
		catalogue: cat,
		log:       logger,
		limits:    opts.Limits.withDefaults(),
		journal:   newJournal(size),
		oauth:     opts.OAuth.withDefaults(),
		cookieKey: []byte(randomHex(32)),
	}
	s.scenarios = scenarios.NewEngine(opts.Seed)
	s.scenarios.SetClock(s.clock.Now)
	if err := s.reset(); err != nil {
		return nil, err
	}
	s.echo = s.routes()
	return s, nil
}

// ServeHTTP answers one request. Routing ignores the Host header, so the
// same port serves api.ok.ru and connect.ok.ru alike.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
}

// Now is the server's current time: the injected clock plus every
// Advance.
func (s *Server) Now() time.Time { return s.clock.Now() }

// Advance moves the server's clock forward by d, as POST /__okmock/clock
// does, so that tests can expire tokens and codes without sleeping.
func (s *Server) Advance(d time.Duration) { s.clock.Advance(d) }

// reset rebuilds the world and the store from the options: what
// POST /__okmock/reset does.
func (s *Server) reset() error {
	w := world.New(world.Options{
		Seed:   s.opts.Seed,
		Users:  s.opts.WorldUsers,
		Groups: s.opts.WorldGroups,
		Now:    s.clock.Now(),
	})
	for _, u := range s.opts.Users {
		if err := w.PutUser(u); err != nil {
			return fmt.Errorf("okmock: user %q: %w", u.UID, err)
		}
	}
	st := newStore()
	apps := s.opts.Apps
	if !s.opts.NoDemoApp && !hasAppKey(apps, DemoApp().Key) {
		apps = append([]App{DemoApp()}, apps...)
	}
	for i := range apps {
		a := apps[i].clone()
		if err := a.validate(); err != nil {
			return fmt.Errorf("okmock: application %q: %s", a.Key, err.Text)
		}
		st.putApp(a)
	}
	now := s.clock.Now()
	for i, spec := range s.opts.Sessions {
		sess, err := buildSession(st, w, spec, now)
		if err != nil {
			return fmt.Errorf("okmock: session %d: %s", i, err.Text)
		}
		st.putSession(sess)
	}
	// Scenarios given at start come back with every reset; the ones added
	// at runtime go.
	s.scenarios.Clear()
	for _, doc := range s.opts.Scenarios {
		if _, err := s.scenarios.Add(doc); err != nil {
			return fmt.Errorf("okmock: scenario %s: %w", doc.Name, err)
		}
	}
	s.mu.Lock()
	s.store, s.world, s.media = st, w, newUploads()
	s.mu.Unlock()
	return nil
}

func hasAppKey(apps []App, key string) bool {
	for _, a := range apps {
		if a.Key == key {
			return true
		}
	}
	return false
}

// state returns the current store and world together (a reset swaps both).
func (s *Server) state() (*store, *world.World) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.store, s.world
}

// currentUploads is the upload registry of the current world.
func (s *Server) currentUploads() *uploads {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.media
}

// publicBase is the scheme and host absolute URLs start with: PublicURL when
// configured, otherwise what the request itself was sent to, so a client
// that reached okmock as http://api.ok.ru:8080 gets upload URLs there.
func (s *Server) publicBase(r *http.Request) string {
	if s.opts.PublicURL != "" {
		return strings.TrimRight(s.opts.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "http" || p == "https" {
		scheme = p
	}
	return scheme + "://" + r.Host
}
