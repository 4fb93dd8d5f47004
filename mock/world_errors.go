package mock

import (
	"errors"

	"github.com/okmock/okmock/mock/world"
)

// worldErrorCodes map the world's errors to the OK code a handler answers
// them with; the world's text (which names the id) becomes the message.
var worldErrorCodes = []struct {
	err  error
	code int
}{
	{world.ErrUnknownUser, CodeUserID},
	{world.ErrUnknownGroup, CodeGroupID},
	{world.ErrUnknownAlbum, CodeAlbumID},
	{world.ErrUnknownPhoto, CodePhotoID},
	{world.ErrUnknownComment, 700},
	{world.ErrUnknownTopic, CodeNotFound},
	{world.ErrUnknownObject, CodeNotFound},
	{world.ErrUnknownProduct, CodeNotFound},
	{world.ErrUnknownCatalog, CodeNotFound},
	{world.ErrInvalid, CodeParam},
	{world.ErrLimit, CodeParam},
}

// worldError turns an error of a world write into OK's error: unknown
// users, groups, albums and photos get their PARAM_* codes, other unknown
// objects 300 NOT_FOUND, malformed values 100 PARAM.
func worldError(err error) *Error {
	if err == nil {
		return nil
	}
	for _, m := range worldErrorCodes {
		if errors.Is(err, m.err) {
			return Errorf(m.code, "%s", err.Error())
		}
	}
	return Errorf(CodeUnknown, "%s", err.Error())
}
