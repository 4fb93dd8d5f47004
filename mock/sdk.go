package mock

import "encoding/json"

var sdkHandlers = map[string]methodHandler{
	"sdk.init": sdkInit,
}

// sdkInit opens an anonymous SDK session. It must not be signed; the
// official SDKs read only session_key from the answer and send it as
// sdkToken on later sdk.* calls.
func sdkInit(c *apiCall) (any, *Error) {
	var data map[string]any
	if err := json.Unmarshal([]byte(c.params.Value("session_data")), &data); err != nil {
		return nil, errParam("Invalid parameter session_data: not a JSON object")
	}
	return struct {
		SessionKey string `json:"session_key"`
	}{randomURLSafe(32)}, nil
}
