package mock

import "github.com/okmock/okmock/mock/world"

var paymentHandlers = map[string]methodHandler{
	"payment.getUserAccountBalance":      paymentGetUserAccountBalance,
	"payment.getUserAccountBonusBalance": paymentGetUserAccountBonusBalance,
	"payment.getVipStatus":               paymentGetVipStatus,
	"payment.appCashback":                paymentAppCashback,
}

// walletAnswer answers what show takes from the acting user's wallet.
func walletAnswer(c *apiCall, show func(world.Wallet) any) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	w, _ := c.world.Wallet(u.UID)
	return show(w), nil
}

// paymentGetUserAccountBalance answers the OKs on the user's balance as a
// bare number.
func paymentGetUserAccountBalance(c *apiCall) (any, *Error) {
	return walletAnswer(c, func(w world.Wallet) any { return w.Balance })
}

// paymentGetUserAccountBonusBalance answers the user's bonus OKs as a bare
// number.
func paymentGetUserAccountBonusBalance(c *apiCall) (any, *Error) {
	return walletAnswer(c, func(w world.Wallet) any { return w.Bonus })
}

// vipStatus is payment.getVipStatus' answer.
type vipStatus struct {
	VIP   bool `json:"vip"`
	Trial bool `json:"trial"`
}

// paymentGetVipStatus answers {"vip": ..., "trial": ...}.
func paymentGetVipStatus(c *apiCall) (any, *Error) {
	return walletAnswer(c, func(w world.Wallet) any { return vipStatus{w.VIP, w.VIP && w.Trial} })
}

// paymentAppCashback records a cashback of the calling application (the
// method is listed without parameters or documentation).
func paymentAppCashback(c *apiCall) (any, *Error) {
	c.world.AddCashback(c.app.Key, c.now)
	return success(), nil
}
