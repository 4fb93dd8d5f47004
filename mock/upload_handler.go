package mock

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/scenarios"
)

// imageMagic are the file signatures okmock accepts as photos.
var imageMagic = [][]byte{
	{0xFF, 0xD8, 0xFF},          // JPEG
	[]byte("\x89PNG\r\n\x1a\n"), // PNG
	[]byte("GIF87a"), []byte("GIF89a"),
	[]byte("RIFF"), // WebP (RIFF....WEBP)
	[]byte("BM"),   // BMP
}

func isImage(head []byte) bool {
	for _, m := range imageMagic {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	return false
}

// uploadResult is the upload's answer: a token per photo id.
type uploadResult struct {
	Photos map[string]uploadToken `json:"photos"`
}

type uploadToken struct {
	Token string `json:"token"`
}

// handleUpload receives the multipart POST to an upload_url. Files are
// matched to the reserved photo ids in order, whatever their field names
// (pic1 in the official samples, file1 in some plugins).
func (s *Server) handleUpload(ec echo.Context) error {
	started := time.Now()
	r := ec.Request()
	now := s.clock.Now()
	entry := &JournalEntry{
		Time: now, Endpoint: EndpointUpload, HTTPMethod: ownString(r.Method, http.MethodGet, http.MethodPost), Path: ownString(r.URL.Path),
		RemoteAddr: r.RemoteAddr, HTTPStatus: http.StatusOK, Params: map[string]string{},
	}
	var p Params
	p.parseParamString(r.URL.RawQuery)
	appKey, uid := "", ""
	if slots := s.currentUploads().slotsFor(p.Value("apiToken")); len(slots) > 0 {
		appKey, uid = slots[0].appKey, slots[0].uid
	}
	out := s.evaluateScenario(scenarios.EndpointUpload, "", appKey, uid, "", &p)
	err := s.answerWithScenario(ec, out, entry, func() error {
		var res *uploadResult
		apiErr := (*Error)(nil)
		if out != nil && out.Error != nil {
			apiErr = scenarioError(out.Error)
		} else {
			res, apiErr = s.receiveUpload(r, now, entry)
		}
		if apiErr != nil {
			entry.ErrorCode, entry.ErrorMsg = apiErr.Code, apiErr.Message()
			writeAPIError(ec.Response(), apiErr)
			return nil
		}
		body, _ := encodeResult(res)
		writeResult(ec.Response(), body)
		return nil
	})
	entry.LatencyMicros = time.Since(started).Microseconds()
	s.journal.add(entry)
	return err
}

func (s *Server) receiveUpload(r *http.Request, now time.Time, entry *JournalEntry) (*uploadResult, *Error) {
	q := r.URL.Query()
	apiToken := q.Get("apiToken")
	entry.Params["apiToken"] = maskToken(apiToken)
	entry.Params["photoIds"] = q.Get("photoIds")
	ups := s.currentUploads()
	slots := ups.slotsFor(apiToken)
	if apiToken == "" || len(slots) == 0 {
		return nil, errParam("Invalid upload token")
	}
	entry.ApplicationKey, entry.UID = slots[0].appKey, slots[0].uid
	ids := idList(q.Get("photoIds"))
	if len(ids) == 0 {
		return nil, errMissing("photoIds")
	}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" || ctParams["boundary"] == "" {
		return nil, NewError(21, "")
	}
	body := http.MaxBytesReader(nil, r.Body, s.limits.MaxUploadBytes)
	mr := multipart.NewReader(body, ctParams["boundary"])
	out := &uploadResult{Photos: map[string]uploadToken{}}
	next := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, NewError(500, "")
			}
			return nil, NewError(324, "")
		}
		if part.FileName() == "" && !strings.HasPrefix(part.FormName(), "pic") && !strings.HasPrefix(part.FormName(), "file") {
			_ = part.Close()
			continue
		}
		data, err := io.ReadAll(part)
		_ = part.Close()
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, NewError(500, "")
			}
			return nil, NewError(324, "")
		}
		if len(data) == 0 {
			return nil, NewError(505, "")
		}
		if !isImage(data) {
			return nil, NewError(503, "")
		}
		if next >= len(ids) {
			return nil, errParam("More files than reserved photo ids")
		}
		tok, ok := ups.fill(ids[next], apiToken, len(data), now)
		if !ok {
			return nil, errParam("Invalid photo id %s", ids[next])
		}
		out.Photos[ids[next]] = uploadToken{tok}
		next++
	}
	if next == 0 {
		return nil, NewError(505, "")
	}
	return out, nil
}
