package mock

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// paymentApp is an application's payment callback endpoint: it checks
// OK's signature with the application secret and answers with the next
// of its scripted answers (the last one repeats).
type paymentApp struct {
	t       *testing.T
	secret  string
	answers []func(w http.ResponseWriter)
	mu      sync.Mutex
	calls   []url.Values
}

func (a *paymentApp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	params := map[string]string{}
	for k := range q {
		params[k] = q.Get(k)
	}
	if r.Method != http.MethodGet || q.Get("method") != "callbacks.payment" || q.Get("sig") != refSign(params, a.secret) {
		a.t.Errorf("callback %s %v: not a signed callbacks.payment GET", r.Method, q)
	}
	a.mu.Lock()
	n := len(a.calls)
	a.calls = append(a.calls, q)
	a.mu.Unlock()
	a.answers[min(n, len(a.answers)-1)](w)
}

func answerXML(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml")
	_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` +
		`<callbacks_payment_response xmlns="http://api.forticom.com/1.0/">true</callbacks_payment_response>`))
}

func answerJSONTrue(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte("true"))
}

func answerXMLError(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Invocation-error", "1001")
	_, _ = w.Write([]byte(`<ns2:error_response xmlns:ns2='http://api.forticom.com/1.0/'><error_code>1001</error_code>` +
		`<error_msg>CALLBACK_INVALID_PAYMENT : Payment is invalid and can not be processed</error_msg></ns2:error_response>`))
}

func answerGarbage(w http.ResponseWriter) { _, _ = w.Write([]byte("OK")) }

// payApp registers an application whose callback URL is the script.
func (ts *testServer) payApp(t *testing.T, answers ...func(http.ResponseWriter)) (App, *paymentApp) {
	app := DemoApp()
	app.ID, app.Key, app.Secret = 512000000777, "PAYAPPKEY", "PAYAPPSECRET"
	script := &paymentApp{t: t, secret: app.Secret, answers: answers}
	srv := httptest.NewServer(script)
	t.Cleanup(srv.Close)
	app.PaymentCallbackURL = srv.URL + "/ok/payment"
	if code := ts.control("POST", "/apps", app, nil); code != http.StatusOK {
		t.Fatalf("register application: HTTP %d", code)
	}
	return app, script
}

func (ts *testServer) pay(req map[string]any) (world.PaymentCallback, int) {
	ts.t.Helper()
	if _, ok := req["retry_delay_ms"]; !ok {
		req["retry_delay_ms"] = 0
	}
	var got world.PaymentCallback
	code := ts.control("POST", "/payments", req, &got)
	return got, code
}

func TestPaymentCallbackAccepted(t *testing.T) {
	ts := newTestServer(t, Options{})
	app, script := ts.payApp(t, answerXML)
	got, code := ts.pay(map[string]any{
		"application_key": app.Key, "uid": world.DefaultUserID, "product_code": "gold_100", "amount": 10,
		"currency": "RUB", "extra_attributes": map[string]string{"level": "5"},
	})
	if code != http.StatusOK || !got.Accepted || len(got.Attempts) != 1 || got.Attempts[0].Outcome != world.CallbackAccepted {
		t.Fatalf("HTTP %d: %+v", code, got)
	}
	q := script.calls[0]
	for k, want := range map[string]string{
		"application_key": app.Key, "uid": world.DefaultUserID, "product_code": "gold_100", "amount": "10",
		"currency": "RUB", "extra_attributes": `{"level":"5"}`, "transaction_id": got.TransactionID,
		"transaction_time": "2026-11-22 15:00:00",
	} {
		if q.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, q.Get(k), want)
		}
	}
	if q.Has("product_option") || q.Has("card_promo") {
		t.Errorf("optional parameters sent empty: %v", q)
	}
	var list PaymentList
	ts.control("GET", "/payments?application_key="+app.Key, nil, &list)
	if list.Count != 1 || list.Payments[0].TransactionID != got.TransactionID {
		t.Errorf("list %+v", list)
	}
}

func TestPaymentCallbackRetries(t *testing.T) {
	for name, tc := range map[string]struct {
		answers  []func(http.ResponseWriter)
		accepted bool
		outcomes []string
		code     int
	}{
		"accepted on the third attempt": {[]func(http.ResponseWriter){answerXMLError, answerGarbage, answerJSONTrue}, true,
			[]string{world.CallbackRejected, world.CallbackInvalid, world.CallbackAccepted}, 1001},
		"refused three times": {[]func(http.ResponseWriter){answerXMLError}, false,
			[]string{world.CallbackRejected, world.CallbackRejected, world.CallbackRejected}, 1001},
	} {
		t.Run(name, func(t *testing.T) {
			ts := newTestServer(t, Options{})
			app, script := ts.payApp(t, tc.answers...)
			got, _ := ts.pay(map[string]any{"application_key": app.Key, "uid": world.DefaultUserID, "product_code": "x", "amount": 1})
			var outcomes []string
			for _, a := range got.Attempts {
				outcomes = append(outcomes, a.Outcome)
			}
			if got.Accepted != tc.accepted || len(script.calls) != len(tc.outcomes) || !slices.Equal(outcomes, tc.outcomes) {
				t.Errorf("accepted %v after %d calls, outcomes %v", got.Accepted, len(script.calls), outcomes)
			}
			if got.Attempts[0].ErrorCode != tc.code {
				t.Errorf("first attempt's error code %d", got.Attempts[0].ErrorCode)
			}
			if script.calls[0].Get("transaction_id") != script.calls[len(script.calls)-1].Get("transaction_id") {
				t.Error("a retry changed the transaction id")
			}
		})
	}
}

func TestPaymentCallerWaitsFiveSecondsBetweenAttempts(t *testing.T) {
	ts := newTestServer(t, Options{})
	app, _ := ts.payApp(t, answerGarbage)
	caller := ts.srv.newPaymentCaller()
	var waits []time.Duration
	caller.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	p := world.PaymentCallback{URL: app.PaymentCallbackURL, TransactionID: "1", UID: world.DefaultUserID, ProductCode: "x"}
	caller.call(context.Background(), &p, encodeParams(paymentParams(&app, p, paymentOptions{}, "1")))
	if len(p.Attempts) != 3 || len(waits) != 2 || waits[0] != 5*time.Second || waits[1] != 5*time.Second {
		t.Errorf("%d attempts, waits %v", len(p.Attempts), waits)
	}
}

func TestPaymentRequestsAreChecked(t *testing.T) {
	ts := newTestServer(t, Options{})
	app, _ := ts.payApp(t, answerXML)
	for name, tc := range map[string]struct {
		req  map[string]any
		want int
	}{
		"unknown application":  {map[string]any{"application_key": "NOPE", "uid": world.DefaultUserID, "product_code": "x"}, http.StatusNotFound},
		"no callback URL":      {map[string]any{"application_key": DemoApp().Key, "uid": world.DefaultUserID, "product_code": "x"}, http.StatusBadRequest},
		"unknown user":         {map[string]any{"application_key": app.Key, "uid": "1", "product_code": "x"}, http.StatusBadRequest},
		"no product":           {map[string]any{"application_key": app.Key, "uid": world.DefaultUserID}, http.StatusBadRequest},
		"negative amount":      {map[string]any{"application_key": app.Key, "uid": world.DefaultUserID, "product_code": "x", "amount": -1}, http.StatusBadRequest},
		"extra not an object":  {map[string]any{"application_key": app.Key, "uid": world.DefaultUserID, "product_code": "x", "extra_attributes": []int{1}}, http.StatusBadRequest},
		"unknown request keys": {map[string]any{"application_key": app.Key, "uid": world.DefaultUserID, "product_code": "x", "amout": 1}, http.StatusBadRequest},
	} {
		var e controlError
		if code := ts.control("POST", "/payments", tc.req, &e); code != tc.want || e.Error == "" {
			t.Errorf("%s: HTTP %d %q, want %d", name, code, e.Error, tc.want)
		}
	}
}

func TestJudgeCallbackAnswer(t *testing.T) {
	for _, tc := range []struct {
		status int
		header string
		body   string
		want   string
		code   int
	}{
		{200, "", `<callbacks_payment_response xmlns="http://api.forticom.com/1.0/">true</callbacks_payment_response>`, world.CallbackAccepted, 0},
		{200, "", " true\n", world.CallbackAccepted, 0},
		{200, "", `<callbacks_payment_response>false</callbacks_payment_response>`, world.CallbackInvalid, 0},
		{200, "", `{"error_code":104,"error_msg":"PARAM_SIGNATURE : Invalid signature","error_data":null}`, world.CallbackRejected, 104},
		{200, "2", "", world.CallbackRejected, 2},
		{200, "", `<ns2:error_response xmlns:ns2="http://api.forticom.com/1.0/"><error_code>9999</error_code></ns2:error_response>`, world.CallbackRejected, 9999},
		{500, "", "true", world.CallbackInvalid, 0},
		{200, "", `"true"`, world.CallbackInvalid, 0},
	} {
		a := world.CallbackAttempt{HTTPStatus: tc.status, InvocationError: tc.header}
		judgeCallbackAnswer(&a, []byte(tc.body))
		if a.Outcome != tc.want || a.ErrorCode != tc.code {
			t.Errorf("%d %q %q: %s %d, want %s %d", tc.status, tc.header, tc.body, a.Outcome, a.ErrorCode, tc.want, tc.code)
		}
	}
}
