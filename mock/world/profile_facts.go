package world

import "slices"

// Facts about users that nothing writes: the devices they used, how they
// relate to their friends, their interests. They come from the seed and
// the ids alone, computed on demand, so they need no storage and follow
// the friendships as those change.

// Devices of friends.getByDevices and friends.appInvite.
const (
	DeviceAndroid = "ANDROID"
	DeviceIOS     = "IOS"
)

// UserDevices returns the mobile platforms uid has used OK on (possibly
// none: a web-only user).
func (w *World) UserDevices(uid string) []string {
	var out []string
	switch seededInt(w.seed, 0, 9, "devices", uid) {
	case 0, 1, 2:
	case 3, 4, 5, 6:
		out = []string{DeviceAndroid}
	case 7, 8:
		out = []string{DeviceIOS}
	default:
		out = []string{DeviceAndroid, DeviceIOS}
	}
	return out
}

// Relation types of friends.getRelativesV2 (ALL is a filter, not a type).
const RelationAll = "ALL"

// RelationTypes are every relation type, ALL first.
var RelationTypes = []string{
	RelationAll, "BROTHERSISTER", "CHILD", "CHILDINLAW", "CLASSMATE", "CLOSEFRIEND", "COLLEGUE",
	"COMPANIONINARMS", "CURSEMATE", "GODCHILD", "GODPARENT", "GRANDCHILD", "GRANDPARENT", "LOVE",
	"NEPHEW", "PARENT", "PARENTINLAW", "PLAYINGTOGETHER", "RELATIVE", "SPOUSE", "UNCLEAUNT",
}

// relationInverse is how the other side sees a relation; types missing
// here are symmetric.
var relationInverse = map[string]string{
	"PARENT": "CHILD", "CHILD": "PARENT",
	"GRANDPARENT": "GRANDCHILD", "GRANDCHILD": "GRANDPARENT",
	"GODPARENT": "GODCHILD", "GODCHILD": "GODPARENT",
	"PARENTINLAW": "CHILDINLAW", "CHILDINLAW": "PARENTINLAW",
	"UNCLEAUNT": "NEPHEW", "NEPHEW": "UNCLEAUNT",
}

// Relation is how a friend relates to a user.
type Relation struct {
	FriendUID string
	Type      string
}

// Relations returns how uid's friends relate to uid, for the friends who
// are more than friends, in friend order. Both sides agree: when B is A's
// PARENT, A is B's CHILD. The default user's example friend is a
// CLOSEFRIEND in every world.
func (w *World) Relations(uid string) []Relation {
	var out []Relation
	for _, fid := range w.Friends(uid) {
		if t := w.relationType(uid, fid); t != "" {
			out = append(out, Relation{FriendUID: fid, Type: t})
		}
	}
	return out
}

// relationType is what b is to a, or "" for a plain friend.
func (w *World) relationType(a, b string) string {
	lo, hi := a, b
	if compareIDs(lo, hi) > 0 {
		lo, hi = hi, lo
	}
	var t string
	if lo == DefaultUserID && hi == ExampleFriendID {
		t = "CLOSEFRIEND"
	} else if n := seededInt(w.seed, 0, 99, "relation", lo, hi); n < len(RelationTypes)-1 {
		// About a fifth of friendships carry a relation.
		t = RelationTypes[1+n]
	}
	if t != "" && a == hi {
		if inv, ok := relationInverse[t]; ok {
			return inv
		}
	}
	return t
}

// Interest is a hobby or taste on a user's profile.
type Interest struct {
	ID       string
	Name     string
	Category string
}

// Interests returns uid's interests (two to six of them); nil for an
// unknown user.
func (w *World) Interests(uid string) []Interest {
	if !w.HasUser(uid) {
		return nil
	}
	f := seededFaker(w.seed, "interests/"+uid)
	idx := make([]int, len(interestList))
	for i := range idx {
		idx[i] = i
	}
	f.ShuffleInts(idx)
	n := f.IntRange(2, 6)
	picked := slices.Clone(idx[:n])
	slices.Sort(picked)
	out := make([]Interest, n)
	for i, k := range picked {
		out[i] = interestList[k]
	}
	return out
}

// interestList are the interests users pick from.
var interestList = []Interest{
	{"1001", "Рыбалка", "HOBBY"}, {"1002", "Садоводство", "HOBBY"}, {"1003", "Кулинария", "HOBBY"},
	{"1004", "Вязание", "HOBBY"}, {"1005", "Путешествия", "HOBBY"}, {"1006", "Фотография", "HOBBY"},
	{"2001", "Русский рок", "MUSIC"}, {"2002", "Шансон", "MUSIC"}, {"2003", "Эстрада", "MUSIC"},
	{"2004", "Классическая музыка", "MUSIC"}, {"3001", "Советское кино", "MOVIE"},
	{"3002", "Сериалы", "MOVIE"}, {"3003", "Комедии", "MOVIE"}, {"4001", "Футбол", "SPORT"},
	{"4002", "Хоккей", "SPORT"}, {"4003", "Лыжи", "SPORT"}, {"5001", "Детективы", "BOOK"},
	{"5002", "Историческая литература", "BOOK"}, {"5003", "Поэзия", "BOOK"},
}
