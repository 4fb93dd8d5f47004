// Package okclient is a small client of the OK.ru (Odnoklassniki) REST API
// and OAuth, written as the conformance suite's reference: it passes every
// spec of okmock's conformance kit, and each of its choices follows what
// OK documents and its official SDKs do.
//
//	c := okclient.New(okclient.Config{
//		APIServer: "https://api.ok.ru/", ApplicationKey: "CBAFPJHFEBABABABA",
//		ApplicationSecret: secret, Timeout: 10 * time.Second,
//		Retry: okclient.Retry{MaxAttempts: 3, BaseDelay: time.Second, MaxDelay: 8 * time.Second},
//	})
//	sess := &okclient.Session{AccessToken: token, RefreshToken: refresh}
//	me, err := c.Call(ctx, sess, okclient.SignServer, "users.getCurrentUser", nil)
//
// Calls are signed in one of OK's three schemes, sent as GET or (when long)
// as a POST form, retried with exponential back-off on errors 2 and 8 and
// HTTP 5xx, refreshed once on 102 when a refresh token is at hand, and
// every attempt is bounded by a timeout. OK's errors (HTTP 200 with
// error_code) come back as *APIError, never as data.
package okclient
