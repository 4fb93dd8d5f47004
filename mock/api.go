package mock

import (
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

// apiCall is one REST call on its way through the checks to a method
// handler.
type apiCall struct {
	srv     *Server
	req     *http.Request
	params  Params
	body    string
	name    string // OK method name as requested
	method  *openapi.Method
	app     *App
	session *Session // nil for a call without a session
	scheme  Scheme
	sigNote string
	store   *store
	world   *world.World
	now     time.Time
	scan    secretScan
	outcome *scenarios.Outcome // what fired scenario rules ask for

	// paramBuf holds a typical call's parameters without growing a slice,
	// secretBuf the secrets the call is scanned for, sessionBuf the copy
	// of the session: with calls pooled, none of them allocates.
	paramBuf   [16]Param
	secretBuf  [2]string
	sessionBuf Session
	// userBuf and fieldBuf hold users.getCurrentUser's answer, the most
	// common call, until it is encoded.
	userBuf  world.User
	fieldBuf [16]field
	// ids holds friends.get's answer until it is encoded. Unlike the
	// other buffers it outlives the call, emptied, so that the pool
	// keeps its capacity rather than a list of the world's ids.
	ids []string
	// topicBuf and topicAnswer hold mediatopic.getByIds' answer until
	// it is encoded.
	topicBuf    [1]mediaTopic
	topicAnswer mediaTopicsAnswer
	// packBuf holds the journal entry's masked parameters until the
	// journal copies them; like ids it outlives the call.
	packBuf packedParams
	// sigBuf holds the signing string while the signature is checked;
	// like ids it outlives the call, and like packBuf a large one is
	// dropped.
	sigBuf []byte
}

// apiCalls recycles calls: a call is the largest allocation of a round
// trip. Nothing may keep a call, or anything inside it, after its answer
// is written and journaled.
var apiCalls = sync.Pool{New: func() any { return new(apiCall) }}

// release empties the call in place and returns it to the pool. The pool
// keeps no request's data: the ids' slots are cleared, and the packed
// parameters are masked copies. In place, field by field: assigning a
// whole apiCall literal built it on the goroutine's stack first, three
// kilobytes to clear there and copy, twice a call, on whichever of the
// connections' stacks served it, rarely one still in the cache.
func (c *apiCall) release() {
	ids := c.ids
	clear(ids)
	packBuf, sigBuf := keptBuf(c.packBuf), keptBuf(c.sigBuf)
	*c = apiCall{}
	c.ids, c.packBuf, c.sigBuf = ids[:0], packBuf, sigBuf
	apiCalls.Put(c)
}

// uid is the acting user: the session's, or for a call without a session
// the uid parameter (which may be empty).
func (c *apiCall) uid() string {
	if c.session != nil {
		return c.session.UID
	}
	return c.params.Value("uid")
}

// handleAPI serves /fb.do and /api/{group}/{method}.
func (s *Server) handleAPI(ec echo.Context) error {
	started := time.Now()
	r := ec.Request()
	st, w := s.state()
	c := apiCalls.Get().(*apiCall) // empty but for its kept buffers
	defer c.release()
	c.srv, c.req, c.store, c.world, c.now = s, r, st, w, s.clock.Now()
	c.params.list = c.paramBuf[:0]
	result, apiErr := s.serveAPI(c, ec)
	var body []byte
	if apiErr == nil {
		buf := getBuffer()
		defer putBuffer(buf)
		body, apiErr = encodeResultTo(buf, result)
	}
	journaled := c.journalEntry(started)
	entry := &journaled // on the stack: the journal keeps a copy
	entry.HTTPStatus = http.StatusOK
	if apiErr != nil {
		entry.ErrorCode, entry.ErrorMsg = apiErr.Code, apiErr.Message()
	}
	err := s.answerWithScenario(ec, c.outcome, entry, func() error {
		if apiErr != nil {
			writeAPIError(ec.Response(), apiErr)
		} else {
			writeResult(ec.Response(), body)
		}
		return nil
	})
	entry.LatencyMicros = time.Since(started).Microseconds()
	s.journal.add(entry)
	s.applyTokenActions(c.outcome, c.token())
	// The arguments would be boxed (allocated) even for a disabled level.
	if s.log.Enabled(r.Context(), slog.LevelDebug) {
		s.log.Debug("api", "method", entry.Method, "application_key", entry.ApplicationKey,
			"error_code", entry.ErrorCode, "latency_us", entry.LatencyMicros)
	}
	return err
}

// serveAPI runs the checks in OK's order (application key, session,
// signature, method, session rule, permissions, parameters) and then the
// method's handler.
func (s *Server) serveAPI(c *apiCall, ec echo.Context) (any, *Error) {
	body, err := s.readParams(c.req, &c.params)
	c.body = body
	if err != nil {
		return nil, err
	}
	c.name = c.params.Value("method")
	if g := ec.Param("group"); g != "" {
		// /api/{group}/{method}: the path names the method; a `method`
		// parameter, if sent, is only signed.
		c.name = g + "." + ec.Param("method")
	}
	c.method, _ = s.catalogue.Lookup(c.name)

	if err := c.checkApplication(); err != nil {
		return nil, err
	}
	c.scan = c.newSecretScan()
	if err := c.checkSession(); err != nil {
		return nil, err
	}
	if err := c.checkSignature(); err != nil {
		return nil, err
	}
	if c.name == "" {
		return nil, errParam("Missed required parameter: method")
	}
	if c.method == nil {
		return nil, NewError(CodeMethod, "")
	}
	if err := c.checkSessionRule(); err != nil {
		return nil, err
	}
	if err := c.checkPermissions(); err != nil {
		return nil, err
	}
	if p := c.method.Validate(c.params.Lookup); p != nil {
		return nil, Errorf(p.Code, "%s", p.Message)
	}
	if out := s.evaluateScenario(scenarios.EndpointAPI, c.method.Name, c.app.Key, c.uid(), c.token(), &c.params); out != nil {
		c.outcome = out
		if out.Error != nil {
			return nil, scenarioError(out.Error)
		}
	}
	h, ok := methodHandlers[c.method.Name]
	if !ok {
		return nil, Errorf(CodeMethod, "Method %s is in the catalogue but not implemented by okmock", c.method.Name)
	}
	return h(c)
}

// journalEntry records the call with every secret masked. The entry
// keeps none of the request's strings (its values are slices of the
// request line or body, which would then stay in memory as long as the
// entry does): what it holds is okmock's own or copied.
func (c *apiCall) journalEntry(started time.Time) JournalEntry {
	e := JournalEntry{
		Time:       c.now,
		Endpoint:   EndpointAPI,
		HTTPMethod: ownString(c.req.Method, http.MethodGet, http.MethodPost),
		Path:       ownString(c.req.URL.Path, "/fb.do"),
		Token:      c.scan.maskToken(c.token()),
		Scheme:     c.scheme,
		RemoteAddr: c.req.RemoteAddr,
	}
	if c.method != nil {
		e.Method = c.method.Name
	} else {
		e.Method = strings.Clone(c.name)
	}
	if c.app != nil {
		e.ApplicationKey = c.app.Key
	} else {
		e.ApplicationKey = strings.Clone(c.params.Value("application_key"))
	}
	if c.session != nil {
		e.UID = c.session.UID
	}
	e.SignatureError = c.sigNote
	c.scanRequest()
	e.Secrets = c.scan.seen
	c.packBuf = c.scan.packedParams(c.packBuf, c.params.All())
	e.masked = c.packBuf // the journal copies it
	for _, d := range c.params.Dropped {
		e.Duplicates = append(e.Duplicates, Param{strings.Clone(d.Key), strings.Clone(c.scan.mask(d.Value))})
	}
	return e
}

// ownString is s as the journal may keep it: the matching constant of
// common, else a copy. net/http's method and path are slices of the
// request line, which holds a GET call's whole query.
func ownString(s string, common ...string) string {
	for _, c := range common {
		if s == c {
			return c
		}
	}
	return strings.Clone(s)
}

// token is the session token the call carries, under either name.
func (c *apiCall) token() string {
	if t := c.params.Value("access_token"); t != "" {
		return t
	}
	return c.params.Value("session_key")
}
