package world

import (
	"encoding/json"
	"maps"
	"slices"
	"time"
)

// PaymentCallback is one payment okmock notified an application of, the
// way OK calls callbacks.payment on the application's server, with what
// the application answered to each attempt.
type PaymentCallback struct {
	TransactionID string `json:"transaction_id"`
	AppKey        string `json:"application_key"`
	UID           string `json:"uid"`
	ProductCode   string `json:"product_code"`
	Amount        int    `json:"amount"`
	// Time is the transaction time.
	Time time.Time `json:"time"`
	// URL is the callback URL called; Params what it was sent (sig
	// included).
	URL    string            `json:"callback_url"`
	Params map[string]string `json:"params"`
	// Accepted says the application confirmed the payment; otherwise OK
	// cancels and refunds it.
	Accepted bool              `json:"accepted"`
	Attempts []CallbackAttempt `json:"attempts"`
}

// Outcomes of one callback attempt.
const (
	// CallbackAccepted: the answer was true (XML or JSON).
	CallbackAccepted = "accepted"
	// CallbackRejected: an error answer (an Invocation-error header or an
	// error body).
	CallbackRejected = "rejected"
	// CallbackInvalid: an answer that is neither (wrong status, body or
	// format).
	CallbackInvalid = "invalid_answer"
	// CallbackUnreachable: no answer at all (connection, timeout).
	CallbackUnreachable = "unreachable"
)

// CallbackAttempt is one HTTP call of a payment callback and its answer.
type CallbackAttempt struct {
	Time            time.Time `json:"time"`
	Outcome         string    `json:"outcome"`
	HTTPStatus      int       `json:"http_status,omitempty"`
	ContentType     string    `json:"content_type,omitempty"`
	InvocationError string    `json:"invocation_error,omitempty"`
	// ErrorCode is the error_code of an error answer.
	ErrorCode int `json:"error_code,omitempty"`
	// Body is the start of the answer.
	Body string `json:"body,omitempty"`
	// Error says why the attempt failed.
	Error string `json:"error,omitempty"`
}

// paymentCallbackStore keeps the callbacks made, in order.
type paymentCallbackStore struct {
	list []PaymentCallback
}

func init() {
	registerKind("payment_callbacks", func() extension { return &paymentCallbackStore{} })
}

func (s *paymentCallbackStore) has(id string) bool {
	return slices.ContainsFunc(s.list, func(p PaymentCallback) bool { return p.TransactionID == id })
}

func (s *paymentCallbackStore) populate(*generator)   {}
func (s *paymentCallbackStore) forget(string, string) {}
func (s *paymentCallbackStore) save() any             { return s.list }

func (s *paymentCallbackStore) load(data json.RawMessage) error {
	s.list = nil
	return json.Unmarshal(data, &s.list)
}

// NewTransactionID reserves a transaction id for a payment.
func (w *World) NewTransactionID() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.newIDLocked(longID)
}

// AddPaymentCallback records a payment callback made.
func (w *World) AddPaymentCallback(p PaymentCallback) {
	p.Params = maps.Clone(p.Params)
	p.Attempts = slices.Clone(p.Attempts)
	p.Time = normTime(p.Time)
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.ext["payment_callbacks"].(*paymentCallbackStore)
	s.list = append(s.list, p)
}

// PaymentCallbacks returns the callbacks made, the latest first, of one
// application and one user ("" for any).
func (w *World) PaymentCallbacks(appKey, uid string) []PaymentCallback {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := []PaymentCallback{}
	for _, p := range slices.Backward(w.ext["payment_callbacks"].(*paymentCallbackStore).list) {
		if (appKey == "" || p.AppKey == appKey) && (uid == "" || p.UID == uid) {
			p.Params = maps.Clone(p.Params)
			p.Attempts = slices.Clone(p.Attempts)
			out = append(out, p)
		}
	}
	return out
}
