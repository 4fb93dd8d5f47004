package scenarios

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// t0 is the injected clock's start in engine tests.
var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// engineWith returns an engine holding the rules of the given documents.
func engineWith(t testing.TB, seed int64, docs ...string) *Engine {
	t.Helper()
	e := NewEngine(seed)
	for i, text := range docs {
		doc, err := Load(fmt.Sprintf("doc%d.yaml", i), []byte(text))
		if err != nil {
			t.Fatalf("Load:\n%v", err)
		}
		if _, err := e.Add(doc); err != nil {
			t.Fatalf("Add: %v", err)
		}
	}
	return e
}

// apiCall is a typical API request at t0.
func apiCall(method string) Request {
	return Request{Endpoint: EndpointAPI, Method: method, ApplicationKey: "APPKEY", UID: "575000000001", AccessToken: "-s-token", Time: t0}
}

// params adapts a map to Request.Param.
func params(m map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}

// describe renders an Outcome compactly for table tests ("-" when nil).
func describe(o *Outcome) string {
	if o == nil {
		return "-"
	}
	var parts []string
	if o.Error != nil {
		parts = append(parts, fmt.Sprintf("error=%d", o.Error.Code))
		if o.Error.Msg != "" {
			parts = append(parts, fmt.Sprintf("msg=%q", o.Error.Msg))
		}
		if o.Error.Data != nil {
			parts = append(parts, "data="+string(o.Error.Data))
		}
	}
	if o.OAuthError != nil {
		parts = append(parts, "oauth="+o.OAuthError.Error)
		if o.OAuthError.Description != "" {
			parts = append(parts, fmt.Sprintf("description=%q", o.OAuthError.Description))
		}
	}
	if h := o.HTTP; h != nil {
		if h.Status != 0 {
			parts = append(parts, fmt.Sprintf("status=%d", h.Status))
		}
		if h.Body != nil {
			parts = append(parts, fmt.Sprintf("body=%q", *h.Body))
		}
		if h.ContentType != "" {
			parts = append(parts, "type="+h.ContentType)
		}
		for _, k := range sortedKeys(h.Headers) {
			parts = append(parts, fmt.Sprintf("header.%s=%s", k, h.Headers[k]))
		}
	}
	if o.Delay != 0 {
		parts = append(parts, "delay="+o.Delay.String())
	}
	if o.Fault != FaultNone {
		parts = append(parts, "fault="+string(o.Fault))
	}
	if o.ExpireToken {
		parts = append(parts, "expire")
	}
	if o.RevokeToken {
		parts = append(parts, "revoke")
	}
	return strings.Join(parts, " ")
}

// pattern runs n identical calls and marks each X (fired) or . (not).
func pattern(e *Engine, req Request, n int) string {
	var b strings.Builder
	for range n {
		if e.Evaluate(req) != nil {
			b.WriteByte('X')
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}
