package mock

// object is a JSON object whose keys keep the order they were added in, so
// that users and groups come out in the order of OK's captures (uid first)
// rather than Go's alphabetical map order.
type object []field

type field struct {
	key   string
	value any
}

// MarshalJSON writes the fields in order.
func (o object) MarshalJSON() ([]byte, error) {
	return o.appendTo(make([]byte, 0, 256))
}

// marshalJSON encodes like OK: '&', '<' and '>' stay as they are (Go
// escapes them by default, which breaks byte comparisons of URLs).
func marshalJSON(v any) ([]byte, error) {
	return appendJSON(make([]byte, 0, 256), v)
}
