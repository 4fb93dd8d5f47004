package okclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
)

// Photo is an image to upload.
type Photo struct {
	Filename    string
	ContentType string
	Data        []byte
}

// PhotoPost is where an uploaded photo ended up.
type PhotoPost struct {
	// PhotoID is the committed photo's id.
	PhotoID string
	// TopicID is the topic that shows it.
	TopicID string
}

// UploadAndPost runs OK's photo chain: photosV2.getUploadUrl, the upload,
// photosV2.commit, then mediatopic.post of a USER topic with text and the
// photo.
func (c *Client) UploadAndPost(ctx context.Context, sess *Session, scheme string, photo Photo, text string) (PhotoPost, error) {
	var slot struct {
		PhotoIDs  []string `json:"photo_ids"`
		UploadURL string   `json:"upload_url"`
	}
	if err := c.callInto(ctx, sess, scheme, "photosV2.getUploadUrl", map[string]string{"count": "1"}, &slot); err != nil {
		return PhotoPost{}, err
	}
	if len(slot.PhotoIDs) == 0 || slot.UploadURL == "" {
		return PhotoPost{}, &InvalidResponseError{Reason: "getUploadUrl answered no photo id or upload URL"}
	}
	token, err := c.upload(ctx, slot.UploadURL, slot.PhotoIDs[0], photo)
	if err != nil {
		return PhotoPost{}, err
	}
	var commit struct {
		Photos []struct {
			Status   string `json:"status"`
			Assigned string `json:"assigned_photo_id"`
		} `json:"photos"`
	}
	if err := c.callInto(ctx, sess, scheme, "photosV2.commit", map[string]string{"photo_id": slot.PhotoIDs[0], "token": token}, &commit); err != nil {
		return PhotoPost{}, err
	}
	if len(commit.Photos) != 1 || commit.Photos[0].Status != "SUCCESS" || commit.Photos[0].Assigned == "" {
		return PhotoPost{}, &InvalidResponseError{Reason: fmt.Sprintf("commit did not succeed: %+v", commit.Photos)}
	}
	photoID := commit.Photos[0].Assigned
	attachment, _ := json.Marshal(map[string]any{"media": []any{
		map[string]any{"type": "text", "text": text},
		map[string]any{"type": "photo", "list": []any{map[string]string{"photoId": photoID}}},
	}})
	var topic string
	if err := c.callInto(ctx, sess, scheme, "mediatopic.post", map[string]string{"type": "USER", "attachment": string(attachment)}, &topic); err != nil {
		return PhotoPost{}, err
	}
	return PhotoPost{PhotoID: photoID, TopicID: topic}, nil
}

// callInto is Call decoding the result into out.
func (c *Client) callInto(ctx context.Context, sess *Session, scheme, method string, params map[string]string, out any) error {
	raw, err := c.Call(ctx, sess, scheme, method, params)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &InvalidResponseError{Reason: method + " answered an unexpected shape: " + err.Error()}
	}
	return nil
}

// upload posts the photo to the upload URL as part pic1 and answers its
// upload token.
func (c *Client) upload(ctx context.Context, uploadURL, photoID string, photo Photo) (string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="pic1"; filename=%q`, photo.Filename))
	h.Set("Content-Type", photo.ContentType)
	part, err := mw.CreatePart(h)
	if err != nil {
		return "", err
	}
	_, _ = part.Write(photo.Data)
	if err := mw.Close(); err != nil {
		return "", err
	}
	resp, raw, err := c.attempt(ctx, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, uploadURL, bytes.NewReader(body.Bytes()))
		if err == nil {
			req.Header.Set("Content-Type", mw.FormDataContentType())
		}
		return req, err
	})
	if err != nil {
		return "", err
	}
	res, err := decodeAPI(resp, raw)
	if err != nil {
		return "", err
	}
	var up struct {
		Photos map[string]struct {
			Token string `json:"token"`
		} `json:"photos"`
	}
	if err := json.Unmarshal(res, &up); err != nil || up.Photos[photoID].Token == "" {
		return "", &InvalidResponseError{resp.StatusCode, "the upload answered no token for " + photoID}
	}
	return up.Photos[photoID].Token, nil
}
