package main

import (
	"crypto/md5"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// okmock's demo application: public, printed in okmock's banner and README.
// The tool signs on its own (it does not import okmock), which also checks
// okmock against an independent signer.
const (
	demoKey    = "CBAFPJHFEBABABABA"
	demoSecret = "0F1E2D3C4B5A69788796A5B4"
)

// param is one request parameter, raw (not URL-encoded).
type param struct{ k, v string }

// session is what POST /__okmock/sessions hands out.
type session struct {
	Token  string `json:"access_token"`
	Secret string `json:"session_secret_key"`
	UID    string `json:"uid"`
}

// signature is OK's sig: every parameter but sig, access_token and
// session_key, sorted by key, joined as key=value, then the secret; md5 hex.
func signature(params []param, secret string) string {
	keep := slices.DeleteFunc(slices.Clone(params), func(p param) bool {
		return p.k == "sig" || p.k == "access_token" || p.k == "session_key"
	})
	slices.SortFunc(keep, func(a, b param) int { return strings.Compare(a.k, b.k) })
	var b strings.Builder
	for _, p := range keep {
		b.WriteString(p.k + "=" + p.v)
	}
	return md5hex(b.String() + secret)
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// serverSigned signs in the server scheme: secret md5(access_token +
// application secret).
func serverSigned(params []param, s session) []param {
	params = append(slices.Clone(params), param{"application_key", demoKey})
	sig := signature(params, md5hex(s.Token+demoSecret))
	return append(params, param{"sig", sig}, param{"access_token", s.Token})
}

// clientSigned signs in the client scheme, with the session secret.
func clientSigned(params []param, s session) []param {
	params = append(slices.Clone(params), param{"application_key", demoKey})
	sig := signature(params, s.Secret)
	return append(params, param{"sig", sig}, param{"access_token", s.Token})
}

// appSigned signs a call without a session with the application secret.
func appSigned(params []param) []param {
	params = append(slices.Clone(params), param{"application_key", demoKey})
	return append(params, param{"sig", signature(params, demoSecret)})
}

func encodeParams(params []param) string {
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.k) + "=" + url.QueryEscape(p.v))
	}
	return b.String()
}

// The Host header is the same for every server: neither okmock nor the
// baseline routes on it, and the prepared bytes are then shared.
const hostHeader = "Host: okmock.test\r\n"

// getRequest is a REST call with its parameters in the query string.
func getRequest(params []param) []byte {
	return []byte("GET /fb.do?" + encodeParams(params) + " HTTP/1.1\r\n" + hostHeader + "\r\n")
}

// postRequest is a REST call with a form body, as writes are sent.
func postRequest(params []param) []byte {
	body := encodeParams(params)
	return []byte("POST /fb.do HTTP/1.1\r\n" + hostHeader +
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n" + body)
}

// controlRequest is a call to okmock's control API with a JSON body (or
// none).
func controlRequest(method, path string, body []byte) []byte {
	head := method + " " + path + " HTTP/1.1\r\n" + hostHeader
	if body == nil {
		return []byte(head + "\r\n")
	}
	return []byte(head + "Content-Type: application/json\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n" + string(body))
}
