package mock

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/okmock/okmock/mock/world"
)

var notificationsHandlers = map[string]methodHandler{
	"notifications.sendSimple":     notificationsSendSimple,
	"notifications.sendFavPromo":   notificationsSendFavPromo,
	"notifications.sendMass":       notificationsSendMass,
	"notifications.updateFavPromo": notificationsUpdateFavPromo,
	"notifications.stopFavPromo":   notificationsStopFavPromo,
	"notifications.stopSendMass":   notificationsStopSendMass,
}

// Limits OK puts on notifications.
const (
	codeLimitReached      = 11 // LIMIT_REACHED
	simplePerUserPerDay   = 5  // sendSimple calls per application, user and day
	simpleMaxSpecialChars = 5  // emoji and other symbols in a sendSimple text
	mailingsPerDay        = 30 // sendMass and sendFavPromo mailings per application and day
)

// expiresLayout is how notification expiry times are written (Moscow).
const expiresLayout = "2006.01.02 15:04"

// mailingID is the answer of the mailing methods: {"id": "..."}.
type mailingID struct {
	ID string `json:"id"`
}

// moscowDay is the start of the Moscow calendar day of t: OK's daily
// limits reset at Moscow midnight.
func moscowDay(t time.Time) time.Time {
	y, m, d := t.In(moscow).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, moscow)
}

// simpleSentToday counts the sendSimple notifications the application
// sent the user since Moscow midnight.
func (c *apiCall) simpleSentToday(uid string) int {
	day := moscowDay(c.now)
	n := 0
	for _, sent := range c.world.Notifications(c.app.Key, uid) {
		if !sent.Created.Before(day) {
			n++
		}
	}
	return n
}

// notificationsSendSimple queues a notification to one user; a newer one
// replaces the one pending.
func notificationsSendSimple(c *apiCall) (any, *Error) {
	uid, text := c.params.Value("uid"), c.params.Value("text")
	if !c.world.HasUser(uid) {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	special := 0
	for _, r := range text {
		if unicode.IsSymbol(r) || unicode.Is(unicode.Other, r) {
			special++
		}
	}
	if special > simpleMaxSpecialChars {
		return nil, errParam("Text may contain at most %d special characters", simpleMaxSpecialChars)
	}
	if c.simpleSentToday(uid) >= simplePerUserPerDay {
		return nil, Errorf(codeLimitReached, "At most %d notifications a day to one user", simplePerUserPerDay)
	}
	_, err := c.world.SendNotification(world.Notification{
		AppKey: c.app.Key, UID: uid, Text: text, Mark: c.params.Value("mark"),
		ButtonKey: c.params.Value("custom_button_key"), Created: c.now,
	})
	if err != nil {
		return nil, worldError(err)
	}
	return true, nil
}

// mailingParams reads what the mailing methods share: text, image, mark,
// a future expiry and the status (P and A stand for PUBLIC and
// ADMINS_ONLY). OK's "less than 14 days ahead" window is not checked: the
// document's examples lie years ahead (openapi/EXAMPLES.md).
func (c *apiCall) mailingParams(m *world.Mailing) *Error {
	expires, err := time.ParseInLocation(expiresLayout, c.params.Value("expires"), moscow)
	if err != nil {
		return errParam("Invalid parameter expires value %s", c.params.Value("expires"))
	}
	if !expires.After(c.now) {
		return errParam("Parameter expires must lie in the future")
	}
	m.Text, m.Expires = c.params.Value("text"), expires
	if v, ok := c.params.Get("image"); ok {
		m.Image = v
	}
	if v, ok := c.params.Get("mark"); ok {
		m.Mark = v
	}
	switch strings.ToUpper(c.params.Value("status")) {
	case "", "P", "PUBLIC":
		m.Status = "PUBLIC"
	case "A", "ADMINS_ONLY":
		m.Status = "ADMINS_ONLY"
	}
	return nil
}

// addMailing stores a new mailing of the calling application, within the
// daily limit.
func (c *apiCall) addMailing(m world.Mailing) (any, *Error) {
	day := moscowDay(c.now)
	n := 0
	for _, old := range c.world.Mailings(c.app.Key) {
		if old.AppKey == c.app.Key && !old.Created.Before(day) {
			n++
		}
	}
	if n >= mailingsPerDay {
		return nil, Errorf(codeLimitReached, "At most %d mailings a day", mailingsPerDay)
	}
	m.AppKey, m.Created = c.app.Key, c.now
	id, err := c.world.AddMailing(m)
	if err != nil {
		return nil, worldError(err)
	}
	return mailingID{id}, nil
}

// notificationsSendFavPromo starts a mailing to the application's regular
// payers.
func notificationsSendFavPromo(c *apiCall) (any, *Error) {
	m := world.Mailing{Kind: world.MailingFavPromo}
	if err := c.mailingParams(&m); err != nil {
		return nil, err
	}
	return c.addMailing(m)
}

// massFilters are sendMass's audience filters, kept with the mailing.
var massFilters = []string{
	"gender", "age_range", "birthday_range", "country", "city", "first_access_range",
	"last_access_range", "has_email", "mask", "maskExactMatch", "qualifier", "test_group", "test_groups",
}

// notificationsSendMass starts a mailing to the application's users who
// pass the filters.
func notificationsSendMass(c *apiCall) (any, *Error) {
	m := world.Mailing{Kind: world.MailingMass, Filters: map[string]string{}}
	if err := c.mailingParams(&m); err != nil {
		return nil, err
	}
	for _, name := range massFilters {
		if v := c.params.Value(name); v != "" {
			m.Filters[name] = v
		}
	}
	if r := m.Filters["age_range"]; r != "" {
		// The catalogue checked the digits-dash-digits form.
		lo, hi, _ := strings.Cut(r, "-")
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		if a > b {
			return nil, errParam("Invalid parameter age_range value %s", r)
		}
	}
	return c.addMailing(m)
}

// notificationsUpdateFavPromo changes a running sendFavPromo mailing.
func notificationsUpdateFavPromo(c *apiCall) (any, *Error) {
	var next world.Mailing
	if err := c.mailingParams(&next); err != nil {
		return nil, err
	}
	m, err := c.world.ChangeMailing(c.app.Key, world.MailingFavPromo, c.params.Value("id"), func(m *world.Mailing) error {
		if m.Stopped {
			return fmt.Errorf("%w: mailing %s was stopped", world.ErrInvalid, m.ID)
		}
		m.Text, m.Expires, m.Status = next.Text, next.Expires, next.Status
		if _, ok := c.params.Get("image"); ok {
			m.Image = next.Image
		}
		if _, ok := c.params.Get("mark"); ok {
			m.Mark = next.Mark
		}
		return nil
	})
	if err != nil {
		return nil, worldError(err)
	}
	return mailingID{m.ID}, nil
}

// stopMailing stops a mailing of the kind; stopping a stopped one changes
// nothing.
func (c *apiCall) stopMailing(kind string) (any, *Error) {
	_, err := c.world.ChangeMailing(c.app.Key, kind, c.params.Value("id"), func(m *world.Mailing) error {
		m.Stopped = true
		return nil
	})
	if err != nil {
		return nil, worldError(err)
	}
	return true, nil
}

func notificationsStopFavPromo(c *apiCall) (any, *Error) { return c.stopMailing(world.MailingFavPromo) }

func notificationsStopSendMass(c *apiCall) (any, *Error) { return c.stopMailing(world.MailingMass) }
