// Package refdriver is the conformance driver of the Go reference client
// (package okclient): it reads protocol instructions, has okclient do
// them, and writes the responses. conformance/drivers/go runs it over
// stdin/stdout or TCP; the suite's own tests run it in memory.
package refdriver

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/okmock/okmock/conformance/okclient"
	"github.com/okmock/okmock/conformance/protocol"
)

// Name and Version identify the driver in hello.
const (
	Name    = "okclient-go"
	Version = "1.0.0"
)

// Serve answers instructions read from r on w, one line each, until r
// ends or ctx is done.
func Serve(ctx context.Context, r io.Reader, w io.Writer) error {
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 64<<10), 64<<20)
	out := json.NewEncoder(w)
	for in.Scan() {
		var ins protocol.Instruction
		var resp protocol.Response
		if err := json.Unmarshal(in.Bytes(), &ins); err != nil {
			resp.Error = &protocol.Error{Kind: protocol.KindInternal, Message: "unreadable instruction: " + err.Error()}
		} else {
			resp = Do(ctx, &ins)
		}
		resp.ID = ins.ID
		if err := out.Encode(resp); err != nil {
			return err
		}
	}
	return in.Err()
}

// Do carries out one instruction.
func Do(ctx context.Context, ins *protocol.Instruction) protocol.Response {
	var (
		result any
		err    error
	)
	if ins.Type == protocol.TypeHello {
		result = protocol.HelloResult{Protocol: protocol.Version, Name: Name, Version: Version, Features: protocol.AllFeatures}
	} else if ins.Config == nil {
		err = &protocol.Error{Kind: protocol.KindInternal, Message: "instruction without config"}
	} else {
		result, err = run(ctx, newClient(ins.Config), ins)
	}
	if err != nil {
		return protocol.Response{Error: errorOf(err)}
	}
	raw, err := json.Marshal(result)
	if err != nil {
		return protocol.Response{Error: errorOf(err)}
	}
	return protocol.Response{Result: raw}
}

func run(ctx context.Context, c *okclient.Client, ins *protocol.Instruction) (any, error) {
	switch ins.Type {
	case protocol.TypeAuthorizeURL:
		return c.AuthorizeURL(ins.ResponseType, ins.RedirectURI, ins.Scope, ins.State), nil
	case protocol.TypeCallback:
		return tokenResult(c.HandleCallback(ctx, ins.ResponseType, ins.URL, ins.State, ins.RedirectURI))
	case protocol.TypeExchangeCode:
		return tokenResult(c.ExchangeCode(ctx, ins.Code, ins.RedirectURI))
	case protocol.TypeRefresh:
		return tokenResult(c.Refresh(ctx, ins.RefreshToken))
	case protocol.TypeCall:
		return c.Call(ctx, session(ins.Session), ins.Sign, ins.Method, ins.Params)
	case protocol.TypeUploadPhoto:
		data, err := base64.StdEncoding.DecodeString(ins.Photo.DataBase64)
		if err != nil {
			return nil, err
		}
		photo := okclient.Photo{Filename: ins.Photo.Filename, ContentType: ins.Photo.ContentType, Data: data}
		post, err := c.UploadAndPost(ctx, session(ins.Session), ins.Sign, photo, ins.Text)
		return protocol.UploadResult{PhotoID: post.PhotoID, TopicID: post.TopicID}, err
	}
	return nil, &protocol.Error{Kind: protocol.KindUnsupported, Message: "unknown instruction " + ins.Type}
}

func newClient(cfg *protocol.Config) *okclient.Client {
	ms := func(n int64) time.Duration { return time.Duration(n) * time.Millisecond }
	return okclient.New(okclient.Config{
		APIServer: cfg.APIServer, AuthorizeURL: cfg.AuthorizeURL, TokenURL: cfg.TokenURL,
		ApplicationID: cfg.ApplicationID, ApplicationKey: cfg.ApplicationKey,
		ApplicationSecret: cfg.ApplicationSecretKey, Timeout: ms(cfg.TimeoutMS),
		Retry: okclient.Retry{
			MaxAttempts: cfg.Retry.MaxAttempts, BaseDelay: ms(cfg.Retry.BaseDelayMS), MaxDelay: ms(cfg.Retry.MaxDelayMS),
		},
		RefreshOnExpired: true,
	})
}

func session(s *protocol.Session) *okclient.Session {
	if s == nil {
		return nil
	}
	return &okclient.Session{AccessToken: s.AccessToken, SessionSecret: s.SessionSecretKey, RefreshToken: s.RefreshToken}
}

func tokenResult(t *okclient.Token, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return protocol.TokenResult{
		AccessToken: t.AccessToken, SessionSecretKey: t.SessionSecret,
		RefreshToken: t.RefreshToken, ExpiresIn: t.ExpiresIn,
	}, nil
}

// errorOf maps okclient's errors to the protocol's kinds.
func errorOf(err error) *protocol.Error {
	var (
		pe      *protocol.Error
		api     *okclient.APIError
		oauth   *okclient.OAuthError
		httpErr *okclient.HTTPError
		invalid *okclient.InvalidResponseError
		timeout *okclient.TimeoutError
		wire    *okclient.TransportError
	)
	e := &protocol.Error{Message: err.Error()}
	switch {
	case errors.As(err, &pe):
		return pe
	case errors.As(err, &api):
		e.Kind, e.Code, e.Data = protocol.KindAPI, api.Code, api.Data
	case errors.As(err, &oauth):
		e.Kind, e.OAuthError = protocol.KindOAuth, oauth.Err
	case errors.Is(err, okclient.ErrStateMismatch):
		e.Kind = protocol.KindState
	case errors.As(err, &httpErr):
		e.Kind, e.HTTPStatus = protocol.KindHTTP, httpErr.Status
	case errors.As(err, &invalid):
		e.Kind, e.HTTPStatus = protocol.KindInvalidResponse, invalid.Status
	case errors.As(err, &timeout):
		e.Kind = protocol.KindTimeout
	case errors.As(err, &wire):
		e.Kind = protocol.KindTransport
	default:
		e.Kind = protocol.KindInternal
	}
	return e
}
