package world

import (
	"fmt"
	"strconv"
	"time"
)

// seedUsers adds random users up to Options.Users and returns every uid,
// sorted.
func (g *generator) seedUsers() []string {
	for n := len(g.w.users.byID); n < g.opts.Users; n++ {
		g.addUser(g.randomID(seededShort))
	}
	return g.sortedUsers()
}

// addUser stores a seeded Russian-speaking profile under the uid.
func (g *generator) addUser(uid string) User {
	u := User{
		UID: uid, Locale: "ru", Country: CountryRussia, CountryCode: CountryCodeRussia,
		Password: DefaultPassword,
	}
	if g.chance(0.5) {
		u.Gender, u.FirstName, u.LastName = Male, g.pick(maleFirstNames), g.pick(surnames)
	} else {
		u.Gender, u.FirstName, u.LastName = Female, g.pick(femaleFirstNames), feminine(g.pick(surnames))
	}
	born := g.now.AddDate(-g.between(18, 74), 0, -g.between(0, 364))
	u.Birthday = born.Format("2006-01-02")
	if g.chance(0.2) {
		u.Birthday = born.Format("01-02")
	}
	u.City = g.pickWeighted(cities)
	if g.chance(0.4) {
		u.Email = g.email(u.FirstName, u.LastName, born.Year())
	}
	switch p := g.f.Float64(); {
	case p < 0.3:
		u.Online = OnlineWeb
	case p < 0.45:
		u.Online = OnlineMobile
	}
	if u.Online != "" {
		u.LastOnline = g.ago(0, 10*time.Minute)
	} else {
		u.LastOnline = g.ago(time.Hour, 60*day)
	}
	u.Registered = g.ago(year, 15*year)
	if g.chance(0.35) {
		u.Status = g.pick(statuses)
	}
	pics := userPics(g.w.seed, uid)
	u.Pic1, u.Pic2, u.Pic3, u.Pic4 = pics[0], pics[1], pics[2], pics[3]
	g.w.users.byID[uid] = u
	return u
}

// email makes a unique address the way people choose them:
// ivan.petrov87@mail.ru, petrov.ivan@yandex.ru, i.petrov1987@gmail.com...
func (g *generator) email(first, last string, birthYear int) string {
	f, l := translit(first, ""), translit(last, "")
	yy, yyyy := fmt.Sprintf("%02d", birthYear%100), strconv.Itoa(birthYear)
	var local string
	switch g.between(0, 5) {
	case 0:
		local = f + "." + l + yy
	case 1:
		local = l + "." + f
	case 2:
		local = f + "_" + l
	case 3:
		local = f[:1] + "." + l + yyyy
	case 4:
		local = l + yy
	default:
		local = f + l + strconv.Itoa(g.between(1, 999))
	}
	domain := g.pickWeighted(emailDomains)
	addr := local + "@" + domain
	for g.emails[addr] {
		addr = local + strconv.Itoa(g.between(1, 99)) + "@" + domain
	}
	g.emails[addr] = true
	return addr
}
