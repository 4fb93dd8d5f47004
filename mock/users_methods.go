package mock

// usersMoreHandlers are the users methods beyond the session basics of
// users.go.
var usersMoreHandlers = map[string]methodHandler{
	"users.getGuests":            usersGetGuests,
	"users.deleteGuests":         usersDeleteGuests,
	"users.getInfoBy":            usersGetInfoBy,
	"users.getAdditionalInfo":    usersGetAdditionalInfo,
	"users.getCallsLeft":         usersGetCallsLeft,
	"users.getGames":             usersGetGames,
	"users.getInvitableFriends":  usersGetInvitableFriends,
	"users.removeAppPermissions": usersRemoveAppPermissions,
	"users.updateMask":           usersUpdateMask,
	"users.updateMasks":          usersUpdateMasks,
	"users.updateMasksV2":        usersUpdateMasksV2,
	"users.setStatus":            usersSetStatus,
	"users.getHolidays":          usersGetHolidays,
	"users.getMobileOperator":    usersGetMobileOperator,
}
