package mock

import "github.com/okmock/okmock/mock/world"

// userName is a user's display name, encoded without building the string.
type userName struct{ u *world.User }

func (n userName) appendJSON(b []byte) []byte {
	// world.User.Name joins the names with one space; written in place.
	b = append(b, '"')
	b = appendJSONStringBody(b, n.u.FirstName)
	b = append(b, ' ')
	b = appendJSONStringBody(b, n.u.LastName)
	return append(b, '"')
}

// MarshalJSON lets encoding/json encode a name inside other values.
func (n userName) MarshalJSON() ([]byte, error) { return n.appendJSON(nil), nil }

// userLocation is OK's location object of a user.
type userLocation struct{ u *world.User }

func (l userLocation) appendJSON(b []byte) []byte {
	b = append(b, `{"city":`...)
	b = appendJSONString(b, l.u.City)
	b = append(b, `,"country":`...)
	b = appendJSONString(b, l.u.Country)
	b = append(b, `,"countryCode":`...)
	b = appendJSONString(b, l.u.CountryCode)
	return append(b, '}')
}

// MarshalJSON lets encoding/json encode a location inside other values.
func (l userLocation) MarshalJSON() ([]byte, error) { return l.appendJSON(nil), nil }
