package world

import (
	"encoding/json"
	"time"
)

// Wallet is what OK knows of a user's money: OKs on the balance, bonus
// OKs, VIP status and how they paid last. It is derived from the seed and
// the uid, so every user has one without the world storing it.
type Wallet struct {
	Balance int
	Bonus   int
	VIP     bool
	Trial   bool // a VIP trial
	// OKPayer is whether the user ever bought OKs.
	OKPayer bool
	// LastPayment is how they last paid: NO, SMS, TERMINAL or CARD.
	LastPayment string
}

// Wallet returns the user's wallet; ok is false for an unknown user.
func (w *World) Wallet(uid string) (Wallet, bool) {
	if !w.HasUser(uid) {
		return Wallet{}, false
	}
	f := seededFaker(w.seed, "wallet/"+uid)
	var wl Wallet
	if f.Float64() < 0.35 {
		wl.OKPayer = true
		wl.Balance = f.IntRange(1, 450)
		wl.LastPayment = []string{"SMS", "TERMINAL", "CARD", "CARD"}[f.IntN(4)]
	} else {
		wl.LastPayment = "NO"
	}
	if f.Float64() < 0.3 {
		wl.Bonus = f.IntRange(1, 60)
	}
	if f.Float64() < 0.1 {
		wl.VIP = true
		wl.Trial = f.Float64() < 0.3
	}
	return wl, true
}

// Payment is a purchase an application reported (sdk.reportPayment).
type Payment struct {
	TrxID    string    `json:"trx_id"`
	AppKey   string    `json:"app_key"`
	UID      string    `json:"uid"`
	Amount   string    `json:"amount"`
	Currency string    `json:"currency"`
	Platform string    `json:"platform"`
	Time     time.Time `json:"time"`
}

// Cashback is a cashback an application granted (payment.appCashback).
type Cashback struct {
	ID     string    `json:"id"`
	AppKey string    `json:"app_key"`
	Time   time.Time `json:"time"`
}

// paymentStore holds reported payments per application and user, and
// cashbacks per application. Payment ids are application/transaction,
// never digits.
type paymentStore struct {
	payments  table[Payment]
	cashbacks table[Cashback]
}

func paymentID(p Payment) string { return p.AppKey + "/" + p.TrxID }

func init() {
	registerKind("payments", func() extension {
		return &paymentStore{
			payments: newTable(paymentID, func(p Payment) string { return p.AppKey + "/" + p.UID },
				func(p Payment) time.Time { return p.Time }),
			cashbacks: newTable(func(c Cashback) string { return c.ID }, func(c Cashback) string { return c.AppKey },
				func(c Cashback) time.Time { return c.Time }),
		}
	})
}

func (s *paymentStore) has(id string) bool { return s.cashbacks.has(id) }

// populate reports nothing: payments are the applications' own.
func (s *paymentStore) populate(*generator) {}

func (s *paymentStore) forget(kind, id string) {
	if kind == "user" {
		for _, pid := range s.payments.where(func(p Payment) bool { return p.UID == id }) {
			s.payments.remove(pid)
		}
	}
}

func (s *paymentStore) save() any {
	return map[string]any{"payments": s.payments.save(), "cashbacks": s.cashbacks.save()}
}

func (s *paymentStore) load(data json.RawMessage) error {
	return loadNamed(data, map[string]func(json.RawMessage) error{"payments": s.payments.load, "cashbacks": s.cashbacks.load})
}

func (w *World) paymentsLocked() *paymentStore { return w.ext["payments"].(*paymentStore) }

// ReportPayment records a purchase; added is false when the application
// already reported the transaction (clients retry), which changes nothing.
func (w *World) ReportPayment(p Payment) (added bool, err error) {
	if p.TrxID == "" || p.AppKey == "" {
		return false, invalid("payment without transaction id or application")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkUsersLocked(p.UID); err != nil {
		return false, err
	}
	s := w.paymentsLocked()
	if s.payments.has(paymentID(p)) {
		return false, nil
	}
	p.Time = w.stamp(p.Time)
	s.payments.put(p)
	return true, nil
}

// Payments returns what the application reported for the user, newest
// first.
func (w *World) Payments(appKey, uid string) []Payment {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.paymentsLocked().payments.list(appKey + "/" + uid)
}

// AddCashback records a cashback of the application and returns its id.
func (w *World) AddCashback(appKey string, t time.Time) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := Cashback{ID: w.newIDLocked(shortID), AppKey: appKey, Time: w.stamp(t)}
	w.paymentsLocked().cashbacks.put(c)
	return c.ID
}

// Cashbacks returns the application's cashbacks, newest first.
func (w *World) Cashbacks(appKey string) []Cashback {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.paymentsLocked().cashbacks.list(appKey)
}
