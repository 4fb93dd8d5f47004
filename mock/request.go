package mock

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
)

// readParams collects a request's parameters: the query string, then a
// form-urlencoded or multipart body. Bodies are bounded by the limits.
func (s *Server) readParams(r *http.Request, p *Params) (body string, e *Error) {
	p.parseParamString(r.URL.RawQuery)
	if r.Method != http.MethodPost || r.Body == nil {
		return "", s.checkCount(p)
	}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		if err := s.readMultipart(r, ctParams["boundary"], p); err != nil {
			return "", err
		}
	default:
		// Form bodies, and bodies with no or another content type: OK's
		// servlet reads a form body whatever the client called it, and some
		// clients forget the header.
		b, err := io.ReadAll(io.LimitReader(r.Body, s.limits.MaxBodyBytes+1))
		if err != nil {
			return "", NewError(CodeRequest, "Request body could not be read")
		}
		if int64(len(b)) > s.limits.MaxBodyBytes {
			return "", NewError(30, "Request body is too big")
		}
		body = string(b)
		if ct == "" || ct == "application/x-www-form-urlencoded" || ct == "text/plain" {
			p.parseParamString(body)
		}
	}
	return body, s.checkCount(p)
}

func (s *Server) checkCount(p *Params) *Error {
	if p.Len()+len(p.Dropped) > s.limits.MaxParams {
		return Errorf(CodeRequest, "Too many parameters")
	}
	return nil
}

// readMultipart adds the text fields of a multipart body (file parts are not
// parameters; uploads have their own endpoint).
func (s *Server) readMultipart(r *http.Request, boundary string, p *Params) *Error {
	if boundary == "" {
		return NewError(CodeRequest, "Multipart request has no boundary")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, s.limits.MaxUploadBytes)
	if err := r.ParseMultipartForm(s.limits.MaxBodyBytes); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return NewError(30, "Request body is too big")
		}
		return NewError(CodeRequest, "Malformed multipart request")
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	for k, vs := range r.MultipartForm.Value {
		for _, v := range vs {
			p.Add(k, v)
		}
	}
	return nil
}

// remoteIP is the caller's address without the port.
func remoteIP(r *http.Request) string {
	addr := r.RemoteAddr
	if i := strings.LastIndexByte(addr, ':'); i >= 0 {
		addr = addr[:i]
	}
	return strings.Trim(addr, "[]")
}
