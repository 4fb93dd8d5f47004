package mock

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"strings"
)

// Scheme names a way a request can be signed.
type Scheme string

// The signature schemes OK accepts.
const (
	// SchemeServer signs with md5(access_token + application_secret_key):
	// the server (code) flow.
	SchemeServer Scheme = "server"
	// SchemeClient signs with the session_secret_key handed out by the
	// implicit flow.
	SchemeClient Scheme = "client"
	// SchemeApplication signs a call without a session with the
	// application secret itself.
	SchemeApplication Scheme = "application"
	// SchemeUnsigned is a method that must not be signed (sdk.init).
	SchemeUnsigned Scheme = "unsigned"
)

// SecretMask stands where the secret would be in a signing string that is
// shown to anyone, exactly as the live server writes it.
const SecretMask = "********SECRET KEY*******"

// SigningString is the string OK signs: every parameter except sig and
// access_token (and session_key unless includeSessionKey), sorted by key,
// joined as key=value with no separator, values raw (not URL-encoded).
// The secret is appended by the caller.
func SigningString(params []Param, includeSessionKey bool) string {
	return string(appendSigningString(nil, params, includeSessionKey))
}

// appendSigningString appends SigningString to dst. Verification builds it
// in a buffer the pooled call keeps: the string is garbage once hashed.
func appendSigningString(dst []byte, params []Param, includeSessionKey bool) []byte {
	// The kept parameters are ordered as indexes, on the stack for a
	// usual call: a copy of the parameters there was a kilobyte to clear
	// on every call, on whichever of the connections' goroutine stacks
	// served it, rarely one still in the cache.
	var stack [64]int32
	keep := stack[:0]
	if len(params) > len(stack) {
		keep = make([]int32, 0, len(params))
	}
	n := 0
	for i, p := range params {
		if excludedFromSignature(p.Key, includeSessionKey) {
			continue
		}
		keep = append(keep, int32(i))
		n += len(p.Key) + 1 + len(p.Value)
	}
	slices.SortFunc(keep, func(a, b int32) int { return strings.Compare(params[a].Key, params[b].Key) })
	dst = slices.Grow(dst, n)
	for _, i := range keep {
		dst = append(dst, params[i].Key...)
		dst = append(dst, '=')
		dst = append(dst, params[i].Value...)
	}
	return dst
}

func excludedFromSignature(key string, includeSessionKey bool) bool {
	switch key {
	case "sig", "access_token":
		return true
	case "session_key":
		return !includeSessionKey
	}
	return false
}

// MD5Hex is the lowercase hex MD5 of s's UTF-8 bytes.
func MD5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// ServerSecret is the secret of the server scheme:
// md5(access_token + application_secret_key).
func ServerSecret(accessToken, applicationSecret string) string {
	var hexSum [32]byte
	md5HexInto(&hexSum, accessToken, applicationSecret)
	return string(hexSum[:])
}

// md5HexInto writes the hex MD5 of a+b into dst without building a+b.
func md5HexInto(dst *[32]byte, a, b string) {
	var stack [512]byte
	sum := md5.Sum(append(append(stack[:0], a...), b...))
	hex.Encode(dst[:], sum[:])
}

// Sign computes sig for params with the given secret.
func Sign(params []Param, secret string) string {
	return MD5Hex(SigningString(params, false) + secret)
}

// sigMatches reports whether sig is the md5 of signed (the signing string
// followed by the secret).
func sigMatches(sig string, signed []byte) bool {
	sum := md5.Sum(signed)
	var expected [32]byte
	hex.Encode(expected[:], sum[:])
	return sigEqualBytes(sig, expected[:])
}

// sigEqual compares a received sig with an expected one in constant time.
// OK's sigs are lowercase hex; a client that sends uppercase hex is
// accepted, because md5 libraries differ in the case they print.
func sigEqual(received, expected string) bool {
	return sigEqualBytes(received, []byte(expected))
}

func sigEqualBytes(received string, expected []byte) bool {
	if len(received) != len(expected) {
		return false
	}
	var buf [32]byte
	r := buf[:0]
	if len(received) <= len(buf) {
		r = append(r, received...)
	} else {
		r = []byte(received)
	}
	for i, c := range r {
		if 'A' <= c && c <= 'F' {
			r[i] = c + 'a' - 'A'
		}
	}
	return subtle.ConstantTimeCompare(r, expected) == 1
}
