package mock

import (
	"encoding/json"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// contentTypeJSON is written exactly as OK writes it, with no space before
// charset: one real client's parser depends on that.
const contentTypeJSON = "application/json;charset=utf-8"

// contentTypeJSONValue is shared by every answer rather than allocated per
// answer; net/http copies header values before it writes them.
var contentTypeJSONValue = []string{contentTypeJSON}

// writeResult writes a successful API result as JSON.
func writeResult(w http.ResponseWriter, body []byte) {
	h := w.Header()
	h["Content-Type"] = contentTypeJSONValue
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// writeAPIError is the one place an OK error reaches the wire: HTTP 200, the
// Invocation-Error header and the three-key JSON body.
func writeAPIError(w http.ResponseWriter, e *Error) {
	body, err := marshalJSON(e)
	if err != nil {
		// error_data that cannot be encoded: drop it rather than fail.
		body, _ = marshalJSON(&Error{Code: e.Code, Text: e.Text})
	}
	h := w.Header()
	h["Content-Type"] = contentTypeJSONValue
	h["Invocation-Error"] = []string{strconv.Itoa(e.Code)}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// encodeResult marshals a handler's result. A result that cannot be encoded
// is okmock's bug; it becomes OK's 9999 SYSTEM rather than a 500.
func encodeResult(v any) ([]byte, *Error) {
	return encodeResultTo(nil, v)
}

// encodeResultTo is encodeResult into a pooled buffer (nil: a new one).
// The bytes returned live in *buf until the buffer is put back.
func encodeResultTo(buf *[]byte, v any) ([]byte, *Error) {
	if raw, ok := v.(json.RawMessage); ok {
		if !utf8.Valid(raw) {
			// Repaired into a copy: raw belongs to the handler.
			return validUTF8JSON(raw), nil
		}
		return raw, nil
	}
	var b []byte
	if buf != nil {
		b = *buf
	}
	b, err := appendJSON(b, v)
	if err != nil {
		return nil, NewError(CodeSystem, "")
	}
	if buf != nil {
		*buf = b
	}
	return b, nil
}
