package mock

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

//go:embed web/*.html
var webFiles embed.FS

// pages are the OAuth pages' templates, parsed when the first page is
// rendered rather than at start: parsing them took about 0.35 ms of every
// cold start (mock's init, GODEBUG=inittrace=1), for pages most runs of
// okmock never show.
// TestOAuthPagesParse parses them in every test run.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(webFiles, "web/*.html"))
})

// permissionWords says in plain words what each scope lets an application
// do, for the consent page.
var permissionWords = map[string]string{
	"VALUABLE_ACCESS":   "Доступ к основной информации профиля и друзьям",
	"LONG_ACCESS_TOKEN": "Доступ в любое время, без повторного входа",
	"PHOTO_CONTENT":     "Доступ к фотографиям и альбомам",
	"GROUP_CONTENT":     "Доступ к группам и публикациям в них",
	"VIDEO_CONTENT":     "Доступ к видео",
	"APP_INVITE":        "Приглашение друзей в приложение",
	"GET_EMAIL":         "Адрес электронной почты",
	"SET_STATUS":        "Изменение статуса",
	"PUBLISH_NOTE":      "Публикация заметок",
	"PUBLISH_TO_STREAM": "Публикация в ленту",
	"LIKE":              "Отметки «Класс!»",
}

// consentView is what the consent page shows.
type consentView struct {
	AppName     string
	AppID       int64
	Permissions []permissionView
	Users       []userChoice
	Hidden      []Param
	Error       string
	Layout      string
}

type permissionView struct {
	Name, Words string
}

type userChoice struct {
	UID, Name string
	Selected  bool
}

// maxLoginChoices caps the test users offered on the page.
const maxLoginChoices = 12

// renderConsent shows the login and consent page.
func (s *Server) renderConsent(c echo.Context, ar *authRequest, selected, errText string) error {
	_, w := s.state()
	v := consentView{AppName: ar.app.Name, AppID: ar.app.ID, Error: errText, Layout: ar.layout}
	if v.AppName == "" {
		v.AppName = "Приложение " + ar.clientID
	}
	for _, sc := range ar.scopes {
		words := permissionWords[sc]
		if words == "" {
			words = strings.ToLower(strings.ReplaceAll(sc, "_", " "))
		}
		v.Permissions = append(v.Permissions, permissionView{sc, words})
	}
	def := ar.app.DefaultUser
	if def == "" {
		def = w.DefaultUID()
	}
	if selected == "" {
		selected = def
	}
	seen := map[string]bool{}
	add := func(uid string) {
		if u, ok := w.User(uid); ok && !seen[uid] && len(v.Users) < maxLoginChoices {
			seen[uid] = true
			v.Users = append(v.Users, userChoice{uid, u.FirstName + " " + u.LastName, uid == selected})
		}
	}
	add(selected)
	add(def)
	for _, u := range s.opts.Users {
		add(u.UID)
	}
	for _, uid := range w.UserIDs() {
		add(uid)
	}
	v.Hidden = hiddenFields(ar)
	return renderPage(c, http.StatusOK, "consent.html", v)
}

// hiddenFields carries the authorize parameters through the form.
func hiddenFields(ar *authRequest) []Param {
	out := []Param{
		{"client_id", ar.clientID}, {"scope", ar.requested},
		{"response_type", ar.responseType}, {"redirect_uri", ar.redirectURI},
	}
	if ar.layout != "" {
		out = append(out, Param{"layout", ar.layout})
	}
	if ar.hasState {
		out = append(out, Param{"state", ar.state})
	}
	return out
}

// errorView is the authorize error page.
type errorView struct {
	Message string
}

// authorizeErrorPage is shown when okmock must not redirect: unknown client,
// unregistered redirect URI.
func (s *Server) authorizeErrorPage(c echo.Context, msg string, started time.Time, p *Params) error {
	r := c.Request()
	entry := s.oauthEntry(EndpointAuthorize, r, p, nil)
	entry.OAuthError = "error_page"
	entry.HTTPStatus = s.oauth.ErrorPageStatus
	entry.LatencyMicros = time.Since(started).Microseconds()
	s.journal.add(entry)
	return renderPage(c, s.oauth.ErrorPageStatus, "error.html", errorView{msg})
}

func renderPage(c echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := pages().ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	return c.HTMLBlob(status, buf.Bytes())
}

// loginCookie remembers who logged in on the page, as connect.ok.ru's own
// session does, so that a returning user who granted everything is
// redirected without the page.
const loginCookie = "okmock_login"

func (s *Server) setLoginCookie(c echo.Context, uid string) {
	c.SetCookie(&http.Cookie{
		Name: loginCookie, Value: uid + "." + s.cookieMAC(uid), Path: "/oauth/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) loginCookieUser(r *http.Request) string {
	ck, err := r.Cookie(loginCookie)
	if err != nil {
		return ""
	}
	uid, mac, ok := strings.Cut(ck.Value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.cookieMAC(uid))) {
		return ""
	}
	return uid
}

func (s *Server) cookieMAC(uid string) string {
	m := hmac.New(sha256.New, s.cookieKey)
	m.Write([]byte(uid))
	return hex.EncodeToString(m.Sum(nil))
}

// passwordMatches compares in constant time; a user without a password
// cannot log in.
func passwordMatches(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}
