package mock

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// TokenRef names an access token in control API bodies (tokens do not fit
// in a path: they contain '.' and '-').
type TokenRef struct {
	AccessToken string `json:"access_token"`
}

// ctlExpireSession expires an access token now: it then answers 102.
func (s *Server) ctlExpireSession(c echo.Context) error {
	var ref TokenRef
	if err := decodeControl(c, &ref); err != nil || ref.AccessToken == "" {
		return ctlFail(c, http.StatusBadRequest, "body must be {\"access_token\": \"...\"}")
	}
	st, _ := s.state()
	now := s.clock.Now()
	if !st.updateSession(ref.AccessToken, func(sess *Session) { sess.ExpiresAt = now }) {
		return ctlFail(c, http.StatusNotFound, "no such access token")
	}
	return c.NoContent(http.StatusNoContent)
}

// ctlRevokeSession revokes one access token: it then answers 103, as OK
// answers a token it no longer knows, and its refresh token stops working.
func (s *Server) ctlRevokeSession(c echo.Context) error {
	var ref TokenRef
	if err := decodeControl(c, &ref); err != nil || ref.AccessToken == "" {
		return ctlFail(c, http.StatusBadRequest, "body must be {\"access_token\": \"...\"}")
	}
	st, _ := s.state()
	refresh := ""
	if !st.updateSession(ref.AccessToken, func(sess *Session) { sess.Revoked, refresh = true, sess.RefreshToken }) {
		return ctlFail(c, http.StatusNotFound, "no such access token")
	}
	if refresh != "" {
		st.revokeRefresh(refresh)
	}
	return c.NoContent(http.StatusNoContent)
}

// RevokeResult is the answer of DELETE /__okmock/grants/{key}/{uid}.
type RevokeResult struct {
	RevokedTokens int `json:"revoked_tokens"`
}

// ctlRevokeGrant withdraws a user's grant for an application: every token
// of that user there answers 103, refresh tokens fail, and the next
// authorize shows the consent page again.
func (s *Server) ctlRevokeGrant(c echo.Context) error {
	st, _ := s.state()
	key := c.Param("key")
	if _, ok := st.app(key); !ok {
		return ctlFail(c, http.StatusNotFound, "no application "+key)
	}
	n := st.revokeGrant(key, c.Param("uid"))
	st.dropCodes(key, c.Param("uid"))
	return c.JSON(http.StatusOK, RevokeResult{n})
}
