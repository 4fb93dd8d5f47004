package mock

// Page sizes of users.getGuests.
const (
	guestsPageDefault = 20
	guestsPageMax     = 100
)

// guest is one row of users.getGuests.
type guest struct {
	UID    string `json:"uid"`
	TimeMs int64  `json:"time_ms"`
}

// usersGetGuests lists who visited the user's profile, the latest visit
// first.
func usersGetGuests(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	list := c.world.Guests(u.UID)
	pg, err := c.paginate(len(list), "pagingAnchor", guestsPageDefault, guestsPageMax)
	if err != nil {
		return nil, err
	}
	out := struct {
		Guests       []guest `json:"guests"`
		PagingAnchor string  `json:"pagingAnchor"`
		HasMore      bool    `json:"hasMore"`
	}{Guests: []guest{}, PagingAnchor: pg.anchor, HasMore: pg.hasMore}
	for _, g := range list[pg.start:pg.end] {
		out.Guests = append(out.Guests, guest{g.UID, g.Time.UnixMilli()})
	}
	return out, nil
}

// usersDeleteGuests removes users from the guest list; uids that are not
// on it are ignored.
func usersDeleteGuests(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	if _, werr := c.world.DeleteGuests(u.UID, idList(c.params.Value("uids"))); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// usersGetInfoBy describes one user as the caller sees them, and (unless
// register_as_guest=false) records the call as a visit to their profile.
func usersGetInfoBy(c *apiCall) (any, *Error) {
	viewer, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	uid := c.params.Value("uid")
	u, ok := c.world.User(uid)
	if !ok {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	if c.boolParam("register_as_guest", true) {
		if werr := c.world.VisitProfile(u.UID, viewer.UID, c.now); werr != nil {
			return nil, worldError(werr)
		}
	}
	fields := defaultUserFields
	if f := c.params.Value("fields"); f != "" {
		fields = parseFields(f)
		fields["uid"] = true
	}
	return c.renderUser(u, fields), nil
}
