package world

import (
	"encoding/json"
	"fmt"
	"time"
)

// Genders of OK profiles.
const (
	Male   = "male"
	Female = "female"
)

// Online portals of User.Online; "" is offline.
const (
	OnlineWeb    = "web"
	OnlineMobile = "mobile"
)

// Location values of Russian users.
const (
	CountryRussia     = "RUSSIAN_FEDERATION"
	CountryCodeRussia = "RU"
)

// DefaultPassword is the login-page password of seeded users.
const DefaultPassword = "password"

// User is an OK profile. It holds no slices or maps, so a copy shares
// nothing with the world.
type User struct {
	UID       string `json:"uid"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Gender    string `json:"gender"`
	// Birthday is "YYYY-MM-DD", or "MM-DD" when the user hides the year,
	// or empty.
	Birthday    string `json:"birthday,omitempty"`
	Locale      string `json:"locale"`
	City        string `json:"city"`
	Country     string `json:"country"`
	CountryCode string `json:"country_code"`
	// Email is empty for users who gave none (most of them).
	Email string `json:"email,omitempty"`
	// Pic1..Pic4 are OK's pic_1 (50x50), pic_2 (128 wide), pic_3 (190x190)
	// and pic_4 (640 wide).
	Pic1 string `json:"pic_1"`
	Pic2 string `json:"pic_2"`
	Pic3 string `json:"pic_3"`
	Pic4 string `json:"pic_4"`
	// Online is OnlineWeb, OnlineMobile or "" (offline).
	Online     string    `json:"online,omitempty"`
	LastOnline time.Time `json:"last_online"`
	Registered time.Time `json:"registered"`
	// Status is the text of the user's status (SetStatus).
	Status string `json:"status,omitempty"`
	// Password is what the mock's login page accepts.
	Password string `json:"password"`
}

// Name is the display name OK shows: first name, then last name.
func (u User) Name() string { return u.FirstName + " " + u.LastName }

// Age is the user's age in full years at now; ok is false when the
// birthday is missing or hides the year.
func (u User) Age(now time.Time) (age int, ok bool) {
	y, m, d, hasYear, valid := parseBirthday(u.Birthday)
	if !valid || !hasYear {
		return 0, false
	}
	age = now.Year() - y
	if now.Month() < time.Month(m) || (now.Month() == time.Month(m) && now.Day() < d) {
		age--
	}
	return age, true
}

// parseBirthday reads "YYYY-MM-DD" or "MM-DD" (a hidden year; 02-29 is
// valid then). It accepts what time.Parse("2006-01-02") accepts, without
// its cost: every rendered user's age reads it.
func parseBirthday(s string) (year, month, day int, hasYear, ok bool) {
	switch len(s) {
	case len("2006-01-02"):
		if s[4] != '-' {
			return 0, 0, 0, false, false
		}
		y, okY := digits(s[:4])
		m, d, okMD := monthDay(s[5:], y)
		if !okY || !okMD {
			return 0, 0, 0, false, false
		}
		return y, m, d, true, true
	case len("01-02"):
		// A leap year, so that 02-29 is a valid hidden-year birthday.
		m, d, ok := monthDay(s, 2000)
		if !ok {
			return 0, 0, 0, false, false
		}
		return 0, m, d, false, true
	}
	return 0, 0, 0, false, false
}

// monthDay reads "MM-DD", a real day of year y.
func monthDay(s string, y int) (month, day int, ok bool) {
	if len(s) != len("01-02") || s[2] != '-' {
		return 0, 0, false
	}
	m, okM := digits(s[:2])
	d, okD := digits(s[3:])
	if !okM || !okD || m < 1 || m > 12 || d < 1 {
		return 0, 0, false
	}
	// The day after the month's last rolls over into the next month.
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return m, d, d <= last
}

// digits reads a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// userStore holds the profiles by uid.
type userStore struct {
	byID map[string]User
}

func newUserStore() userStore { return userStore{byID: map[string]User{}} }

func (s *userStore) has(id string) bool { _, ok := s.byID[id]; return ok }

func (s *userStore) save() any { return s.byID }

func (s *userStore) load(data json.RawMessage) error {
	s.byID = map[string]User{}
	return json.Unmarshal(data, &s.byID)
}

// User returns the user with the uid.
func (w *World) User(uid string) (User, bool) {
	w.mu.RLock()
	u, ok := w.users.byID[uid]
	w.mu.RUnlock()
	return u, ok
}

// HasUser reports whether the user exists, without copying the profile.
func (w *World) HasUser(uid string) bool {
	w.mu.RLock()
	_, ok := w.users.byID[uid]
	w.mu.RUnlock()
	return ok
}

// UserIDs returns every uid, sorted numerically.
func (w *World) UserIDs() []string {
	w.mu.RLock()
	ids := make([]string, 0, len(w.users.byID))
	for id := range w.users.byID {
		ids = append(ids, id)
	}
	w.mu.RUnlock()
	return sortIDs(ids)
}

// PutUser adds a user or replaces the profile of an existing one (by UID);
// friendships, memberships and content of a replaced user stay. Missing
// locale, location, pictures, password and times are filled in; a new user
// gets seeded event counters.
func (w *World) PutUser(u User) error {
	if err := checkUser(u); err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	_, existed := w.users.byID[u.UID]
	if !existed && w.takenLocked(u.UID) {
		return fmt.Errorf("%w: %s", ErrIDTaken, u.UID)
	}
	w.users.byID[u.UID] = w.completeUser(u)
	w.reserveLocked(u.UID)
	if !existed {
		w.events.byUser[u.UID] = seededEvents(w.seed, u.UID)
	}
	return nil
}

// checkUser rejects profiles the API could not render.
func checkUser(u User) error {
	if !isDigits(u.UID) {
		return invalid("uid %q", u.UID)
	}
	if u.Gender != "" && u.Gender != Male && u.Gender != Female {
		return invalid("gender %q", u.Gender)
	}
	if _, _, _, _, ok := parseBirthday(u.Birthday); u.Birthday != "" && !ok {
		return invalid("birthday %q", u.Birthday)
	}
	if u.Online != "" && u.Online != OnlineWeb && u.Online != OnlineMobile {
		return invalid("online %q", u.Online)
	}
	return nil
}

// completeUser fills what a declared profile left out.
func (w *World) completeUser(u User) User {
	def := func(field *string, value string) {
		if *field == "" {
			*field = value
		}
	}
	def(&u.Gender, Male)
	def(&u.Locale, "ru")
	def(&u.Country, CountryRussia)
	def(&u.CountryCode, CountryCodeRussia)
	def(&u.Password, DefaultPassword)
	pics := userPics(w.seed, u.UID)
	def(&u.Pic1, pics[0])
	def(&u.Pic2, pics[1])
	def(&u.Pic3, pics[2])
	def(&u.Pic4, pics[3])
	u.LastOnline = w.stamp(u.LastOnline)
	u.Registered = w.stamp(u.Registered)
	return u
}

// RemoveUser deletes a user with everything that refers to them: their
// friendships, memberships, albums, photos, topics and events. The default
// user cannot be removed. A group the user administered passes to another
// of its admins, else its first moderator, else its first member.
func (w *World) RemoveUser(uid string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.users.has(uid) {
		return notFound(ErrUnknownUser, uid)
	}
	if uid == w.defaultUID {
		return fmt.Errorf("%w: the default user %s", ErrProtected, uid)
	}
	w.friends.drop(uid)
	for _, gid := range w.groups.groupsOf(uid) {
		w.leaveGroupLocked(gid, uid)
	}
	for _, aid := range w.albums.ids(uid) {
		w.deleteAlbumLocked(aid)
	}
	for _, pid := range w.photos.where(func(p Photo) bool { return p.OwnerUID == uid }) {
		w.deletePhotoLocked(pid)
	}
	for _, tid := range w.topics.where(func(t Topic) bool { return t.AuthorUID == uid }) {
		w.deleteTopicLocked(tid)
	}
	delete(w.events.byUser, uid)
	delete(w.users.byID, uid)
	w.forgetLocked("user", uid)
	return nil
}

// SetStatus sets the text of the user's status (mediatopic.post with
// set_status, USER_STATUS topics).
func (w *World) SetStatus(uid, text string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	u, ok := w.users.byID[uid]
	if !ok {
		return notFound(ErrUnknownUser, uid)
	}
	u.Status = keep(text)
	w.users.byID[uid] = u
	return nil
}

// Status returns the text of the user's status; ok is false for an unknown
// user.
func (w *World) Status(uid string) (text string, ok bool) {
	w.mu.RLock()
	u, ok := w.users.byID[uid]
	w.mu.RUnlock()
	return u.Status, ok
}

// checkUsersLocked fails with ErrUnknownUser on the first uid that names
// nobody.
func (w *World) checkUsersLocked(uids ...string) error {
	for _, uid := range uids {
		if !w.users.has(uid) {
			return notFound(ErrUnknownUser, uid)
		}
	}
	return nil
}
