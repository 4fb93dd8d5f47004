package okclient

import (
	"crypto/md5"
	"encoding/hex"
	"sort"
	"strings"
)

// Signing schemes.
const (
	// SignServer signs with md5(access_token + application secret): a
	// session from the code flow.
	SignServer = "server"
	// SignClient signs with the session's session_secret_key.
	SignClient = "client"
	// SignApplication signs a call without a session with the application
	// secret.
	SignApplication = "application"
)

// SigningString is what OK signs: every parameter but sig, access_token
// and session_key, sorted by key, written key=value with no separator,
// values raw.
func SigningString(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		switch k {
		case "sig", "access_token", "session_key":
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(params[k])
	}
	return b.String()
}

// Sig is lower(md5_hex(SigningString(params) + secret)).
func Sig(params map[string]string, secret string) string {
	return md5Hex(SigningString(params) + secret)
}

// ServerSecret is the secret of the server scheme:
// md5_hex(access_token + application secret).
func ServerSecret(accessToken, applicationSecret string) string {
	return md5Hex(accessToken + applicationSecret)
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// secretFor picks the signing secret of a scheme.
func (c *Client) secretFor(scheme string, sess *Session) (string, error) {
	switch scheme {
	case SignServer:
		if sess == nil || sess.AccessToken == "" || c.cfg.ApplicationSecret == "" {
			return "", errConfig("server signing needs an access token and the application secret")
		}
		return ServerSecret(sess.AccessToken, c.cfg.ApplicationSecret), nil
	case SignClient:
		if sess == nil || sess.AccessToken == "" || sess.SessionSecret == "" {
			return "", errConfig("client signing needs an access token and its session_secret_key")
		}
		return sess.SessionSecret, nil
	case SignApplication:
		if c.cfg.ApplicationSecret == "" {
			return "", errConfig("signing without a session needs the application secret")
		}
		return c.cfg.ApplicationSecret, nil
	}
	return "", errConfig("unknown signing scheme " + scheme)
}

type configError string

func (e configError) Error() string { return "okclient: " + string(e) }

func errConfig(s string) error { return configError(s) }
