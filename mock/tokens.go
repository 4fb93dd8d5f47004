package mock

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
)

// newAccessToken looks like OK's current tokens: "-s-" followed by about 70
// URL-safe characters.
func newAccessToken() string {
	return "-s-" + randomURLSafe(51)
}

// newSessionSecret is 32 lowercase hex characters, as OK's
// session_secret_key.
func newSessionSecret() string { return randomHex(16) }

// newRefreshToken has a structure okmock can check, so that an access token
// or garbage sent as refresh_token gets OK's "Invalid refresh token
// structure" rather than "not found".
func newRefreshToken() string { return refreshTokenPrefix + randomURLSafe(45) }

// refreshTokenPrefix marks okmock's refresh tokens.
const refreshTokenPrefix = "-r-"

// newAuthCode is a long alphanumeric code like OK's (about 150 characters
// live; shorter here is harmless).
func newAuthCode() string { return randomHex(48) }

func randomURLSafe(n int) string {
	b := make([]byte, n)
	mustRead(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func randomHex(n int) string {
	b := make([]byte, n)
	mustRead(b)
	return hex.EncodeToString(b)
}

func mustRead(b []byte) {
	// crypto/rand.Read never fails on supported platforms (Go 1.24+
	// crashes the program itself if the kernel source breaks).
	_, _ = rand.Read(b)
}
