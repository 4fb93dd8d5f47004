package mock

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// ControlPrefix is the reserved path prefix of okmock's own control API.
const ControlPrefix = "/__okmock"

// routes is every route okmock serves, on one screen. Routing never looks at
// the Host header: clients may reach the same port as api.ok.ru,
// connect.ok.ru or localhost.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.httpError

	// The OK REST API.
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		e.Add(m, "/fb.do", s.handleAPI)
		e.Add(m, "/api/:group/:method", s.handleAPI)
	}
	// connect.ok.ru's OAuth, and token.do (reachable on either name).
	e.GET("/oauth/authorize", s.handleAuthorize)
	e.POST("/oauth/authorize", s.handleAuthorize)
	e.POST("/oauth/token.do", s.handleToken)
	e.GET("/oauth/token.do", s.handleToken)

	// The photo upload URL handed out by photosV2.getUploadUrl.
	e.POST(uploadPath, s.handleUpload)
	e.POST(videoUploadPath, s.handleVideoUpload)

	// The control API.
	c := e.Group(ControlPrefix)
	c.GET("/health", s.ctlHealth)
	c.GET("/apps", s.ctlListApps)
	c.POST("/apps", s.ctlPutApp)
	c.DELETE("/apps/:key", s.ctlDeleteApp)
	c.GET("/sessions", s.ctlListSessions)
	c.POST("/sessions", s.ctlCreateSession)
	c.POST("/sessions/expire", s.ctlExpireSession)
	c.POST("/sessions/revoke", s.ctlRevokeSession)
	c.DELETE("/grants/:key/:uid", s.ctlRevokeGrant)
	c.POST("/clock", s.ctlClock)
	c.GET("/clock", s.ctlGetClock)
	c.POST("/reset", s.ctlReset)
	c.GET("/requests", s.ctlRequests)
	c.GET("/requests/count", s.ctlCountRequests)
	c.DELETE("/requests", s.ctlClearRequests)
	c.GET("/scenarios", s.ctlListScenarios)
	c.POST("/scenarios", s.ctlAddScenario)
	c.DELETE("/scenarios", s.ctlClearScenarios)
	c.PUT("/scenarios/:id", s.ctlReplaceScenario)
	c.DELETE("/scenarios/:id", s.ctlRemoveScenario)
	c.GET("/scenarios/library", s.ctlScenarioLibrary)
	c.POST("/scenarios/library/:name", s.ctlUseLibraryScenario)
	c.GET("/openapi.json", s.ctlOpenAPIJSON)
	c.GET("/openapi.yaml", s.ctlOpenAPIYAML)
	c.GET("/ca.pem", s.ctlCACert)
	c.POST("/payments", s.ctlPayment)
	c.GET("/payments", s.ctlListPayments)
	return e
}

// httpError answers what no route took (404, 405) and anything a handler
// failed with, as a small JSON body: never Echo's HTML or a Go stack.
func (s *Server) httpError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	msg := "internal error"
	if he, ok := err.(*echo.HTTPError); ok {
		code = he.Code
		msg = http.StatusText(code)
	} else {
		s.log.Error("handler failed", "path", c.Request().URL.Path, "err", err.Error())
	}
	_ = c.JSON(code, map[string]string{"error": msg})
}
