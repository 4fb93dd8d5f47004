package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// A hashtag in a posted topic is counted, suggested and found.
func TestHashtagsOfTopicsAreFound(t *testing.T) {
	ts, tok := newWriteServer(t)
	var id string
	att := `{"media":[{"type":"text","text":"Собрали урожай #ДачаОкмок и #okmocktest2"}]}`
	ts.ok(tok, callParams("mediatopic.post", "type", "USER", "attachment", att), &id)

	var mentions tagCounts
	ts.ok(tok, callParams("search.tagMentions", "query", "дачаокмок"), &mentions)
	if mentions.All != 1 || mentions.UserTopics != 1 || mentions.Query != "дачаокмок" {
		t.Errorf("tagMentions: %+v", mentions)
	}
	ts.ok(tok, callParams("search.tagMentions", "query", "дачаокмок", "filter", `{"types":["GROUP_TOPIC"]}`), &mentions)
	if mentions.All != 0 {
		t.Errorf("a GROUP_TOPIC filter counted %d", mentions.All)
	}
	var found struct {
		Count int
		Tags  []tagCounts
	}
	ts.ok(tok, callParams("search.tagSearch", "query", "дач"), &found)
	suggested := false
	for _, tg := range found.Tags {
		suggested = suggested || tg.Query == "дачаокмок" && tg.All == 1
	}
	if found.Count != len(found.Tags) || !suggested {
		t.Errorf("tagSearch дач: %+v", found)
	}
	var contents struct {
		Entities struct {
			MediaTopics []struct {
				ID       string
				OwnerRef string `json:"owner_ref"`
			} `json:"media_topics"`
		}
		HasMore bool `json:"has_more"`
	}
	ts.ok(tok, callParams("search.tagContents", "query", "okmocktest2"), &contents)
	if len(contents.Entities.MediaTopics) != 1 || contents.Entities.MediaTopics[0].ID != id || contents.Entities.MediaTopics[0].OwnerRef != "user:"+world.DefaultUserID {
		t.Errorf("tagContents: %+v", contents)
	}
	ts.fails(CodeParam, tok, callParams("search.tagMentions", "query", "x", "filter", `{"types":["BOOKS"]}`))
	ts.fails(CodeParam, tok, callParams("search.tagMentions", "query", "x", "filter", `{"since":"yesterday"}`))
}

// The read-only groups describe the world: links, places, widgets,
// money.
func TestReadOnlyGroupsDescribeTheWorld(t *testing.T) {
	ts, tok := newWriteServer(t)
	_, w := ts.srv.state()
	g, _ := w.Group(world.ExampleGroupID)
	for _, tc := range []struct {
		url, typ string
		id       int64
	}{
		{"https://ok.ru/profile/" + world.ExampleFriendID, "USER", 575000000002},
		{"https://www.ok.ru/group/" + world.ExampleGroupID, "GROUP", 57500000000001},
		{"https://m.ok.ru/" + g.Shortname, "GROUP", 57500000000001},
		{"https://ok.ru/game/512000000001", "APP", 512000000001},
	} {
		var got struct {
			ObjectID int64 `json:"objectId"`
			Type     string
		}
		ts.ok(tok, callParams("url.getInfo", "url", tc.url), &got)
		if got.ObjectID != tc.id || got.Type != tc.typ {
			t.Errorf("url.getInfo %s = %+v", tc.url, got)
		}
	}
	ts.fails(CodeNotFound, tok, callParams("url.getInfo", "url", "https://example.com/profile/1"))

	var link struct {
		Title     string
		Images    []string
		Signature string
	}
	ts.ok(tok, callParams("share.fetchLink", "url", "https://ok.ru/group/"+world.ExampleGroupID), &link)
	if link.Title != g.Name || len(link.Images) != 1 || link.Signature == "" {
		t.Errorf("fetchLink of the group: %+v", link)
	}
	ts.fails(CodeParam, tok, callParams("share.fetchLink", "url", "ok.ru"))

	var place struct{ City string }
	ts.ok(tok, callParams("places.reverseGeocode", "lat", "59.95", "lng", "30.3"), &place)
	if place.City != "Санкт-Петербург" {
		t.Errorf("reverseGeocode of Petersburg: %+v", place)
	}
	ts.fails(CodeNotFound, tok, callParams("places.reverseGeocode", "lat", "0", "lng", "-140"))
	ts.fails(CodeParam, tok, callParams("places.validate", "place", `{"name":"","lat":1,"lng":1}`))

	ts.fails(codeWidget, tok, callParams("widget.getWidgetContent", "wid", "nope"))
	var widgets []widget
	ts.ok(tok, callParams("widget.getWidgets", "wids", "nope,mobile-footer"), &widgets)
	if len(widgets) != 1 || widgets[0].ID != "mobile-footer" {
		t.Errorf("getWidgets: %+v", widgets)
	}

	wallet, _ := w.Wallet(world.DefaultUserID)
	var balance int
	ts.ok(tok, callParams("payment.getUserAccountBalance"), &balance)
	if balance != wallet.Balance {
		t.Errorf("balance %d, wallet %d", balance, wallet.Balance)
	}
	ts.ok("", callParams("payment.appCashback"), nil)
	if len(w.Cashbacks(DemoApp().Key)) != 1 {
		t.Error("appCashback was not recorded")
	}
}
