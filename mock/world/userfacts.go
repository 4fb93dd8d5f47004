package world

import "slices"

// More facts about users that nothing writes, derived from the seed and
// the uid on demand (see profile_facts.go): the games they play, the
// holidays on their profile, their mobile operator.

// UserGames returns the catalogue games the user plays (none to four),
// the most played first.
func (w *World) UserGames(uid string) []CatalogApp {
	if !w.HasUser(uid) {
		return nil
	}
	all := w.CatalogApps("", "")
	var out []CatalogApp
	for i, a := range all {
		// About one game in eight, at most four.
		if len(out) < 4 && seededInt(w.seed, 0, 7, "plays", uid, a.ID) == 0 {
			out = append(out, all[i])
		}
	}
	return out
}

// Holiday is a day a user celebrates, shown on their profile.
type Holiday struct {
	ID    string
	Name  string
	Day   int
	Month int
}

// holidays are the holidays users add to their profiles.
var holidays = []Holiday{
	{"new_year", "Новый год", 1, 1}, {"christmas", "Рождество Христово", 7, 1},
	{"defender", "День защитника Отечества", 23, 2}, {"women", "Международный женский день", 8, 3},
	{"spring", "Праздник Весны и Труда", 1, 5}, {"victory", "День Победы", 9, 5},
	{"russia", "День России", 12, 6}, {"family", "День семьи, любви и верности", 8, 7},
	{"knowledge", "День знаний", 1, 9}, {"teacher", "День учителя", 5, 10},
	{"unity", "День народного единства", 4, 11}, {"mother", "День матери", 24, 11},
}

// UserHolidays returns the holidays on the user's profile, in calendar
// order: their birthday when they show it, and a few of the common ones.
func (w *World) UserHolidays(uid string) []Holiday {
	u, ok := w.User(uid)
	if !ok {
		return nil
	}
	var out []Holiday
	if _, m, d, _, ok := parseBirthday(u.Birthday); ok {
		out = append(out, Holiday{"birthday", "День рождения", d, m})
	}
	for _, h := range holidays {
		if seededInt(w.seed, 0, 2, "holiday", uid, h.ID) == 0 {
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b Holiday) int {
		if a.Month != b.Month {
			return a.Month - b.Month
		}
		return a.Day - b.Day
	})
	return out
}

// mobileOperators are the operators of users' linked phones.
var mobileOperators = []string{"MTS", "BEELINE", "MEGAFON", "TELE2", "YOTA"}

// MobileOperator tells whether the user linked a phone and, if so, its
// operator; ok is false for an unknown user.
func (w *World) MobileOperator(uid string) (hasPhone bool, operator string, ok bool) {
	if !w.HasUser(uid) {
		return false, "", false
	}
	n := seededInt(w.seed, 0, 9, "phone", uid)
	if n >= 8 {
		return false, "", true
	}
	return true, mobileOperators[n%len(mobileOperators)], true
}

// InstallSource is the place in OK a device's user clicked the
// application from in the last 30 days (sdk.getInstallSource), 0 for none
// (most devices): fixed by the seed, the application and the device.
func (w *World) InstallSource(appKey, advID string) int64 {
	if advID == "" || seededInt(w.seed, 0, 2, "install", appKey, advID) != 0 {
		return 0
	}
	return int64(seededInt(w.seed, 1, 9999, "install-place", appKey, advID))
}
