package mock

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// signatureVector is one entry of testdata/signature-vectors.json (copied
// from the team's reference: the aiookru worked examples plus vectors
// computed independently from the documented rules).
type signatureVector struct {
	Name          string            `json:"name"`
	Scheme        Scheme            `json:"scheme"`
	Params        map[string]string `json:"params"`
	AccessToken   string            `json:"access_token"`
	AppSecret     string            `json:"application_secret_key"`
	SessionSecret string            `json:"session_secret_key"`
	Secret        string            `json:"secret"`
	SigningString string            `json:"signing_string"`
	Sig           string            `json:"sig"`
}

func loadVectors(t testing.TB) []signatureVector {
	t.Helper()
	data, err := os.ReadFile("testdata/signature-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Vectors []signatureVector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	return file.Vectors
}

func (v signatureVector) params() []Param {
	var ps []Param
	for k, val := range v.Params {
		ps = append(ps, Param{k, val})
	}
	if v.AccessToken != "" {
		ps = append(ps, Param{"access_token", v.AccessToken})
	}
	return ps
}

func TestSignatureVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			var secret string
			switch v.Scheme {
			case SchemeServer:
				secret = ServerSecret(v.AccessToken, v.AppSecret)
			case SchemeClient:
				secret = v.SessionSecret
			case SchemeApplication:
				secret = v.AppSecret
			default:
				t.Fatalf("unknown scheme %q", v.Scheme)
			}
			if secret != v.Secret {
				t.Errorf("secret = %s, want %s", secret, v.Secret)
			}
			if got := SigningString(v.params(), false); got != v.SigningString {
				t.Errorf("signing string = %q, want %q", got, v.SigningString)
			}
			if got := Sign(v.params(), secret); got != v.Sig {
				t.Errorf("sig = %s, want %s", got, v.Sig)
			}
		})
	}
}

func TestSigningStringRules(t *testing.T) {
	ps := []Param{
		{"method", "friends.get"}, {"sig", "x"}, {"access_token", "tok"},
		{"session_key", "sk"}, {"application_key", "K"}, {"a1", "1"}, {"a", "2"},
	}
	tests := []struct {
		name              string
		includeSessionKey bool
		want              string
	}{
		// Sorted by key, not by "key=value": "a" sorts before "a1".
		{"docs form excludes session_key", false, "a=2a1=1application_key=Kmethod=friends.get"},
		{"JS SDK form signs session_key", true, "a=2a1=1application_key=Kmethod=friends.getsession_key=sk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SigningString(ps, tt.includeSessionKey); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSigEqual(t *testing.T) {
	tests := []struct {
		recv, want string
		ok         bool
	}{
		{"232c8eb921951c4dba9b72606f9ddb4c", "232c8eb921951c4dba9b72606f9ddb4c", true},
		{"232C8EB921951C4DBA9B72606F9DDB4C", "232c8eb921951c4dba9b72606f9ddb4c", true},
		{"232c8eb921951c4dba9b72606f9ddb4d", "232c8eb921951c4dba9b72606f9ddb4c", false},
		{"232c8eb9", "232c8eb921951c4dba9b72606f9ddb4c", false},
		{"", "232c8eb921951c4dba9b72606f9ddb4c", false},
	}
	for _, tt := range tests {
		if got := sigEqual(tt.recv, tt.want); got != tt.ok {
			t.Errorf("sigEqual(%q) = %v, want %v", tt.recv, got, tt.ok)
		}
	}
}

func BenchmarkVerifySignature(b *testing.B) {
	v := loadVectors(b)[3]
	ps := v.params()
	secret := ServerSecret(v.AccessToken, v.AppSecret)
	b.ReportAllocs()
	for b.Loop() {
		// As checkSignature verifies: the signing string in a stack buffer.
		var buf [768]byte
		if !sigMatches(v.Sig, append(appendSigningString(buf[:0], ps, false), secret...)) {
			b.Fatal("mismatch")
		}
	}
}

// The signing string's order is bytewise by key however many parameters
// a call has, whether their order fits on the stack or not.
func TestSigningStringOrderAtAnyLength(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for n := range 72 {
		ps := make([]Param, n)
		for i := range ps {
			ps[i] = Param{Key: fmt.Sprintf("k%c%d", 'A'+rnd.IntN(60), i), Value: strconv.Itoa(rnd.IntN(1000))}
		}
		if n > 3 {
			ps[1].Key, ps[3].Key = "sig", "access_token"
		}
		var want strings.Builder
		sorted := slices.Clone(ps)
		slices.SortFunc(sorted, func(a, b Param) int { return strings.Compare(a.Key, b.Key) })
		for _, p := range sorted {
			if p.Key != "sig" && p.Key != "access_token" {
				want.WriteString(p.Key + "=" + p.Value)
			}
		}
		if got := SigningString(ps, false); got != want.String() {
			t.Fatalf("%d params: got %q, want %q", n, got, want.String())
		}
	}
}
