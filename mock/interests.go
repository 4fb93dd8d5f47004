package mock

var interestsHandlers = map[string]methodHandler{
	"interests.get": interestsGet,
}

// interest is one row of interests.get.
type interest struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
}

// interestsGet answers {"interests": [...]} of the user (uid, else the
// caller).
func interestsGet(c *apiCall) (any, *Error) {
	uid, err := c.userOrCaller()
	if err != nil {
		return nil, err
	}
	out := []interest{}
	for _, i := range c.world.Interests(uid) {
		out = append(out, interest{i.ID, i.Name, i.Category})
	}
	return struct {
		Interests []interest `json:"interests"`
	}{out}, nil
}
