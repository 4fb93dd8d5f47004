package mock

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/mock/world"
)

// videoUploadPath is where video.getUploadUrl sends clients.
const videoUploadPath = "/upload/video"

// maxVideoBytes is the largest video file OK takes (1 GB).
const maxVideoBytes = 1 << 30

// parseVideoID reads a video id as the number video.getUploadUrl answers.
func parseVideoID(id string) (int64, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil
}

// handleVideoUpload receives the file of a video started by
// video.getUploadUrl, as a raw or multipart body, and answers
// {"video_id": ..., "size": ...}. The file is counted, not kept.
func (s *Server) handleVideoUpload(ec echo.Context) error {
	started := time.Now()
	r := ec.Request()
	entry := &JournalEntry{
		Time: s.clock.Now(), Endpoint: EndpointUpload, HTTPMethod: ownString(r.Method, http.MethodGet, http.MethodPost), Path: ownString(r.URL.Path),
		RemoteAddr: r.RemoteAddr, HTTPStatus: http.StatusOK, Params: map[string]string{},
	}
	res, apiErr := s.receiveVideo(r, entry)
	if apiErr != nil {
		entry.ErrorCode, entry.ErrorMsg = apiErr.Code, apiErr.Message()
		writeAPIError(ec.Response(), apiErr)
	} else {
		body, _ := encodeResult(res)
		writeResult(ec.Response(), body)
	}
	entry.LatencyMicros = time.Since(started).Microseconds()
	s.journal.add(entry)
	return nil
}

// videoReceived is the upload's answer.
type videoReceived struct {
	VideoID int64 `json:"video_id"`
	Size    int64 `json:"size"`
}

func (s *Server) receiveVideo(r *http.Request, entry *JournalEntry) (any, *Error) {
	_, w := s.state()
	q := r.URL.Query()
	id, token := q.Get("video_id"), q.Get("upload_token")
	entry.Params["video_id"], entry.Params["upload_token"] = id, maskToken(token)
	v, ok := w.Video(id)
	if !ok || v.UploadToken == "" || v.UploadToken != token {
		return nil, errParam("Invalid upload token")
	}
	entry.UID = v.OwnerUID
	n, err := io.Copy(io.Discard, http.MaxBytesReader(nil, r.Body, maxVideoBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, errParam("FileToLarge")
	case err != nil:
		return nil, NewError(324, "")
	case n < minVideoBytes:
		return nil, errParam("FileToSmall")
	}
	if _, err := w.EditVideo(id, func(v *world.Video) error { v.Size = n; return nil }); err != nil {
		return nil, worldError(err)
	}
	vid, _ := parseVideoID(id)
	return videoReceived{vid, n}, nil
}
