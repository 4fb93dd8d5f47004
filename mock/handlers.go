package mock

import (
	"fmt"
	"slices"
	"strings"

	"github.com/okmock/okmock/openapi"
)

// methodHandler answers one OK method once every check has passed. It
// returns the result to encode as JSON, or an OK error.
type methodHandler func(c *apiCall) (any, *Error)

// methodHandlers is okmock's one method table: OK method name to handler.
// Which methods exist, their session rules, permissions and parameters come
// from the OpenAPI catalogue; this table only says who answers them. Each
// group's handlers live in a file named after the group.
var methodHandlers = mergeHandlers(
	appsHandlers, bookmarkHandlers, callbacksHandlers, communitiesHandlers, discussionsHandlers,
	interestsHandlers, marketHandlers,
	usersHandlers,
	friendsHandlers,
	groupHandlers,
	eventsHandlers,
	mediatopicHandlers,
	photosV2Handlers,
	sdkHandlers,
	notificationsHandlers, paymentHandlers, photosHandlers, placesHandlers, searchHandlers, shareHandlers, streamHandlers, urlHandlers, usersMoreHandlers, videoHandlers, widgetHandlers,
)

func mergeHandlers(sets ...map[string]methodHandler) map[string]methodHandler {
	out := map[string]methodHandler{}
	for _, set := range sets {
		for name, h := range set {
			if _, dup := out[name]; dup {
				panic("okmock: two handlers for " + name)
			}
			out[name] = h
		}
	}
	return out
}

// checkHandlers refuses a catalogue that does not match the method table
// in either direction: a method okmock answers that the document lacks, or
// a method of the document nobody answers. The table and the document must
// not drift apart.
func checkHandlers(cat *openapi.Catalogue) error {
	var lacking, unanswered []string
	for name := range methodHandlers {
		if _, ok := cat.Method(name); !ok {
			lacking = append(lacking, name)
		}
	}
	for _, m := range cat.Methods() {
		if _, ok := methodHandlers[m.Name]; !ok {
			unanswered = append(unanswered, m.Name)
		}
	}
	slices.Sort(lacking)
	var problems []string
	if len(lacking) > 0 {
		problems = append(problems, "the method catalogue lacks methods okmock implements: "+strings.Join(lacking, ", "))
	}
	if len(unanswered) > 0 {
		problems = append(problems, "okmock has no handler for catalogue methods: "+strings.Join(unanswered, ", "))
	}
	if len(problems) > 0 {
		return fmt.Errorf("okmock: %s", strings.Join(problems, "; "))
	}
	return nil
}
