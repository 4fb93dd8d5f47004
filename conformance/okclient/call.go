package okclient

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// maxQuery is the longest encoded parameter string sent by GET; longer
// calls are POST forms, so big writes never hit URL length limits.
const maxQuery = 2048

// Call calls an OK method, signed per scheme (SignServer, SignClient,
// SignApplication; sess is nil for SignApplication), and answers its JSON
// result, whatever its type. params are sent and signed exactly as given.
// Errors 2 and 8 and HTTP 5xx are retried per Config.Retry; on 102 the
// session is refreshed once (when Config.RefreshOnExpired, the session has
// a refresh token and the secret is known) and the call repeated once,
// and sess then holds the new token.
func (c *Client) Call(ctx context.Context, sess *Session, scheme, method string, params map[string]string) (json.RawMessage, error) {
	res, err := c.callWithRetries(ctx, sess, scheme, method, params)
	if err == nil || !isExpired(err) || !c.canRefresh(sess) {
		return res, err
	}
	tok, rerr := c.Refresh(ctx, sess.RefreshToken)
	if rerr != nil {
		return nil, rerr
	}
	sess.AccessToken = tok.AccessToken
	if tok.RefreshToken != "" {
		sess.RefreshToken = tok.RefreshToken
	}
	return c.callWithRetries(ctx, sess, scheme, method, params)
}

func (c *Client) canRefresh(sess *Session) bool {
	return c.cfg.RefreshOnExpired && sess != nil && sess.RefreshToken != "" && c.cfg.ApplicationSecret != ""
}

// callWithRetries makes up to Retry.MaxAttempts attempts, waiting the
// back-off between them, while the answer is retryable.
func (c *Client) callWithRetries(ctx context.Context, sess *Session, scheme, method string, params map[string]string) (json.RawMessage, error) {
	form, err := c.signedForm(sess, scheme, method, params)
	if err != nil {
		return nil, err
	}
	for n := 1; ; n++ {
		res, err := c.callOnce(ctx, form)
		if err == nil || !retryable(err) || n >= c.cfg.Retry.MaxAttempts {
			return res, err
		}
		if werr := c.cfg.Sleep(ctx, c.cfg.Retry.Delay(n)); werr != nil {
			return nil, err
		}
	}
}

// signedForm is the call's full parameter set, sig and token included.
func (c *Client) signedForm(sess *Session, scheme, method string, params map[string]string) (url.Values, error) {
	secret, err := c.secretFor(scheme, sess)
	if err != nil {
		return nil, err
	}
	all := make(map[string]string, len(params)+3)
	for k, v := range params {
		all[k] = v
	}
	all["application_key"] = c.cfg.ApplicationKey
	all["method"] = method
	if _, ok := all["format"]; !ok {
		all["format"] = "json"
	}
	form := url.Values{}
	for k, v := range all {
		form.Set(k, v)
	}
	form.Set("sig", Sig(all, secret))
	if scheme != SignApplication {
		form.Set("access_token", sess.AccessToken)
	}
	return form, nil
}

// callOnce sends one attempt: GET when short, a POST form otherwise.
func (c *Client) callOnce(ctx context.Context, form url.Values) (json.RawMessage, error) {
	endpoint := strings.TrimRight(c.cfg.APIServer, "/") + "/fb.do"
	encoded := form.Encode()
	resp, body, err := c.attempt(ctx, func(ctx context.Context) (*http.Request, error) {
		if len(encoded) <= maxQuery {
			return http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?"+encoded, nil)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(encoded))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	})
	if err != nil {
		return nil, err
	}
	return decodeAPI(resp, body)
}
