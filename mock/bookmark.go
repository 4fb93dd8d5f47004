package mock

import "github.com/okmock/okmock/mock/world"

var bookmarkHandlers = map[string]methodHandler{
	"bookmark.add":    bookmarkAdd,
	"bookmark.delete": bookmarkDelete,
}

// bookmarkAdd saves an object to the user's bookmarks (adding it again
// changes nothing). The object must exist: 300 otherwise. group.getInfo
// and mediatopic.getByIds show it as bookmarked.
func bookmarkAdd(c *apiCall) (any, *Error) {
	_, err := c.world.AddBookmark(c.session.UID, c.params.Value("bookmark_type"), c.params.Value("ref_id"))
	if err != nil {
		return nil, worldError(err)
	}
	return success(), nil
}

// bookmarkDelete removes a bookmark; one the user does not have is 300,
// except a dedicated example's (openapi/EXAMPLES.md), which answers
// success again so that the example can run more than once.
func bookmarkDelete(c *apiCall) (any, *Error) {
	ref := c.params.Value("ref_id")
	removed, err := c.world.RemoveBookmark(c.session.UID, c.params.Value("bookmark_type"), ref)
	if err != nil {
		return nil, worldError(err)
	}
	if !removed && !world.IsDedicatedExample(ref) {
		return nil, Errorf(CodeNotFound, "No bookmark of %s %s", c.params.Value("bookmark_type"), ref)
	}
	return success(), nil
}
