package mock

import (
	"slices"
	"testing"

	"github.com/okmock/okmock/mock/world"
)

// marketProduct is a product as the market reads answer it.
type marketProduct struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Price      string   `json:"price"`
	Status     string   `json:"status"`
	CatalogIDs []string `json:"catalog_ids"`
	Pinned     bool     `json:"pinned"`
}

type productList struct {
	Products []marketProduct `json:"products"`
	HasMore  bool            `json:"has_more"`
}

type catalogList struct {
	Catalogs []struct {
		ID      string `json:"catalog_id"`
		Name    string `json:"name"`
		PhotoID string `json:"photo_id"`
		Count   int    `json:"products_count"`
	} `json:"catalogs"`
}

const mugAttachment = `{"media":[{"type":"text","text":"Кружка"},{"type":"text","text":"Керамика"},{"type":"product","price":"300","currency":"RUB"}]}`

func (ts *testServer) product(token, id string) (marketProduct, bool) {
	ts.t.Helper()
	var got productList
	ts.ok(token, callParams("market.getByIds", "product_ids", id), &got)
	if len(got.Products) == 0 {
		return marketProduct{}, false
	}
	return got.Products[0], true
}

func productIDsOf(l productList) []string {
	var ids []string
	for _, p := range l.Products {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestMarketWritesAreReadBack(t *testing.T) {
	ts, admin := newWriteServer(t)
	gid := world.ExampleGroupID

	var cat struct {
		ID string `json:"catalog_id"`
	}
	ts.ok(admin, callParams("market.addCatalog", "gid", gid, "name", "Варенье", "photo_id", world.ExampleGroupUpload2ID), &cat)
	var cats catalogList
	ts.ok(admin, callParams("market.getCatalogsByGroup", "gid", gid), &cats)
	if cats.Catalogs[0].ID != cat.ID || cats.Catalogs[0].Name != "Варенье" || cats.Catalogs[0].PhotoID != world.ExampleGroupUpload2ID {
		t.Errorf("the new catalog does not come first: %+v", cats.Catalogs[0])
	}

	var added struct {
		ID      string `json:"product_id"`
		Success bool   `json:"success"`
	}
	ts.ok(admin, callParams("market.add", "gid", gid, "type", "GROUP_PRODUCT", "attachment", mugAttachment, "catalog_ids", cat.ID), &added)
	if p, ok := ts.product(admin, added.ID); !ok || p.Title != "Кружка" || p.Price != "300" || p.Status != "ACTIVE" || !slices.Equal(p.CatalogIDs, []string{cat.ID}) {
		t.Errorf("added product reads back as %+v", p)
	}
	var inCatalog productList
	ts.ok(admin, callParams("market.getByCatalog", "gid", gid, "catalog_id", cat.ID), &inCatalog)
	if !slices.Equal(productIDsOf(inCatalog), []string{added.ID}) {
		t.Errorf("catalog lists %v", productIDsOf(inCatalog))
	}

	ts.ok(admin, callParams("market.edit", "product_id", added.ID, "attachment",
		`{"media":[{"type":"text","text":"Большая кружка"},{"type":"product","price":"350"}]}`), nil)
	if p, _ := ts.product(admin, added.ID); p.Title != "Большая кружка" || p.Price != "350" || len(p.CatalogIDs) != 1 {
		t.Errorf("edited product (catalogs kept without catalog_ids): %+v", p)
	}

	ts.ok(admin, callParams("market.setStatus", "product_id", added.ID, "product_status", "SOLD"), nil)
	if p, _ := ts.product(admin, added.ID); p.Status != "SOLD" {
		t.Errorf("status %s", p.Status)
	}
	ts.fails(CodeParam, admin, callParams("market.setStatus", "product_id", added.ID, "product_status", "CLOSED"))

	ts.ok(admin, callParams("market.pin", "product_id", world.ExampleProduct2ID, "on", "true"), nil)
	var all productList
	ts.ok(admin, callParams("market.getProducts", "gid", gid), &all)
	if all.Products[0].ID != world.ExampleProduct2ID || !all.Products[0].Pinned {
		t.Errorf("the pinned product does not come first: %+v", all.Products[0])
	}
	ts.ok(admin, callParams("market.pin", "product_id", world.ExampleProduct2ID, "on", "false"), nil)
	ts.ok(admin, callParams("market.reorder", "gid", gid, "product_id", added.ID, "after_product_id", world.ExampleProduct2ID), nil)
	ts.ok(admin, callParams("market.getProducts", "gid", gid, "count", "100"), &all)
	if ids := productIDsOf(all); slices.Index(ids, added.ID) != slices.Index(ids, world.ExampleProduct2ID)+1 {
		t.Errorf("after reorder: %v", ids)
	}

	ts.ok(admin, callParams("market.updateCatalogsList", "gid", gid, "product_id", added.ID, "catalog_ids", world.ExampleCatalogID), nil)
	if p, _ := ts.product(admin, added.ID); !slices.Equal(p.CatalogIDs, []string{world.ExampleCatalogID}) {
		t.Errorf("catalogs after updateCatalogsList: %v", p.CatalogIDs)
	}
	ts.ok(admin, callParams("market.editCatalog", "gid", gid, "catalog_id", cat.ID, "name", "Джем"), nil)
	ts.ok(admin, callParams("market.reorderCatalogs", "gid", gid, "catalog_id", cat.ID, "after_catalog_id", world.ExampleCatalog2ID), nil)
	ts.ok(admin, callParams("market.getCatalogsByIds", "gid", gid, "catalog_ids", cat.ID), &cats)
	if cats.Catalogs[0].Name != "Джем" || cats.Catalogs[0].Count != 0 {
		t.Errorf("edited catalog: %+v", cats.Catalogs[0])
	}

	ts.ok(admin, callParams("market.delete", "product_id", added.ID), nil)
	if _, ok := ts.product(admin, added.ID); ok {
		t.Error("deleted product still read back")
	}
	ts.fails(CodeNotFound, admin, callParams("market.delete", "product_id", added.ID))
	ts.ok(admin, callParams("market.deleteCatalog", "gid", gid, "catalog_id", cat.ID), nil)
	ts.fails(CodeNotFound, admin, callParams("market.deleteCatalog", "gid", gid, "catalog_id", cat.ID))
}

func TestMarketDedicatedExamplesDeleteAgain(t *testing.T) {
	ts, admin := newWriteServer(t)
	for range 2 {
		ts.ok(admin, callParams("market.delete", "product_id", world.ExampleDeletableProductID), nil)
		ts.ok(admin, callParams("market.deleteCatalog", "gid", world.ExampleGroupID, "catalog_id", world.ExampleDeletableCatalogID), nil)
	}
	if _, ok := ts.product(admin, world.ExampleDeletableProductID); ok {
		t.Error("the deleted example product is still there")
	}
}

func TestMarketRights(t *testing.T) {
	ts, admin := newWriteServer(t)
	gid := world.ExampleGroupID
	member := ts.sessionOf(world.ExampleFriendID, DemoApp().Permissions...)
	ts.fails(codeNotAdmin, member, callParams("market.add", "gid", gid, "type", "GROUP_PRODUCT", "attachment", mugAttachment))
	ts.fails(codeNotAdmin, member, callParams("market.addCatalog", "gid", gid, "name", "Моё"))
	ts.fails(CodeNotOwner, member, callParams("market.edit", "product_id", world.ExampleProductID, "attachment", mugAttachment))

	var suggested struct {
		ID string `json:"product_id"`
	}
	ts.ok(member, callParams("market.add", "gid", gid, "type", "GROUP_SUGGESTED", "attachment", mugAttachment), &suggested)
	for _, tc := range []struct {
		token, tab string
		listed     bool
	}{{member, "ON_MODERATION", true}, {admin, "ON_MODERATION", true}, {admin, "PRODUCTS", false}, {member, "OWN", true}} {
		var l productList
		ts.ok(tc.token, callParams("market.getProducts", "gid", gid, "tab", tc.tab, "count", "100"), &l)
		if got := slices.Contains(productIDsOf(l), suggested.ID); got != tc.listed {
			t.Errorf("tab %s: suggested product listed = %v", tc.tab, got)
		}
	}
	ts.fails(codeNotAdmin, member, callParams("market.setStatus", "product_id", suggested.ID, "product_status", "ACTIVE"))
	ts.ok(admin, callParams("market.setStatus", "product_id", suggested.ID, "product_status", "ACTIVE"), nil)

	var outsider string
	for _, uid := range ts.srv.world.UserIDs() {
		if !ts.srv.world.IsMember(gid, uid) {
			outsider = ts.sessionOf(uid, DemoApp().Permissions...)
			break
		}
	}
	ts.fails(456, outsider, callParams("market.add", "gid", gid, "type", "GROUP_SUGGESTED", "attachment", mugAttachment))

	for name, att := range map[string]string{
		"no product block": `{"media":[{"type":"text","text":"Кружка"}]}`,
		"product first":    `{"media":[{"type":"product","price":"1"},{"type":"text","text":"x"}]}`,
		"bad price":        `{"media":[{"type":"text","text":"x"},{"type":"product","price":"дёшево"}]}`,
		"bad currency":     `{"media":[{"type":"text","text":"x"},{"type":"product","price":"1","currency":"XXX"}]}`,
	} {
		if code, body := ts.raw(admin, callParams("market.add", "gid", gid, "type", "GROUP_PRODUCT", "attachment", att)); code != CodeParam {
			t.Errorf("%s: %s", name, body)
		}
	}
}
