package mock

import (
	"fmt"
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

// checkHandlers refuses a catalogue that lacks a method okmock answers: the
// table and the document must not drift apart.
func checkHandlers(cat *openapi.Catalogue) error {
	var missing []string
	for name := range methodHandlers {
		if _, ok := cat.Method(name); !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("okmock: the method catalogue lacks methods okmock implements: %s", strings.Join(missing, ", "))
	}
	return nil
}
