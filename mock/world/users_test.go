package world

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestFeminineSurnames(t *testing.T) {
	tests := []struct{ male, female string }{
		{"Иванов", "Иванова"}, {"Васильев", "Васильева"}, {"Соловьёв", "Соловьёва"},
		{"Ильин", "Ильина"}, {"Островский", "Островская"}, {"Высоцкий", "Высоцкая"},
		{"Толстой", "Толстая"}, {"Шевченко", "Шевченко"}, {"Черных", "Черных"},
	}
	for _, tt := range tests {
		if got := feminine(tt.male); got != tt.female {
			t.Errorf("feminine(%s) = %s, want %s", tt.male, got, tt.female)
		}
	}
}

func TestTranslit(t *testing.T) {
	tests := []struct{ in, sep, want string }{
		{"Пётр", "", "petr"},
		{"Щербакова", "", "shcherbakova"},
		{"Кузьмин", "", "kuzmin"},
		{"Юлия", "", "yuliya"},
		{"Ростов-на-Дону", "_", "rostov_na_donu"},
		{"Нижний Новгород", "_", "nizhniy_novgorod"},
		{" Москва 2025 ", "_", "moskva_2025"},
	}
	for _, tt := range tests {
		if got := translit(tt.in, tt.sep); got != tt.want {
			t.Errorf("translit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAge(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		birthday string
		want     int
		ok       bool
	}{
		{"1987-05-02", 38, true},
		{"1987-06-01", 38, true},
		{"1987-06-02", 37, true},
		{"2000-02-29", 25, true},
		{"05-02", 0, false},
		{"", 0, false},
		{"1987-13-40", 0, false},
	}
	for _, tt := range tests {
		got, ok := User{Birthday: tt.birthday}.Age(now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Age(%q) = %d, %v; want %d, %v", tt.birthday, got, ok, tt.want, tt.ok)
		}
	}
}

var (
	cyrillicName = regexp.MustCompile(`^[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?$`)
	emailFormat  = regexp.MustCompile(`^[a-z][a-z0-9._]*@(mail\.ru|yandex\.ru|gmail\.com|bk\.ru|list\.ru|inbox\.ru|rambler\.ru|ya\.ru)$`)
	birthday     = regexp.MustCompile(`^(\d{4}-)?\d{2}-\d{2}$`)
	cdnPicture   = regexp.MustCompile(`^https://i\.mycdn\.me/i\?r=[A-Za-z0-9_-]{20,}&fn=[a-z_0-9]+$`)
)

func TestSeededUsersAreRussianSpeaking(t *testing.T) {
	cityNames := make([]string, len(cities))
	for i, c := range cities {
		cityNames[i] = c.word
	}
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		for _, uid := range w.UserIDs() {
			u, _ := w.User(uid)
			if !cyrillicName.MatchString(u.FirstName) || !cyrillicName.MatchString(u.LastName) {
				t.Errorf("%s: name %q is not Cyrillic", uid, u.Name())
			}
			if u.Locale != "ru" || u.Country != CountryRussia || u.CountryCode != CountryCodeRussia {
				t.Errorf("%s: locale %q country %q %q", uid, u.Locale, u.Country, u.CountryCode)
			}
			if !slices.Contains(cityNames, u.City) {
				t.Errorf("%s: city %q", uid, u.City)
			}
			if !birthday.MatchString(u.Birthday) {
				t.Errorf("%s: birthday %q", uid, u.Birthday)
			}
			if age, ok := u.Age(testNow); ok && (age < 18 || age > 75) {
				t.Errorf("%s: age %d", uid, age)
			}
			for _, pic := range []string{u.Pic1, u.Pic2, u.Pic3, u.Pic4} {
				if !cdnPicture.MatchString(pic) {
					t.Errorf("%s: picture %q", uid, pic)
				}
			}
			if !slices.Contains([]string{"", OnlineWeb, OnlineMobile}, u.Online) {
				t.Errorf("%s: online %q", uid, u.Online)
			}
			if u.Password != DefaultPassword {
				t.Errorf("%s: password %q", uid, u.Password)
			}
		}
	}
}

func TestSurnamesAgreeWithGender(t *testing.T) {
	feminineEndings := []string{"ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая"}
	invariant := []string{"Шевченко", "Бондаренко", "Ткаченко", "Коваленко", "Кравченко", "Черных", "Седых"}
	genders := map[string]int{}
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		for _, uid := range w.UserIDs() {
			u, _ := w.User(uid)
			genders[u.Gender]++
			femForm := slices.ContainsFunc(feminineEndings, func(e string) bool { return strings.HasSuffix(u.LastName, e) })
			switch {
			case slices.Contains(invariant, u.LastName):
			case u.Gender == Female && !femForm:
				t.Errorf("%s: woman with surname %s", uid, u.LastName)
			case u.Gender == Male && femForm:
				t.Errorf("%s: man with surname %s", uid, u.LastName)
			case u.Gender != Male && u.Gender != Female:
				t.Errorf("%s: gender %q", uid, u.Gender)
			}
			if want := map[string]bool{Male: false, Female: true}[u.Gender]; want && !slices.Contains(femaleFirstNames, u.FirstName) ||
				!want && !slices.Contains(maleFirstNames, u.FirstName) {
				t.Errorf("%s: %s first name %s", uid, u.Gender, u.FirstName)
			}
		}
	}
	if genders[Male] == 0 || genders[Female] == 0 {
		t.Errorf("genders = %v", genders)
	}
}

func TestSomeUsersHaveAnEmailAndMostDoNot(t *testing.T) {
	with, total := 0, 0
	seen := map[string]string{}
	for _, seed := range testSeeds {
		w := newTestWorld(t, seed)
		clear(seen)
		for _, uid := range w.UserIDs() {
			u, _ := w.User(uid)
			total++
			if u.Email == "" {
				continue
			}
			with++
			if !emailFormat.MatchString(u.Email) {
				t.Errorf("%s: email %q", uid, u.Email)
			}
			if other, dup := seen[u.Email]; dup {
				t.Errorf("users %s and %s share %s", uid, other, u.Email)
			}
			seen[u.Email] = uid
		}
	}
	if share := float64(with) / float64(total); share < 0.3 || share > 0.5 {
		t.Errorf("%d of %d users have an email (%.0f%%), want about 40%%", with, total, 100*share)
	}
}

func TestUIDsAreTwelveDigitsOutsideTheExampleRange(t *testing.T) {
	for _, seed := range testSeeds {
		w := New(Options{Seed: seed, Users: 500, Now: testNow})
		for _, uid := range w.UserIDs() {
			if len(uid) != 12 || strings.TrimFunc(uid, unicode.IsDigit) != "" {
				t.Errorf("uid %q is not 12 digits", uid)
			}
			if strings.HasPrefix(uid, "5750000000") && !slices.Contains(exampleUserIDs, uid) {
				t.Errorf("seeded uid %s is in the example range", uid)
			}
		}
	}
}

func TestUserIDsAreSortedNumerically(t *testing.T) {
	w := newTestWorld(t, 5)
	must(t, w.PutUser(User{UID: "42", FirstName: "Тест", LastName: "Короткий"}))
	ids := w.UserIDs()
	if ids[0] != "42" || !slices.IsSortedFunc(ids, compareIDs) {
		t.Errorf("UserIDs = %v...", ids[:3])
	}
}

func TestPutUserAddsAndReplaces(t *testing.T) {
	w := newTestWorld(t, 1)
	must(t, w.PutUser(User{UID: "100000000001", FirstName: "Анна", LastName: "Тестова", Gender: Female, Email: "anna@example.com"}))
	u, ok := w.User("100000000001")
	if !ok || u.Locale != "ru" || u.CountryCode != "RU" || u.Password != DefaultPassword || !cdnPicture.MatchString(u.Pic1) || !u.LastOnline.Equal(testNow) {
		t.Errorf("new user = %+v", u)
	}
	if len(w.Events("100000000001")) != len(eventTypes) {
		t.Error("a new user has no event counters")
	}

	friends := w.Friends(DefaultUserID)
	must(t, w.PutUser(User{UID: DefaultUserID, FirstName: "Иван", LastName: "Иванов", Password: "secret"}))
	u, _ = w.User(DefaultUserID)
	if u.Name() != "Иван Иванов" || u.Password != "secret" {
		t.Errorf("replaced default user = %+v", u)
	}
	if !slices.Equal(w.Friends(DefaultUserID), friends) {
		t.Error("replacing a profile lost friendships")
	}

	bad := []User{
		{UID: ""}, {UID: "12ab"}, {UID: "1", Gender: "other"},
		{UID: "1", Birthday: "1990-02-30"}, {UID: "1", Online: "tv"},
	}
	for _, b := range bad {
		if err := w.PutUser(b); err == nil {
			t.Errorf("PutUser(%+v) accepted", b)
		}
	}
	if err := w.PutUser(User{UID: ExampleGroupID}); err == nil {
		t.Error("PutUser took the id of a group")
	}
}

func TestRemoveUserCascades(t *testing.T) {
	w := newTestWorld(t, 8)
	uid := ExampleFriendID
	aid := mustID(t)(w.CreateAlbum(Album{OwnerUID: uid, Title: "Дача"}))
	pid := mustID(t)(w.AddPhoto(Photo{AlbumID: aid}))
	gpid := mustID(t)(w.AddPhoto(Photo{AlbumID: ExampleGroupAlbumID, OwnerUID: uid}))
	tid := mustID(t)(w.PostTopic(Topic{AuthorUID: uid, Media: textMedia("Привет")}))

	must(t, w.RemoveUser(uid))
	if _, ok := w.User(uid); ok {
		t.Fatal("user still there")
	}
	if w.AreFriends(DefaultUserID, uid) || len(w.Friends(uid)) != 0 {
		t.Error("friendships survived")
	}
	if w.IsMember(ExampleGroupID, uid) || len(w.UserGroups(uid)) != 0 {
		t.Error("membership survived")
	}
	for _, id := range []string{pid, gpid} {
		if _, ok := w.Photo(id); ok {
			t.Errorf("photo %s survived", id)
		}
	}
	if _, ok := w.Album(aid); ok {
		t.Error("album survived")
	}
	if _, ok := w.Topic(tid); ok {
		t.Error("topic survived")
	}
	if w.Events(uid) != nil {
		t.Error("events survived")
	}
	if _, ok := w.Album(ExampleGroupAlbumID); !ok {
		t.Error("the group album went with one of its contributors")
	}
	if err := w.RemoveUser(DefaultUserID); err == nil {
		t.Error("the default user was removed")
	}
	if err := w.RemoveUser("1"); err == nil {
		t.Error("removing an unknown user succeeded")
	}
}

func TestStatus(t *testing.T) {
	w := newTestWorld(t, 1)
	must(t, w.SetStatus(DefaultUserID, "На даче"))
	if s, ok := w.Status(DefaultUserID); !ok || s != "На даче" {
		t.Errorf("Status = %q, %v", s, ok)
	}
	if err := w.SetStatus("1", "x"); err == nil {
		t.Error("SetStatus of an unknown user succeeded")
	}
	if _, ok := w.Status("1"); ok {
		t.Error("Status of an unknown user")
	}
}

// parseBirthday must accept exactly what time.Parse accepts: a stored
// birthday that one of them refuses would be valid in one place (Age) and
// not in another (PutUser's check).
func TestParseBirthdayAgreesWithTimeParse(t *testing.T) {
	var inputs []string
	for _, y := range []string{"0000", "1900", "1999", "2000", "2023", "2024", "9999"} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				inputs = append(inputs, fmt.Sprintf("%s-%02d-%02d", y, m, d))
			}
		}
	}
	for m := 0; m <= 13; m++ {
		for d := 0; d <= 32; d++ {
			inputs = append(inputs, fmt.Sprintf("%02d-%02d", m, d))
		}
	}
	inputs = append(inputs, "", "1990-1-020", "1990/01/02", "199a-01-02", "1990-01-0x", "+990-01-02",
		"1990-01-02 ", " 1990-01-2", "01/02", "1-02", "0a-02", "01-+2", "-1-02", "1990--1-02", "١٩٩٠-01-02")
	for _, s := range inputs {
		y, m, d, hasYear, ok := parseBirthday(s)
		full, errFull := time.Parse("2006-01-02", s)
		short, errShort := time.Parse("2006-01-02", "2000-"+s)
		switch {
		case len(s) == len("2006-01-02"):
			if ok != (errFull == nil) || ok && (!hasYear || y != full.Year() || m != int(full.Month()) || d != full.Day()) {
				t.Errorf("parseBirthday(%q) = %d %d %d %v %v; time.Parse: %v %v", s, y, m, d, hasYear, ok, full, errFull)
			}
		case len(s) == len("01-02"):
			if ok != (errShort == nil) || ok && (hasYear || m != int(short.Month()) || d != short.Day()) {
				t.Errorf("parseBirthday(%q) = %d %d %v %v; time.Parse: %v %v", s, m, d, hasYear, ok, short, errShort)
			}
		case ok:
			t.Errorf("parseBirthday(%q) accepted a string of neither length", s)
		}
	}
}
