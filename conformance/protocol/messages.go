package protocol

import (
	"encoding/json"
	"strconv"
)

// Version is the protocol version this package speaks.
const Version = 1

// Instruction types.
const (
	TypeHello        = "hello"
	TypeAuthorizeURL = "authorize_url"
	TypeCallback     = "callback"
	TypeExchangeCode = "exchange_code"
	TypeRefresh      = "refresh"
	TypeCall         = "call"
	TypeUploadPhoto  = "upload_photo"
)

// Signing schemes of a call.
const (
	SignServer      = "server"
	SignClient      = "client"
	SignApplication = "application"
)

// Instruction is one message from the suite to the driver. Which fields
// are set depends on Type; the rest are left out of the JSON.
type Instruction struct {
	ID         int64   `json:"id"`
	Type       string  `json:"type"`
	Spec       string  `json:"spec,omitzero"`
	DeadlineMS int64   `json:"deadline_ms,omitzero"`
	Config     *Config `json:"config,omitzero"`

	// hello
	Protocol int    `json:"protocol,omitzero"`
	Suite    string `json:"suite,omitzero"`

	// authorize_url, callback, exchange_code, refresh
	ResponseType string   `json:"response_type,omitzero"`
	RedirectURI  string   `json:"redirect_uri,omitzero"`
	Scope        []string `json:"scope,omitzero"`
	State        string   `json:"state,omitzero"`
	URL          string   `json:"url,omitzero"`
	Code         string   `json:"code,omitzero"`
	RefreshToken string   `json:"refresh_token,omitzero"`

	// call, upload_photo
	Sign    string            `json:"sign,omitzero"`
	Session *Session          `json:"session,omitzero"`
	Method  string            `json:"method,omitzero"`
	Params  map[string]string `json:"params,omitzero"`
	Photo   *Photo            `json:"photo,omitzero"`
	Text    string            `json:"text,omitzero"`
}

// Config is where okmock is, the application's credentials and the
// timing figures the driver must use.
type Config struct {
	APIServer    string `json:"api_server"`
	AuthorizeURL string `json:"authorize_url"`
	TokenURL     string `json:"token_url"`
	// ApplicationID is the numeric id (OAuth client_id) as digits.
	ApplicationID  string `json:"application_id"`
	ApplicationKey string `json:"application_key"`
	// ApplicationSecretKey is empty when the driver plays a client that
	// must not hold it.
	ApplicationSecretKey string `json:"application_secret_key,omitzero"`
	TimeoutMS            int64  `json:"timeout_ms"`
	Retry                Retry  `json:"retry"`
}

// Retry are the retry figures, in milliseconds.
type Retry struct {
	MaxAttempts int   `json:"max_attempts"`
	BaseDelayMS int64 `json:"base_delay_ms"`
	MaxDelayMS  int64 `json:"max_delay_ms"`
}

// Session is a user session's credentials.
type Session struct {
	AccessToken      string `json:"access_token"`
	SessionSecretKey string `json:"session_secret_key,omitzero"`
	RefreshToken     string `json:"refresh_token,omitzero"`
}

// Photo is the image to upload.
type Photo struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	DataBase64  string `json:"data_base64"`
}

// Response is one message from the driver: the instruction's id and
// exactly one of Result and Error.
type Response struct {
	ID     int64           `json:"id"`
	Result json.RawMessage `json:"result,omitzero"`
	Error  *Error          `json:"error,omitzero"`
}

// Error kinds.
const (
	KindAPI             = "api"
	KindOAuth           = "oauth"
	KindState           = "state"
	KindHTTP            = "http"
	KindTimeout         = "timeout"
	KindTransport       = "transport"
	KindInvalidResponse = "invalid_response"
	KindUnsupported     = "unsupported"
	KindInternal        = "internal"
)

// Error is a failed instruction.
type Error struct {
	Kind    string `json:"kind"`
	Message string `json:"message,omitzero"`
	// Code is OK's error_code (kind api).
	Code int `json:"code,omitzero"`
	// Data is OK's error_data (kind api).
	Data json.RawMessage `json:"data,omitzero"`
	// OAuthError is the OAuth `error` value (kind oauth).
	OAuthError string `json:"oauth_error,omitzero"`
	// HTTPStatus is the status of an answer that was not OK's JSON.
	HTTPStatus int `json:"http_status,omitzero"`
}

// Error describes the failure in one line.
func (e *Error) Error() string {
	s := e.Kind
	switch {
	case e.Code != 0:
		s += " " + strconv.Itoa(e.Code)
	case e.OAuthError != "":
		s += " " + e.OAuthError
	case e.HTTPStatus != 0:
		s += " HTTP " + strconv.Itoa(e.HTTPStatus)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// HelloResult is what a driver answers to hello.
type HelloResult struct {
	Protocol int       `json:"protocol"`
	Name     string    `json:"name"`
	Version  string    `json:"version,omitzero"`
	Features []Feature `json:"features"`
}

// TokenResult is the result of callback, exchange_code and refresh.
type TokenResult struct {
	AccessToken      string `json:"access_token"`
	SessionSecretKey string `json:"session_secret_key,omitzero"`
	RefreshToken     string `json:"refresh_token,omitzero"`
	ExpiresIn        int64  `json:"expires_in,omitzero"`
}

// UploadResult is the result of upload_photo.
type UploadResult struct {
	PhotoID string `json:"photo_id"`
	TopicID string `json:"topic_id"`
}
