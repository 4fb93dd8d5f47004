package mock

import (
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"unsafe"
)

// readParams collects a request's parameters: the query string, then a
// form-urlencoded or multipart body. Bodies are bounded by the limits.
func (s *Server) readParams(r *http.Request, p *Params) (body string, e *Error) {
	// Count before parsing: parsing checks each key against the ones
	// before it, so a flood of parameters would cost quadratic time.
	if countParams(r.URL.RawQuery) > s.limits.MaxParams {
		return "", Errorf(CodeRequest, "Too many parameters")
	}
	p.parseParamString(r.URL.RawQuery)
	if r.Method != http.MethodPost || r.Body == nil {
		return "", s.checkCount(p)
	}
	ct, ctParams := formContentType, map[string]string(nil)
	if h := r.Header.Get("Content-Type"); h != formContentType {
		ct, ctParams, _ = mime.ParseMediaType(h)
	}
	switch ct {
	case "multipart/form-data":
		if err := s.readMultipart(r, ctParams["boundary"], p); err != nil {
			return "", err
		}
	default:
		// Form bodies, and bodies with no or another content type: OK's
		// servlet reads a form body whatever the client called it, and some
		// clients forget the header.
		b, err := readBody(r.Body, r.ContentLength, s.limits.MaxBodyBytes)
		if err != nil {
			return "", bodyReadError(err)
		}
		if int64(len(b)) > s.limits.MaxBodyBytes {
			return "", NewError(30, "Request body is too big")
		}
		// The parameters are slices of the body; b is never written
		// again, so the string can share its bytes instead of copying.
		body = unsafe.String(unsafe.SliceData(b), len(b))
		if ct == "" || ct == formContentType || ct == "text/plain" {
			if p.Len()+countParams(body) > s.limits.MaxParams {
				return body, Errorf(CodeRequest, "Too many parameters")
			}
			p.parseParamString(body)
		}
	}
	return body, s.checkCount(p)
}

// formContentType is what nearly every client sends; it is recognised
// without parsing.
const formContentType = "application/x-www-form-urlencoded"

// readBody reads at most limit+1 bytes, so that the caller can tell a body
// over the limit. A declared length within the limit is read into a
// buffer of that size at once (net/http holds the body to it).
func readBody(body io.Reader, length, limit int64) ([]byte, error) {
	// Zero is also what an in-memory request (okmocktest's client) carries
	// when the length is unknown, so it is read to the end like -1.
	if length <= 0 || length > limit {
		return io.ReadAll(io.LimitReader(body, limit+1))
	}
	b := make([]byte, length)
	_, err := io.ReadFull(body, b)
	return b, err
}

// countParams counts the non-empty '&'-separated segments of a form
// string: at least as many as the parameters it holds, found in one pass.
func countParams(s string) int {
	n := 0
	for s != "" {
		var seg string
		seg, s, _ = strings.Cut(s, "&")
		if seg != "" {
			n++
		}
	}
	return n
}

// bodyReadError tells a client too slow to send its body (the server's
// ReadTimeout) from a body that broke off.
func bodyReadError(err error) *Error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return NewError(31, "") // NETWORK_TIMEOUT: Client is too slow
	}
	return NewError(CodeRequest, "Request body could not be read")
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
