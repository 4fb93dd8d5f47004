package conformance

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/mock/control"
)

// tinyPNG is a 1x1 PNG: okmock checks an upload's file signature.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

func resilienceSpecs() []Spec {
	return []Spec{{
		Name: "recommended/timeout/hung-server", Tier: Recommended, Calls: true,
		Needs: []protocol.Feature{protocol.FeatureTimeouts},
		Fact:  "a server that stops answering must not hang the client: each attempt gives up after timeout_ms (official SDKs set read timeouts)",
		run: func(f *Fixture) {
			f.Rule(map[string]any{"match": map[string]any{"method": "users.getInfo"}, "respond": map[string]any{"delay_ms": hungDelayMS}})
			cfg := f.configFor(f.Scheme)
			cfg.TimeoutMS = hungTimeoutMS
			var sess *protocol.Session
			if f.Scheme != protocol.SignApplication {
				sess = SessionFor(f.Scheme, f.Grant())
			}
			started := time.Now()
			resp := f.Send(&protocol.Instruction{Type: protocol.TypeCall, Config: cfg, Sign: f.Scheme, Session: sess,
				Method: "users.getInfo", Params: infoParams(nil)})
			took := time.Since(started)
			expectErrorKind(resp, protocol.KindTimeout, "the server never answered in time")
			// Every attempt may time out and be retried with back-off.
			r := cfg.Retry
			bound := time.Duration(int64(r.MaxAttempts)*hungTimeoutMS)*time.Millisecond + time.Second
			for n := 1; n < r.MaxAttempts; n++ {
				bound += 2 * nominalDelay(r, n)
			}
			Expect(took).To(BeNumerically("<", bound), "the driver answered after %v: attempts must give up after timeout_ms", took)
			Expect(f.Endpoint(endpointAPI)).NotTo(BeEmpty(), "the call must reach okmock")
		},
	}, {
		Name: "recommended/post/large-write", Tier: Recommended, Calls: true,
		Fact: "long calls go as POST forms: URLs have length limits on the way, and OK accepts every method over POST (OK docs; Android SDK)",
		run: func(f *Fixture) {
			attachment, _ := json.Marshal(map[string]any{"media": []any{map[string]any{"type": "text", "text": bigText}}})
			params := map[string]string{"type": "USER", "attachment": string(attachment)}
			if f.Scheme == protocol.SignApplication {
				params["uid"] = defaultUID
			}
			resp := f.Call(f.Scheme, "mediatopic.post", params)
			Expect(resp.Error).To(BeNil(), "the post must succeed")
			var topic string
			Expect(json.Unmarshal(resp.Result, &topic)).To(Succeed(), "mediatopic.post answers the topic id as a JSON string")
			calls := f.Endpoint(endpointAPI)
			Expect(calls).To(HaveLen(1), describe(calls))
			Expect(calls[0].HTTPMethod).To(Equal(http.MethodPost), "a call of %d bytes must be POSTed", len(attachment))
			Expect(calls[0].Params).To(HaveKeyWithValue("attachment", string(attachment)))
		},
	}, {
		Name: "recommended/photo/chain-order", Tier: Recommended, Session: true,
		Needs: []protocol.Feature{protocol.FeaturePhotoUpload},
		Fact:  "a photo goes photosV2.getUploadUrl, multipart upload, photosV2.commit, then mediatopic.post with the assigned id (OK docs; live captures)",
		run: func(f *Fixture) {
			g := f.Grant()
			resp := f.Send(&protocol.Instruction{Type: protocol.TypeUploadPhoto, Sign: f.Scheme, Session: SessionFor(f.Scheme, g),
				Photo: &protocol.Photo{Filename: "okmock.png", ContentType: "image/png", DataBase64: base64.StdEncoding.EncodeToString(tinyPNG)},
				Text:  "Фото дня 📷"})
			Expect(resp.Error).To(BeNil(), "the chain must succeed")
			var up protocol.UploadResult
			Expect(json.Unmarshal(resp.Result, &up)).To(Succeed())
			Expect(up.PhotoID).NotTo(BeEmpty())
			Expect(up.TopicID).NotTo(BeEmpty())
			all := byID(f.Journal(control.Filter{}))
			var steps []string
			for _, e := range all {
				step := e.Endpoint
				if e.Method != "" {
					step = e.Method
				}
				steps = append(steps, step)
				Expect(e.ErrorCode).To(BeZero(), "step %s failed:%s", step, describe(all))
			}
			Expect(steps).To(Equal([]string{"photosV2.getUploadUrl", endpointUpload, "photosV2.commit", "mediatopic.post"}),
				"the chain's requests, in order:%s", describe(all))
			Expect(all[3].Params["attachment"]).To(ContainSubstring(up.PhotoID), "the topic shows the committed photo")
		},
	}}
}
