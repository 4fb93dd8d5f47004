package mock

import (
	"encoding/json"
	"time"

	"github.com/okmock/okmock/mock/world"
)

var sdkHandlers = map[string]methodHandler{
	"sdk.init":             sdkInit,
	"sdk.getEndpoints":     sdkGetEndpoints,
	"sdk.getInstallSource": sdkGetInstallSource,
	"sdk.sendNote":         sdkSendNote,
	"sdk.getNotes":         sdkGetNotes,
	"sdk.resetNotes":       sdkResetNotes,
	"sdk.reportPayment":    sdkReportPayment,
	"sdk.reportStats":      sdkReportStats,
}

// sdkSessionData is the part of sdk.init's session_data okmock keeps.
type sdkSessionData struct {
	DeviceID   string `json:"device_id"`
	ClientType string `json:"client_type"`
}

// sdkInit opens an anonymous SDK session. It must not be signed; the
// official SDKs read only session_key from the answer and send it as
// sdkToken on later sdk.* calls.
func sdkInit(c *apiCall) (any, *Error) {
	var data sdkSessionData
	if err := json.Unmarshal([]byte(c.params.Value("session_data")), &data); err != nil {
		return nil, errParam("Invalid parameter session_data: not a JSON object")
	}
	token := randomURLSafe(32)
	err := c.world.OpenSDKSession(world.SDKSession{
		Token: token, AppKey: c.app.Key, DeviceID: data.DeviceID, ClientType: data.ClientType, Created: c.now,
	})
	if err != nil {
		return nil, worldError(err)
	}
	return struct {
		SessionKey string `json:"session_key"`
		APIServer  string `json:"api_server"`
	}{token, c.srv.publicBase(c.req) + "/"}, nil
}

// sdkUser is whose notes an sdk.* call is about: the session's user (who
// then becomes the sdkToken's user), else the user the sdkToken was bound
// to, else the uid parameter; "" when none is known. An sdkToken of
// another application, or unknown, is 100.
func (c *apiCall) sdkUser() (string, *Error) {
	if tok := c.params.Value("sdkToken"); tok != "" {
		sess, ok := c.world.SDKSession(tok)
		if !ok || sess.AppKey != c.app.Key {
			return "", errParam("Invalid parameter sdkToken value %s", tok)
		}
		if c.session != nil {
			sess, _ = c.world.BindSDKSession(tok, c.session.UID)
		}
		if c.session == nil && sess.UID != "" {
			return sess.UID, nil
		}
	}
	return c.uid(), nil
}

// sdkGetEndpoints answers where the SDK finds OK's services: this okmock
// for the API, OAuth and uploads.
func sdkGetEndpoints(c *apiCall) (any, *Error) {
	base := c.srv.publicBase(c.req)
	return struct {
		Endpoints map[string]string `json:"endpoints"`
	}{map[string]string{
		"api":     base + "/",
		"connect": base + "/oauth/authorize",
		"upload":  base + uploadPath,
		"web":     "https://ok.ru/",
		"mobile":  "https://m.ok.ru/",
	}}, nil
}

// sdkGetInstallSource answers, as a bare number, where in OK the device's
// user clicked the application (0: nowhere in the last 30 days).
func sdkGetInstallSource(c *apiCall) (any, *Error) {
	return c.world.InstallSource(c.app.Key, c.params.Value("adv_id")), nil
}

// sdkNote is the note parameter of sdk.sendNote and a row of sdk.getNotes.
type sdkNote struct {
	ID        string `json:"id,omitempty"`
	UID       string `json:"uid"`
	Text      string `json:"text"`
	Image     string `json:"image,omitempty"`
	Payload   string `json:"payload,omitempty"`
	Timestamp int64  `json:"timestamp,omitempty"`
}

// sdkResult is the {"result": ...} of the sdk.* writes.
type sdkResult[T any] struct {
	Result T `json:"result"`
}

// sdkSendNote puts a note from the session's user in the box of note.uid
// in this application and answers how many notes the box holds.
func sdkSendNote(c *apiCall) (any, *Error) {
	from, err := c.sdkUser()
	if err != nil {
		return nil, err
	}
	var n sdkNote
	if err := json.Unmarshal([]byte(c.params.Value("note")), &n); err != nil {
		return nil, errParam("Invalid parameter note: not a JSON object")
	}
	switch {
	case n.UID == "":
		return nil, errParam("Invalid parameter note: uid is missing")
	case n.Text == "":
		return nil, errParam("Invalid parameter note: text is missing")
	case !c.world.HasUser(n.UID):
		return nil, Errorf(CodeUserID, "Invalid uid %s", n.UID)
	}
	count, werr := c.world.SendNote(world.Note{
		AppKey: c.app.Key, UID: n.UID, FromUID: from, Text: n.Text, Image: n.Image, Payload: n.Payload, Created: c.now,
	})
	if werr != nil {
		return nil, worldError(werr)
	}
	return sdkResult[int]{count}, nil
}

// sdkGetNotes lists the notes in the user's box in this application,
// newest first; with no user known it answers an empty list.
func sdkGetNotes(c *apiCall) (any, *Error) {
	uid, err := c.sdkUser()
	if err != nil {
		return nil, err
	}
	out := []sdkNote{}
	for _, n := range c.world.Notes(c.app.Key, uid) {
		out = append(out, sdkNote{n.ID, n.FromUID, n.Text, n.Image, n.Payload, n.Created.UnixMilli()})
	}
	return struct {
		Notes []sdkNote `json:"notes"`
	}{out}, nil
}

// sdkResetNotes empties the user's box of notes older than timestamp (all
// of them without it) and answers how many went.
func sdkResetNotes(c *apiCall) (any, *Error) {
	uid, err := c.sdkUser()
	if err != nil {
		return nil, err
	}
	var before time.Time
	if ms, ok := c.int64Param("timestamp", 0); ok {
		before = time.UnixMilli(ms)
	}
	return sdkResult[int]{c.world.ResetNotes(c.app.Key, uid, before)}, nil
}
