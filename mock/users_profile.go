package mock

import "unicode/utf8"

// maxStatusRunes is the longest status users.setStatus takes.
const maxStatusRunes = 1000

// usersSetStatus sets the user's status text (clears it without status);
// users.getInfo shows it as current_status.
func usersSetStatus(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	text := c.params.Value("status")
	if utf8.RuneCountInString(text) > maxStatusRunes {
		return nil, errParam("Status is longer than %d characters", maxStatusRunes)
	}
	if werr := c.world.SetStatus(u.UID, text); werr != nil {
		return nil, worldError(werr)
	}
	return true, nil
}

// holiday is one row of users.getHolidays.
type holiday struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Day   int    `json:"day"`
	Month int    `json:"month"`
}

// usersGetHolidays lists the holidays on a user's profile (uid, else the
// acting user), in calendar order.
func usersGetHolidays(c *apiCall) (any, *Error) {
	uid := c.params.Value("uid")
	if uid == "" {
		u, err := c.actingUser()
		if err != nil {
			return nil, err
		}
		uid = u.UID
	}
	if !c.world.HasUser(uid) {
		return nil, Errorf(CodeUserID, "Invalid uid %s", uid)
	}
	out := []holiday{}
	for _, h := range c.world.UserHolidays(uid) {
		out = append(out, holiday{h.ID, h.Name, h.Day, h.Month})
	}
	return struct {
		Holidays []holiday `json:"holidays"`
	}{out}, nil
}

// usersGetMobileOperator tells whether the user linked a phone and its
// operator: {"has_phone": ..., "operator_id": ...}.
func usersGetMobileOperator(c *apiCall) (any, *Error) {
	u, err := c.actingUser()
	if err != nil {
		return nil, err
	}
	hasPhone, operator, _ := c.world.MobileOperator(u.UID)
	return struct {
		HasPhone bool   `json:"has_phone"`
		Operator string `json:"operator_id,omitempty"`
	}{hasPhone, operator}, nil
}
