package world

import "time"

// Default sizes of a world.
const (
	DefaultUsers  = 60
	DefaultGroups = 12
)

// ReferenceTime is the Now of a world built without one. The world never
// reads the wall clock, so that a seed alone fixes everything.
var ReferenceTime = time.Date(2025, time.January, 15, 12, 0, 0, 0, time.UTC)

// Options describe the world New builds.
type Options struct {
	// Seed fixes every random choice. Zero is a valid seed like any other.
	Seed int64
	// Users is the number of users including the example users;
	// 0 means DefaultUsers and a negative number only the example users.
	Users int
	// Groups is the number of groups including the example group; 0 means
	// DefaultGroups and a negative number only the example group.
	Groups int
	// Now is the reference time of ages, creation dates and last-online
	// times, and the creation time of objects written without one. The
	// caller passes its clock's time; zero means ReferenceTime.
	Now time.Time
}

// normalized fills the defaults and clamps the sizes to what the example
// objects need.
func (o Options) normalized() Options {
	switch {
	case o.Users == 0:
		o.Users = DefaultUsers
	case o.Users < len(exampleUserIDs):
		o.Users = len(exampleUserIDs)
	}
	switch {
	case o.Groups == 0:
		o.Groups = DefaultGroups
	case o.Groups < 1:
		o.Groups = 1
	}
	if o.Now.IsZero() {
		o.Now = ReferenceTime
	}
	o.Now = normTime(o.Now)
	return o
}

// normTime keeps times in UTC at OK's millisecond precision, without a
// monotonic reading, so that a snapshot restores them exactly.
func normTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Millisecond)
}
