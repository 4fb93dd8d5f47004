package mock

import (
	"fmt"
	"strconv"
)

// Error is an OK REST API error. It is the only error type the API handlers
// return to a client; render.go turns it into OK's wire shape in one place.
type Error struct {
	// Code is OK's numeric error_code.
	Code int
	// Text is the human part of error_msg, after "NAME : ".
	Text string
	// Data is error_data: nil renders as JSON null.
	Data any
}

// Error implements the error interface with OK's error_msg text.
func (e *Error) Error() string { return e.Message() }

// Message is OK's error_msg: the code's name, " : " and the text.
func (e *Error) Message() string {
	return ErrorName(e.Code) + " : " + e.Text
}

// MarshalJSON renders the error with all three keys OK always sends: the
// official SDKs tell errors apart by different keys (JS and Android by
// error_msg, iOS by error_code).
func (e *Error) MarshalJSON() ([]byte, error) {
	msg, err := marshalJSON(e.Message())
	if err != nil {
		return nil, err
	}
	data, err := marshalJSON(e.Data)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(msg)+len(data)+48)
	b = append(b, `{"error_code":`...)
	b = strconv.AppendInt(b, int64(e.Code), 10)
	b = append(b, `,"error_msg":`...)
	b = append(b, msg...)
	b = append(b, `,"error_data":`...)
	b = append(b, data...)
	return append(b, '}'), nil
}

// NewError builds an Error with the code's standard text when text is empty.
func NewError(code int, text string) *Error {
	if text == "" {
		text = DefaultErrorText(code)
	}
	return &Error{Code: code, Text: text}
}

// Errorf builds an Error with a formatted text.
func Errorf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Text: fmt.Sprintf(format, args...)}
}

// Error codes okmock itself produces. The full table, with names and default
// texts, is errorTable in error_codes.go.
const (
	CodeUnknown          = 1
	CodeService          = 2
	CodeMethod           = 3
	CodeRequest          = 4
	CodeFloodBlocked     = 8
	CodeIPBlocked        = 9
	CodePermissionDenied = 10
	CodeNotOwner         = 24
	CodeParam            = 100
	CodeAPIKey           = 101
	CodeSessionExpired   = 102
	CodeSessionKey       = 103
	CodeSignature        = 104
	CodeUserID           = 110
	CodeAlbumID          = 120
	CodePhotoID          = 121
	CodeGroupID          = 160
	CodeParamPermission  = 200
	CodeAppDisabled      = 210
	CodeNotFound         = 300
	CodeNotSessionMethod = 451
	CodeSessionRequired  = 453
	CodeSystem           = 9999
)

// errParam is OK's 100 PARAM error with the given text.
func errParam(format string, args ...any) *Error {
	return Errorf(CodeParam, format, args...)
}

// errMissing is the text OK uses for a missing method parameter.
func errMissing(name string) *Error {
	return errParam("Missing required parameter %s", name)
}

// errPermission is the live PERMISSION_DENIED error: the scope in upper case
// in the text and in lower case as error_data.
func errPermission(scope string) *Error {
	return &Error{
		Code: CodePermissionDenied,
		Text: "User must grant an access to permission '" + scope + "'",
		Data: lowerASCII(scope),
	}
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
