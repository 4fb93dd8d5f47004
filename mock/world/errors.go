package world

import (
	"errors"
	"fmt"
)

// Errors of writes. They are wrapped with the offending id or value, so
// callers test them with errors.Is and may show the text to a client.
var (
	ErrUnknownUser  = errors.New("unknown user")
	ErrUnknownGroup = errors.New("unknown group")
	ErrUnknownAlbum = errors.New("unknown album")
	ErrUnknownPhoto = errors.New("unknown photo")
	ErrUnknownTopic = errors.New("unknown topic")
	// ErrInvalid is a malformed field of an object being written.
	ErrInvalid = errors.New("invalid")
	// ErrIDTaken is an id already held by an object of another kind.
	ErrIDTaken = errors.New("id already in use")
	// ErrProtected refuses to remove the default user, which every world
	// must have.
	ErrProtected = errors.New("protected object")
	// ErrLimit is a limit of OK's, such as 5000 friends.
	ErrLimit = errors.New("limit reached")
)

// notFound wraps a sentinel with the id that was not found.
func notFound(sentinel error, id string) error {
	return fmt.Errorf("%w %s", sentinel, id)
}

// invalid describes a malformed field.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w %s", ErrInvalid, fmt.Sprintf(format, args...))
}
