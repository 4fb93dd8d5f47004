package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/okmock/okmock/mock/world"
)

var callbacksHandlers = map[string]methodHandler{
	"callbacks.payment": callbacksPayment,
}

// callbacksPayment answers a direct call: callbacks.payment is the call OK
// makes to an application's server, not one an application makes. okmock
// makes it on POST /__okmock/payments.
func callbacksPayment(*apiCall) (any, *Error) {
	return nil, Errorf(CodeMethod, "callbacks.payment is called by OK on the application's payment callback URL; ask okmock to make that call with POST %s/payments", ControlPrefix)
}

// OK's payment callback protocol.
const (
	// paymentAttempts is how many times OK calls before it gives up,
	// cancels the transaction and refunds the user.
	paymentAttempts = 3
	// paymentRetryDelay is OK's pause between attempts.
	paymentRetryDelay = 5 * time.Second
	// paymentTimeout bounds one attempt.
	paymentTimeout = 10 * time.Second
	// maxCallbackBody is how much of an answer is read and recorded.
	maxCallbackBody = 2048
)

// paymentCaller calls an application's payment callback URL. sleep waits
// between attempts; tests replace it so that they never wait.
type paymentCaller struct {
	client *http.Client
	delay  time.Duration
	sleep  func(ctx context.Context, d time.Duration) error
	now    func() time.Time
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// paymentParams are the signed query parameters of a callback, as OK
// sends them: method, application_key, the payment, call_id, then sig over
// all of them with the application secret.
func paymentParams(app *App, p world.PaymentCallback, opt paymentOptions, callID string) []Param {
	params := []Param{
		{"application_key", app.Key}, {"call_id", callID}, {"method", "callbacks.payment"},
		{"uid", p.UID}, {"transaction_id", p.TransactionID},
		{"transaction_time", okDate(p.Time)}, {"product_code", p.ProductCode},
		{"amount", strconv.Itoa(p.Amount)},
	}
	for _, kv := range []Param{
		{"product_option", opt.ProductOption}, {"currency", opt.Currency},
		{"payment_system", opt.PaymentSystem}, {"extra_attributes", opt.ExtraAttributes},
		{"trial_days", opt.TrialDays},
	} {
		if kv.Value != "" {
			params = append(params, kv)
		}
	}
	if opt.CardPromo {
		params = append(params, Param{"card_promo", "true"})
	}
	return append(params, Param{"sig", Sign(params, app.Secret)})
}

// paymentOptions are the optional parameters of a callback.
type paymentOptions struct {
	ProductOption, Currency, PaymentSystem, ExtraAttributes, TrialDays string
	CardPromo                                                          bool
}

// call makes up to paymentAttempts attempts, delay apart, until the
// application accepts; it fills p's attempts and verdict.
func (pc *paymentCaller) call(ctx context.Context, p *world.PaymentCallback, query string) {
	for i := range paymentAttempts {
		if i > 0 {
			if err := pc.sleep(ctx, pc.delay); err != nil {
				p.Attempts = append(p.Attempts, world.CallbackAttempt{Time: pc.now(), Outcome: world.CallbackUnreachable, Error: err.Error()})
				return
			}
		}
		a := pc.attempt(ctx, p.URL, query)
		p.Attempts = append(p.Attempts, a)
		if a.Outcome == world.CallbackAccepted {
			p.Accepted = true
			return
		}
	}
}

// attempt makes one HTTP GET and judges the answer.
func (pc *paymentCaller) attempt(ctx context.Context, base, query string) world.CallbackAttempt {
	a := world.CallbackAttempt{Time: pc.now()}
	ctx, cancel := context.WithTimeout(ctx, paymentTimeout)
	defer cancel()
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+sep+query, nil)
	if err != nil {
		a.Outcome, a.Error = world.CallbackUnreachable, err.Error()
		return a
	}
	resp, err := pc.client.Do(req)
	if err != nil {
		a.Outcome, a.Error = world.CallbackUnreachable, err.Error()
		return a
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxCallbackBody))
	a.HTTPStatus, a.ContentType = resp.StatusCode, resp.Header.Get("Content-Type")
	a.InvocationError, a.Body = resp.Header.Get("Invocation-Error"), string(body)
	judgeCallbackAnswer(&a, body)
	return a
}

// judgeCallbackAnswer decides what an answer means. OK accepts the XML
// <callbacks_payment_response>true</callbacks_payment_response> or a JSON
// true with HTTP 200; an Invocation-error header or an error body (XML
// error_response or a JSON error object) is a refusal; anything else is
// not an answer.
func judgeCallbackAnswer(a *world.CallbackAttempt, body []byte) {
	trimmed := bytes.TrimSpace(body)
	code, isError := callbackErrorCode(trimmed)
	switch {
	case a.InvocationError != "" || isError:
		a.Outcome = world.CallbackRejected
		if code == 0 {
			code, _ = strconv.Atoi(strings.TrimSpace(a.InvocationError))
		}
		a.ErrorCode, a.Error = code, "the application refused the payment"
	case a.HTTPStatus != http.StatusOK:
		a.Outcome, a.Error = world.CallbackInvalid, "HTTP status "+strconv.Itoa(a.HTTPStatus)
	case string(trimmed) == "true" || xmlPaymentTrue(trimmed):
		a.Outcome = world.CallbackAccepted
	default:
		a.Outcome, a.Error = world.CallbackInvalid, "neither <callbacks_payment_response>true</callbacks_payment_response> nor true"
	}
}

// xmlPaymentTrue reports whether body is a callbacks_payment_response
// holding true.
func xmlPaymentTrue(body []byte) bool {
	var r struct {
		XMLName xml.Name
		Value   string `xml:",chardata"`
	}
	return xml.Unmarshal(body, &r) == nil && r.XMLName.Local == "callbacks_payment_response" && strings.TrimSpace(r.Value) == "true"
}

// callbackErrorCode reads an error answer: OK's XML error_response or a
// JSON object with error_code.
func callbackErrorCode(body []byte) (code int, isError bool) {
	if bytes.HasPrefix(body, []byte("{")) {
		var e struct {
			Code *int `json:"error_code"`
		}
		if json.Unmarshal(body, &e) == nil && e.Code != nil {
			return *e.Code, true
		}
		return 0, false
	}
	var x struct {
		XMLName xml.Name
		Code    int `xml:"error_code"`
	}
	if xml.Unmarshal(body, &x) == nil && x.XMLName.Local == "error_response" {
		return x.Code, true
	}
	return 0, false
}

// encodeParams writes params as a query string in their order.
func encodeParams(params []Param) string {
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.Key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.Value))
	}
	return b.String()
}
