package mock

import (
	"testing"

	"github.com/okmock/okmock/mock/world"
)

func TestAppPromoIsReadBack(t *testing.T) {
	ts, _ := newWriteServer(t)
	promo := callParams("apps.setAppPromoInfo", "topic_id", world.ExampleTopicID, "text", "Двойные монеты",
		"start_time", "2026.12.01 10:00", "end_time", "2026.12.03 10:00", "image304x128", "https://example.com/p.png")
	ts.ok("", promo, nil)
	var got map[string]string
	ts.ok("", callParams("apps.getAppPromoInfo"), &got)
	if got["text"] != "Двойные монеты" || got["start_time"] != "2026.12.01 10:00" || got["topic_id"] != world.ExampleTopicID {
		t.Errorf("promo reads back as %v", got)
	}
	for name, change := range map[string][2]string{
		"start in the past":  {"start_time", "2026.01.01 10:00"},
		"end before start":   {"end_time", "2026.11.30 10:00"},
		"longer than 3 days": {"end_time", "2026.12.05 10:00"},
		"bad time":           {"start_time", "1 декабря"},
	} {
		bad := callParams("apps.setAppPromoInfo")
		for k, v := range promo {
			bad[k] = v
		}
		bad[change[0]] = change[1]
		if code, body := ts.raw("", bad); code != CodeParam {
			t.Errorf("%s: %s", name, body)
		}
	}
	bad := callParams("apps.setAppPromoInfo")
	for k, v := range promo {
		bad[k] = v
	}
	bad["topic_id"] = "1"
	ts.fails(CodeNotFound, "", bad)
	ts.ok("", callParams("apps.removeAppPromoInfo"), nil)
	got = nil
	ts.ok("", callParams("apps.getAppPromoInfo"), &got)
	if len(got) != 0 {
		t.Errorf("removed promo reads back as %v", got)
	}
}

func TestVipOffersAreReadBack(t *testing.T) {
	ts, token := newWriteServer(t)
	var given bool
	ts.ok(token, callParams("apps.checkVipOfferStatus", "slot", "3"), &given)
	if given {
		t.Fatal("slot 3 given from the start")
	}
	ts.ok(token, callParams("apps.setVipOfferStatus", "slot", "3"), nil)
	ts.ok(token, callParams("apps.checkVipOfferStatus", "slot", "3"), &given)
	if !given {
		t.Error("setVipOfferStatus did not show in checkVipOfferStatus")
	}
	ts.ok(token, callParams("apps.setVipOfferStatus", "slot", "3", "given", "false"), nil)
	ts.ok(token, callParams("apps.checkVipOfferStatus", "slot", "3"), &given)
	if given {
		t.Error("given=false did not clear the slot")
	}
	ts.fails(CodeParam, token, callParams("apps.checkVipOfferStatus", "slot", "5"))

	ts.ok("", callParams("apps.setVipOffers", "names", "Сундук,Ларец"), nil)
	if got := ts.srv.world.VIPOffers(DemoApp().Key); len(got) != 2 || got[0] != "Сундук" {
		t.Errorf("offers %v", got)
	}
	ts.fails(CodeNotSessionMethod, token, callParams("apps.setVipOffers", "names", "x"))
}

func TestAppCatalogue(t *testing.T) {
	ts, token := newWriteServer(t)
	type app struct {
		ID   string `json:"app_id"`
		Name string `json:"name"`
		Icon string `json:"icon"`
	}
	var top struct {
		Apps    []app  `json:"apps"`
		Anchor  string `json:"anchor"`
		HasMore bool   `json:"has_more"`
	}
	ts.ok(token, callParams("apps.getPlatformTop", "platform", "android", "count", "3", "fields", "APP_ID,name"), &top)
	if len(top.Apps) != 3 || top.Apps[0].Icon != "" || top.Apps[0].Name == "" || !top.HasMore {
		t.Errorf("top page: %+v", top)
	}
	first := top.Apps[0].ID
	ts.ok(token, callParams("apps.getPlatformTop", "platform", "ANDROID", "count", "3", "anchor", top.Anchor), &top)
	if top.Apps[0].ID == first {
		t.Error("the anchor did not move to the next page")
	}
	var nodes struct {
		Nodes []struct {
			Node string `json:"node"`
			Apps []app  `json:"apps"`
		} `json:"nodes"`
	}
	ts.ok(token, callParams("apps.getPlatformCatalogNodesTop", "count", "2"), &nodes)
	if len(nodes.Nodes) != len(world.CatalogNodes) || len(nodes.Nodes[0].Apps) != 2 {
		t.Errorf("nodes: %+v", nodes)
	}
	ts.fails(CodeParam, token, callParams("apps.getPlatformCatalogNodeTop", "node", "planets"))
	ts.fails(CodeParam, token, callParams("apps.getPlatformTop", "platform", "AMIGA"))
}
