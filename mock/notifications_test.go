package mock

import (
	"testing"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// sendSimple notifications reach the recipient's app_events counter, count
// against the daily limit of five, and the limit resets at Moscow
// midnight.
func TestSimpleNotificationsAreCountedAndLimited(t *testing.T) {
	ts, _ := newWriteServer(t)
	_, w := ts.srv.state()
	appEvents := func() int { return ts.eventCount(world.ExampleFriendID, world.EventAppEvents) }
	before := appEvents()
	send := callParams("notifications.sendSimple", "uid", world.ExampleFriendID, "text", "Ваш ход!", "mark", "turn")
	for range simplePerUserPerDay {
		ts.ok("", send, nil)
	}
	if got := appEvents(); got != before+simplePerUserPerDay {
		t.Errorf("app_events %d, want %d", got, before+simplePerUserPerDay)
	}
	sent := w.Notifications(DemoApp().Key, world.ExampleFriendID)
	if len(sent) != simplePerUserPerDay || sent[0].Mark != "turn" || sent[0].Text != "Ваш ход!" {
		t.Fatalf("notifications kept: %+v", sent)
	}
	ts.fails(codeLimitReached, "", send)
	ts.srv.Advance(24 * time.Hour)
	ts.ok("", send, nil)

	ts.fails(CodeUserID, "", callParams("notifications.sendSimple", "uid", "1", "text", "x"))
	ts.fails(CodeParam, "", callParams("notifications.sendSimple", "uid", world.ExampleFriendID, "text", "🎉🎉🎉🎉🎉🎉"))
}

// Mailings are kept with what they were sent with; updates and stops
// change them; each kind is stopped by its own method only.
func TestMailingsAreReadBack(t *testing.T) {
	ts, _ := newWriteServer(t)
	_, w := ts.srv.state()
	mailing := func(id string) world.Mailing {
		for _, m := range w.Mailings(DemoApp().Key) {
			if m.ID == id {
				return m
			}
		}
		t.Fatalf("mailing %s not found", id)
		return world.Mailing{}
	}
	var promo, mass mailingID
	ts.ok("", callParams("notifications.sendFavPromo", "text", "Бонус", "expires", "2030.01.05 12:00", "status", "A"), &promo)
	ts.ok("", callParams("notifications.sendMass", "text", "Уровни", "expires", "2030.01.05 12:00", "gender", "F", "age_range", "18-35"), &mass)
	if m := mailing(promo.ID); m.Kind != world.MailingFavPromo || m.Status != "ADMINS_ONLY" || m.Text != "Бонус" || m.Stopped {
		t.Errorf("favpromo kept as %+v", m)
	}
	if m := mailing(mass.ID); m.Filters["gender"] != "F" || m.Filters["age_range"] != "18-35" || m.Status != "PUBLIC" {
		t.Errorf("mass mailing kept as %+v", m)
	}

	var updated mailingID
	ts.ok("", callParams("notifications.updateFavPromo", "id", promo.ID, "text", "Новый бонус", "expires", "2030.01.06 12:00"), &updated)
	if m := mailing(promo.ID); updated.ID != promo.ID || m.Text != "Новый бонус" || m.Expires.In(moscow).Day() != 6 {
		t.Errorf("after updateFavPromo: %+v", m)
	}
	ts.fails(CodeNotFound, "", callParams("notifications.stopFavPromo", "id", mass.ID))
	ts.fails(CodeNotFound, "", callParams("notifications.stopSendMass", "id", promo.ID))
	for range 2 {
		ts.ok("", callParams("notifications.stopFavPromo", "id", promo.ID), nil)
		ts.ok("", callParams("notifications.stopSendMass", "id", mass.ID), nil)
	}
	if !mailing(promo.ID).Stopped || !mailing(mass.ID).Stopped {
		t.Error("stopped mailings not marked")
	}
	ts.fails(CodeParam, "", callParams("notifications.updateFavPromo", "id", promo.ID, "text", "x", "expires", "2030.01.06 12:00"))
	ts.fails(CodeParam, "", callParams("notifications.sendFavPromo", "text", "x", "expires", "2020.01.01 12:00"))
	ts.fails(CodeParam, "", callParams("notifications.sendMass", "text", "x", "expires", "2030.01.01 12:00", "age_range", "40-18"))
}
