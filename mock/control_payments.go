package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/mock/world"
)

// PaymentRequest is the body of POST /__okmock/payments: a payment to
// notify an application of, as OK does when a user pays in it.
type PaymentRequest struct {
	ApplicationKey string `json:"application_key"`
	UID            string `json:"uid"`
	ProductCode    string `json:"product_code"`
	Amount         int    `json:"amount"`
	ProductOption  string `json:"product_option,omitempty"`
	Currency       string `json:"currency,omitempty"`
	PaymentSystem  string `json:"payment_system,omitempty"`
	// ExtraAttributes is a JSON object (or its text) the application
	// passed to FAPI.UI.showPayment.
	ExtraAttributes json.RawMessage `json:"extra_attributes,omitempty"`
	TrialDays       int             `json:"trial_days,omitempty"`
	CardPromo       bool            `json:"card_promo,omitempty"`
	// TransactionID replays a transaction; empty makes a new one.
	TransactionID string `json:"transaction_id,omitempty"`
	// CallbackURL overrides the application's payment_callback_url.
	CallbackURL string `json:"callback_url,omitempty"`
	// RetryDelayMs overrides OK's 5 s between attempts (0: no wait).
	RetryDelayMs *int64 `json:"retry_delay_ms,omitempty"`
}

// PaymentList is the answer of GET /__okmock/payments.
type PaymentList struct {
	Count    int                     `json:"count"`
	Payments []world.PaymentCallback `json:"payments"`
}

// ctlPayment calls the application's payment callback URL as OK does
// (signed GET, up to three attempts five seconds apart) and answers the
// record: whether the application accepted, and each attempt. The call
// blocks until the application accepted or the attempts ran out.
func (s *Server) ctlPayment(c echo.Context) error {
	var req PaymentRequest
	if err := decodeControl(c, &req); err != nil {
		return ctlFail(c, http.StatusBadRequest, "invalid payment: "+err.Error())
	}
	st, w := s.state()
	app, ok := st.app(req.ApplicationKey)
	if !ok {
		return ctlFail(c, http.StatusNotFound, "no application "+req.ApplicationKey)
	}
	opt, problem := req.options()
	callback := req.CallbackURL
	if callback == "" {
		callback = app.PaymentCallbackURL
	}
	switch {
	case problem != "":
	case callback == "":
		problem = "application " + app.Key + " has no payment_callback_url (set it, or send callback_url)"
	case !w.HasUser(req.UID):
		problem = "uid " + req.UID + " is not a user of this world"
	case req.ProductCode == "":
		problem = "product_code must not be empty"
	case req.Amount < 0:
		problem = "amount must not be negative"
	}
	if problem != "" {
		return ctlFail(c, http.StatusBadRequest, problem)
	}
	p := world.PaymentCallback{
		TransactionID: req.TransactionID, AppKey: app.Key, UID: req.UID, ProductCode: req.ProductCode,
		Amount: req.Amount, Time: s.clock.Now(), URL: callback,
	}
	if p.TransactionID == "" {
		p.TransactionID = w.NewTransactionID()
	}
	params := paymentParams(app, p, opt, strconv.FormatInt(p.Time.UnixMilli(), 10))
	p.Params = map[string]string{}
	for _, kv := range params {
		p.Params[kv.Key] = kv.Value
	}
	caller := s.newPaymentCaller()
	if req.RetryDelayMs != nil {
		caller.delay = time.Duration(max(0, *req.RetryDelayMs)) * time.Millisecond
	}
	caller.call(c.Request().Context(), &p, encodeParams(params))
	w.AddPaymentCallback(p)
	return c.JSON(http.StatusOK, p)
}

// options checks and renders the optional parameters.
func (req PaymentRequest) options() (paymentOptions, string) {
	opt := paymentOptions{
		ProductOption: req.ProductOption, Currency: req.Currency,
		PaymentSystem: req.PaymentSystem, CardPromo: req.CardPromo,
	}
	if req.TrialDays > 0 {
		opt.TrialDays = strconv.Itoa(req.TrialDays)
	}
	if raw := bytes.TrimSpace(req.ExtraAttributes); len(raw) > 0 && string(raw) != "null" {
		var text string
		if json.Unmarshal(raw, &text) == nil {
			raw = []byte(text)
		}
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil || b.Len() == 0 || b.Bytes()[0] != '{' {
			return opt, "extra_attributes must be a JSON object"
		}
		opt.ExtraAttributes = b.String()
	}
	return opt, ""
}

// newPaymentCaller calls as OK does: three attempts, five seconds apart.
func (s *Server) newPaymentCaller() *paymentCaller {
	return &paymentCaller{
		client: &http.Client{Timeout: paymentTimeout},
		delay:  paymentRetryDelay,
		sleep:  sleepContext,
		now:    s.clock.Now,
	}
}

// ctlListPayments lists the payment callbacks made, the latest first,
// optionally of one application_key and one uid.
func (s *Server) ctlListPayments(c echo.Context) error {
	_, w := s.state()
	list := w.PaymentCallbacks(c.QueryParam("application_key"), c.QueryParam("uid"))
	return c.JSON(http.StatusOK, PaymentList{Count: len(list), Payments: list})
}
