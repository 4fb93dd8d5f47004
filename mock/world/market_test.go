package world

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func productIDs(ps []Product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func TestMarketExamplesExistOnEverySeed(t *testing.T) {
	for _, seed := range testSeeds {
		for _, size := range []Options{{}, {Users: -1, Groups: -1}} {
			size.Seed, size.Now = seed, testNow
			t.Run(fmt.Sprintf("seed %d groups %d", seed, size.Groups), func(t *testing.T) {
				w := New(size)
				for _, id := range []string{ExampleProductID, ExampleDeletableProductID, ExampleProduct2ID} {
					p, ok := w.Product(id)
					if !ok || p.GroupID != ExampleGroupID || p.Status != ProductActive || p.AuthorUID != DefaultUserID {
						t.Errorf("product %s = %+v, %v", id, p, ok)
					}
				}
				if got := productIDs(w.CatalogProducts(ExampleCatalogID)); !slices.Contains(got, ExampleProductID) || !slices.Contains(got, ExampleProduct2ID) {
					t.Errorf("catalog %s holds %v", ExampleCatalogID, got)
				}
				for _, id := range []string{ExampleCatalogID, ExampleDeletableCatalogID, ExampleCatalog2ID} {
					if c, ok := w.MarketCatalog(id); !ok || c.GroupID != ExampleGroupID {
						t.Errorf("catalog %s = %+v, %v", id, c, ok)
					}
				}
			})
		}
	}
}

func TestMarketWritesAreReadBack(t *testing.T) {
	w := newTestWorld(t, 3)
	cid := mustID(t)(w.AddCatalog(Catalog{GroupID: ExampleGroupID, Name: "Варенье"}))
	if got := w.GroupCatalogs(ExampleGroupID)[0].ID; got != cid {
		t.Errorf("a new catalog comes first, got %s", got)
	}
	id := mustID(t)(w.AddProduct(Product{
		GroupID: ExampleGroupID, AuthorUID: DefaultUserID, Title: "Малина", Price: "250", Currency: "RUB", CatalogIDs: []string{cid},
	}))
	if p, _ := w.Product(id); p.Status != ProductActive || p.Type != ProductGroup {
		t.Errorf("new product = %+v", p)
	}
	if got := productIDs(w.CatalogProducts(cid)); !slices.Equal(got, []string{id}) {
		t.Errorf("catalog holds %v", got)
	}
	must(t, w.EditProduct(Product{ID: id, Title: "Малина садовая", Price: "300", Currency: "RUB"}, []string{}))
	if p, _ := w.Product(id); p.Title != "Малина садовая" || p.Price != "300" || len(p.CatalogIDs) != 0 {
		t.Errorf("edited product = %+v", p)
	}
	if len(w.CatalogProducts(cid)) != 0 {
		t.Error("a product taken out of a catalog is still listed there")
	}

	// The last product of the group's list, pinned, comes first.
	list := productIDs(w.GroupProducts(ExampleGroupID))
	last := list[len(list)-1]
	must(t, w.PinProduct(last, "", true))
	if got := productIDs(w.GroupProducts(ExampleGroupID)); got[0] != last {
		t.Errorf("pinned %s, list starts %v", last, got)
	}
	must(t, w.PinProduct(last, "", false))
	must(t, w.ReorderProduct(ExampleGroupID, "", ExampleProductID, ExampleProduct2ID))
	got := productIDs(w.GroupProducts(ExampleGroupID))
	if i := slices.Index(got, ExampleProduct2ID); i < 0 || i+1 >= len(got) || got[i+1] != ExampleProductID {
		t.Errorf("after reorder: %v", got)
	}
	must(t, w.ReorderCatalog(ExampleGroupID, ExampleCatalogID, ExampleCatalog2ID))
	cats := w.GroupCatalogs(ExampleGroupID)
	if i := slices.IndexFunc(cats, func(c Catalog) bool { return c.ID == ExampleCatalog2ID }); i+1 >= len(cats) || cats[i+1].ID != ExampleCatalogID {
		t.Errorf("catalog order %+v", cats)
	}

	must(t, w.SetProductStatus(id, ProductSold))
	if err := w.SetProductStatus(id, ProductClosed); !errors.Is(err, ErrInvalid) {
		t.Errorf("SOLD to CLOSED: %v", err)
	}
	must(t, w.SetProductStatus(id, ProductSold))

	must(t, w.DeleteCatalog(ExampleCatalogID, false))
	if p, ok := w.Product(ExampleProductID); !ok || len(p.CatalogIDs) != 0 {
		t.Errorf("deleting a catalog keeps its products, outside it: %+v %v", p, ok)
	}
	must(t, w.DeleteProduct(id))
	if _, ok := w.Product(id); ok {
		t.Error("deleted product still there")
	}
	if err := w.DeleteProduct(id); !errors.Is(err, ErrUnknownProduct) {
		t.Errorf("second delete: %v", err)
	}
}

func TestMarketRefusesBadProducts(t *testing.T) {
	w := newTestWorld(t, 4)
	good := Product{GroupID: ExampleGroupID, AuthorUID: DefaultUserID, Title: "x", Price: "1", Currency: "RUB"}
	for name, tc := range map[string]struct {
		change func(*Product)
		want   error
	}{
		"no title":        {func(p *Product) { p.Title = "" }, ErrInvalid},
		"bad currency":    {func(p *Product) { p.Currency = "XXX" }, ErrInvalid},
		"unknown group":   {func(p *Product) { p.GroupID = "1" }, ErrUnknownGroup},
		"foreign catalog": {func(p *Product) { p.CatalogIDs = []string{"1"} }, ErrUnknownCatalog},
		"bad type":        {func(p *Product) { p.Type = "USER_PRODUCT" }, ErrInvalid},
	} {
		p := good
		tc.change(&p)
		if _, err := w.AddProduct(p); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
}

func TestDeletingAGroupClosesItsMarket(t *testing.T) {
	w := newTestWorld(t, 5)
	must(t, w.DeleteGroup(ExampleGroupID))
	if _, ok := w.Product(ExampleProductID); ok {
		t.Error("a product of a deleted group survived")
	}
	if len(w.GroupCatalogs(ExampleGroupID)) != 0 {
		t.Error("catalogs of a deleted group survived")
	}
}
