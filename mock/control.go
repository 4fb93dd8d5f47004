package mock

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/openapi"
)

// The control API under /__okmock/ lets tests arrange okmock: register
// applications, mint sessions, move the clock, reset, read the journal. It
// speaks plain JSON with HTTP status codes; it is the only place besides
// OAuth that hands out secrets.

// maxControlBody bounds a control API request body.
const maxControlBody = 1 << 20

// controlError is the body of a failed control call.
type controlError struct {
	Error string `json:"error"`
}

func ctlFail(c echo.Context, status int, msg string) error {
	return c.JSON(status, controlError{msg})
}

// decodeControl reads a JSON body strictly: unknown keys are errors, so a
// typo cannot silently do nothing.
func decodeControl(c echo.Context, v any) error {
	dec := json.NewDecoder(io.LimitReader(c.Request().Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && err != io.EOF {
		return err
	}
	return nil
}

// Health is the answer of GET /__okmock/health.
type Health struct {
	Status       string    `json:"status"`
	Time         time.Time `json:"time"`
	Applications int       `json:"applications"`
	Methods      int       `json:"methods"`
}

func (s *Server) ctlHealth(c echo.Context) error {
	st, _ := s.state()
	return c.JSON(http.StatusOK, Health{
		Status:       "ok",
		Time:         s.clock.Now().UTC(),
		Applications: len(st.appList()),
		Methods:      len(s.catalogue.Methods()),
	})
}

func (s *Server) ctlListApps(c echo.Context) error {
	st, _ := s.state()
	return c.JSON(http.StatusOK, st.appList())
}

// ctlPutApp registers an application; posting an existing key replaces it.
func (s *Server) ctlPutApp(c echo.Context) error {
	var a App
	if err := decodeControl(c, &a); err != nil {
		return ctlFail(c, http.StatusBadRequest, "invalid application: "+err.Error())
	}
	if a.Status == "" {
		a.Status = AppPublic
	}
	a.Permissions = normalizeScopes(a.Permissions)
	if err := a.validate(); err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Text)
	}
	st, w := s.state()
	if a.DefaultUser != "" {
		if _, ok := w.User(a.DefaultUser); !ok {
			return ctlFail(c, http.StatusBadRequest, "default_user "+a.DefaultUser+" is not a user of this world")
		}
	}
	if other, ok := st.appByID(a.ID); ok && a.ID != 0 && other.Key != a.Key {
		return ctlFail(c, http.StatusConflict, "application_id "+strconv.FormatInt(a.ID, 10)+" belongs to application "+other.Key)
	}
	st.putApp(a.clone())
	return c.JSON(http.StatusOK, a)
}

func (s *Server) ctlDeleteApp(c echo.Context) error {
	st, _ := s.state()
	if !st.deleteApp(c.Param("key")) {
		return ctlFail(c, http.StatusNotFound, "no application "+c.Param("key"))
	}
	return c.NoContent(http.StatusNoContent)
}

// SessionGrant is the answer of POST /__okmock/sessions: ready credentials.
type SessionGrant struct {
	AccessToken    string   `json:"access_token"`
	SessionSecret  string   `json:"session_secret_key"`
	RefreshToken   string   `json:"refresh_token"`
	UID            string   `json:"uid"`
	ExpiresIn      int64    `json:"expires_in"`
	Scopes         []string `json:"scopes"`
	ApplicationKey string   `json:"application_key"`
}

// ctlCreateSession mints a session without OAuth. It grants exactly the
// scopes asked for (not filtered by the application's permissions), so a
// test can also make a token that lacks one.
func (s *Server) ctlCreateSession(c echo.Context) error {
	var spec SessionSpec
	if err := decodeControl(c, &spec); err != nil {
		return ctlFail(c, http.StatusBadRequest, "invalid session: "+err.Error())
	}
	for _, sc := range spec.Scopes {
		if !isPermissionName(upperASCII(sc)) {
			return ctlFail(c, http.StatusBadRequest, "scope "+strconv.Quote(sc)+" is not a permission name")
		}
	}
	st, w := s.state()
	now := s.clock.Now()
	sess, err := buildSession(st, w, spec, now)
	if err != nil {
		status := http.StatusBadRequest
		if err.Code == CodeAPIKey {
			status = http.StatusNotFound
		}
		return ctlFail(c, status, err.Text)
	}
	st.putSession(sess)
	return c.JSON(http.StatusOK, grantOf(sess, now))
}

func grantOf(sess *Session, now time.Time) SessionGrant {
	in := int64(sess.ExpiresAt.Sub(now) / time.Second)
	if in < 0 {
		in = 0
	}
	return SessionGrant{
		AccessToken:    sess.AccessToken,
		SessionSecret:  sess.SessionSecret,
		RefreshToken:   sess.RefreshToken,
		UID:            sess.UID,
		ExpiresIn:      in,
		Scopes:         sess.Scopes,
		ApplicationKey: sess.ApplicationKey,
	}
}

func (s *Server) ctlListSessions(c echo.Context) error {
	st, _ := s.state()
	now := s.clock.Now()
	out := []SessionGrant{}
	for _, sess := range st.sessionsOf(c.QueryParam("application_key")) {
		out = append(out, grantOf(sess, now))
	}
	return c.JSON(http.StatusOK, out)
}

// ClockChange is the body of POST /__okmock/clock.
type ClockChange struct {
	// AdvanceSeconds moves the clock forward.
	AdvanceSeconds float64 `json:"advance_seconds"`
}

// ClockState is the answer of the clock endpoints.
type ClockState struct {
	Now time.Time `json:"now"`
}

// maxClockAdvance bounds one clock move: 100 years.
const maxClockAdvance = 100 * 365 * 24 * time.Hour

func (s *Server) ctlClock(c echo.Context) error {
	var ch ClockChange
	if err := decodeControl(c, &ch); err != nil {
		return ctlFail(c, http.StatusBadRequest, "invalid clock change: "+err.Error())
	}
	if ch.AdvanceSeconds < 0 {
		return ctlFail(c, http.StatusBadRequest, "advance_seconds must not be negative: the clock only moves forward")
	}
	// Beyond this a time.Duration overflows and the clock would not move.
	if ch.AdvanceSeconds > maxClockAdvance.Seconds() {
		return ctlFail(c, http.StatusBadRequest, "advance_seconds must be at most "+strconv.FormatFloat(maxClockAdvance.Seconds(), 'f', 0, 64)+" (100 years)")
	}
	s.clock.Advance(time.Duration(ch.AdvanceSeconds * float64(time.Second)))
	return c.JSON(http.StatusOK, ClockState{s.clock.Now().UTC()})
}

func (s *Server) ctlGetClock(c echo.Context) error {
	return c.JSON(http.StatusOK, ClockState{s.clock.Now().UTC()})
}

// ctlReset brings back the world, applications and sessions of start-up,
// sets the clock back and empties the journal.
func (s *Server) ctlReset(c echo.Context) error {
	s.clock.reset()
	if err := s.reset(); err != nil {
		return ctlFail(c, http.StatusInternalServerError, err.Error())
	}
	s.journal.clear()
	return c.JSON(http.StatusOK, map[string]string{"status": "reset"})
}

// RequestList is the answer of GET /__okmock/requests.
type RequestList struct {
	Count    int            `json:"count"`
	Requests []JournalEntry `json:"requests"`
}

func (s *Server) ctlRequests(c echo.Context) error {
	f, err := parseJournalFilter(c.QueryParams())
	if err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Error())
	}
	list := s.journal.list(f)
	return c.JSON(http.StatusOK, RequestList{Count: len(list), Requests: list})
}

// RequestCount is the answer of GET /__okmock/requests/count: a test asserts
// "exactly N calls to X with parameter Y" in one request.
type RequestCount struct {
	Count int `json:"count"`
}

func (s *Server) ctlCountRequests(c echo.Context) error {
	f, err := parseJournalFilter(c.QueryParams())
	if err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Error())
	}
	return c.JSON(http.StatusOK, RequestCount{s.journal.count(f)})
}

func (s *Server) ctlClearRequests(c echo.Context) error {
	s.journal.clear()
	return c.NoContent(http.StatusNoContent)
}

// parseJournalFilter reads the filters of GET /__okmock/requests:
// method, application_key, endpoint, access_token, since (an entry id or an
// RFC 3339 time), scenario, outcome, error_code, limit, and param.NAME=VALUE.
func parseJournalFilter(q map[string][]string) (JournalFilter, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	f := JournalFilter{
		Method:         get("method"),
		ApplicationKey: get("application_key"),
		Endpoint:       get("endpoint"),
		Token:          get("access_token"),
		Scenario:       get("scenario"),
		Outcome:        get("outcome"),
	}
	if v := get("since"); v != "" {
		if id, err := strconv.ParseUint(v, 10, 64); err == nil {
			f.SinceID = id
		} else if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			f.Since = t
		} else {
			return f, errBadFilter("since", "an entry id or an RFC 3339 time")
		}
	}
	for _, k := range []string{"error_code", "limit"} {
		v := get(k)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return f, errBadFilter(k, "a non-negative number")
		}
		if k == "limit" {
			f.Limit = n
		} else {
			f.ErrorCode = n
		}
	}
	switch f.Outcome {
	case "", "ok", "error":
	default:
		return f, errBadFilter("outcome", "ok or error")
	}
	for k, vs := range q {
		if name, ok := strings.CutPrefix(k, "param."); ok && len(vs) > 0 {
			if f.Params == nil {
				f.Params = map[string]string{}
			}
			f.Params[name] = vs[0]
		}
	}
	return f, nil
}

type filterError struct{ key, want string }

func (e *filterError) Error() string { return "filter " + e.key + " must be " + e.want }

func errBadFilter(key, want string) error { return &filterError{key, want} }

func (s *Server) ctlOpenAPIJSON(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, s.catalogue.JSON())
}

func (s *Server) ctlOpenAPIYAML(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/yaml", openapi.Spec)
}
