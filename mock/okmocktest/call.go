package okmocktest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// APIError is an OK error answer: HTTP 200 with error_code in the body.
type APIError struct {
	Code    int             `json:"error_code"`
	Message string          `json:"error_msg"`
	Data    json.RawMessage `json:"error_data"`
}

// Error is OK's error_msg with its code.
func (e *APIError) Error() string { return "OK error " + strconv.Itoa(e.Code) + ": " + e.Message }

// Call sends a signed REST call to /fb.do through Client(), format json,
// and decodes the answer into out (when not nil). An OK error comes back
// as an *APIError.
func (s *Server) Call(ctx context.Context, creds Credentials, method string, params url.Values, out any) error {
	p := url.Values{}
	for k, vs := range params {
		p[k] = vs
	}
	p.Set("method", method)
	if p.Get("format") == "" {
		p.Set("format", "json")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+"/fb.do", strings.NewReader(creds.Sign(p).Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.Client().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("okmocktest: %s: HTTP %d: %s", method, resp.StatusCode, body)
	}
	if resp.Header.Get("Invocation-Error") != "" {
		apiErr := &APIError{}
		if err := json.Unmarshal(body, apiErr); err != nil {
			return fmt.Errorf("okmocktest: %s: unreadable error answer %q", method, body)
		}
		return apiErr
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}
