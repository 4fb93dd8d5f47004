package conformance

import (
	"encoding/json"
	"maps"
	"strings"

	. "github.com/onsi/gomega"

	"github.com/okmock/okmock/conformance/protocol"
	"github.com/okmock/okmock/mock/control"
)

// The example users of every okmock world (the contract's fixed objects).
const (
	defaultUID = "575000000001"
	friendUID  = "575000000002"
)

// infoParams are the parameters of the users.getInfo call most specs make:
// it works in every scheme and answers a bare array.
func infoParams(extra map[string]string) map[string]string {
	p := map[string]string{"uids": friendUID, "fields": "uid,first_name"}
	maps.Copy(p, extra)
	return p
}

// signatureCase is a parameter set that catches one way of signing wrong.
type signatureCase struct {
	name  string
	fact  string
	extra map[string]string
}

var signatureCases = []signatureCase{
	{"ascii", "sig = md5(sorted key=value pairs + secret), lowercase hex (OK docs, request signing)", nil},
	{"cyrillic", "the signing string is hashed as UTF-8 bytes (official JS and iOS SDKs)",
		map[string]string{"comment": "Привет, Одноклассники! Ёлка и ёжик"}},
	{"emoji", "UTF-8 includes characters outside the BMP: emoji, flags, joiners (official SDKs hash UTF-8)",
		map[string]string{"comment": "👋 🎉 🇷🇺 👨‍👩‍👧 ok"}},
	{"json-value", "JSON-valued parameters are signed as the exact string sent (JS SDK stringifies before signing)",
		map[string]string{"attachment": `{"media":[{"type":"text","text":"Привет 👋 \"quoted\" \\ back\\slash"}]}`}},
	{"empty-value", "an empty parameter is sent and signed as key= (OK signs every parameter it receives)",
		map[string]string{"comment": ""}},
	{"reserved-characters", "values are signed raw, not URL-encoded, and URL-encoded on the wire (OK docs, request signing)",
		map[string]string{"comment": "a&b=c+d %20 /?#;,'<>"}},
	{"sort-by-key", "parameters are sorted by key, not by key=value (a pitfall of python-social-auth)",
		map[string]string{"comment": "first", "comment2": "second"}},
}

func signatureSpecs() []Spec {
	var out []Spec
	for _, scheme := range schemePreference {
		for _, c := range signatureCases {
			out = append(out, Spec{
				Name: "required/signature/" + scheme + "/" + c.name, Tier: Required,
				Fact:  c.fact + "; scheme " + scheme + ": " + schemeFacts[scheme],
				Needs: []protocol.Feature{protocol.SchemeFeature(scheme)},
				run:   func(f *Fixture) { f.expectSignedCall(scheme, infoParams(c.extra)) },
			})
		}
	}
	for _, scheme := range []string{protocol.SignServer, protocol.SignClient} {
		out = append(out, Spec{
			Name: "required/signature/" + scheme + "/access-token-not-signed", Tier: Required,
			Fact:  "access_token is sent but left out of the signing string (OK docs step 2; live wrong-sig answers)",
			Needs: []protocol.Feature{protocol.SchemeFeature(scheme)},
			run: func(f *Fixture) {
				e := f.expectSignedCall(scheme, infoParams(nil))
				Expect(e.Token).NotTo(BeEmpty(), "the call must carry access_token")
			},
		})
	}
	return out
}

var schemeFacts = map[string]string{
	protocol.SignServer:      "secret = md5(access_token + application_secret_key)",
	protocol.SignClient:      "secret = session_secret_key",
	protocol.SignApplication: "secret = application_secret_key, no session",
}

// expectSignedCall makes one call and checks that the driver got the
// method's answer and that okmock verified the signature in scheme, with
// every parameter received exactly as given.
func (f *Fixture) expectSignedCall(scheme string, params map[string]string) control.JournalEntry {
	resp := f.Call(scheme, "users.getInfo", params)
	calls := f.Endpoint(endpointAPI)
	Expect(calls).To(HaveLen(1), "okmock must see exactly one call:%s", describe(calls))
	e := calls[0]
	Expect(e.SignatureError).To(BeEmpty(), "okmock could not verify the signature")
	Expect(string(e.Scheme)).To(Equal(scheme), "okmock verified the call in another scheme")
	Expect(e.ErrorCode).To(BeZero(), "okmock answered an error:%s", describe(calls))
	Expect(e.Method).To(Equal("users.getInfo"))
	for k, v := range params {
		Expect(e.Params).To(HaveKeyWithValue(k, v), "parameter %s must reach okmock exactly as given", k)
	}
	var users []struct {
		UID string `json:"uid"`
	}
	Expect(resp.Error).To(BeNil(), "the call succeeded on the wire; the driver must answer its result")
	Expect(json.Unmarshal(resp.Result, &users)).To(Succeed(), "users.getInfo answers a bare array")
	Expect(users).To(HaveLen(1))
	Expect(users[0].UID).To(Equal(friendUID))
	return e
}

// bigText is a long Cyrillic text: its URL-encoded form is far over the
// 2048 bytes above which calls must be POSTed.
var bigText = strings.Repeat("Длинный текст поста. ", 150)
