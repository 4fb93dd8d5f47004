package mock

import (
	"slices"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

var marketHandlers = map[string]methodHandler{
	"market.add":                marketAdd,
	"market.addCatalog":         marketAddCatalog,
	"market.delete":             marketDelete,
	"market.deleteCatalog":      marketDeleteCatalog,
	"market.edit":               marketEdit,
	"market.editCatalog":        marketEditCatalog,
	"market.getByCatalog":       marketGetByCatalog,
	"market.getByIds":           marketGetByIDs,
	"market.getCatalogsByGroup": marketGetCatalogsByGroup,
	"market.getCatalogsByIds":   marketGetCatalogsByIDs,
	"market.getProducts":        marketGetProducts,
	"market.pin":                marketPin,
	"market.reorder":            marketReorder,
	"market.reorderCatalogs":    marketReorderCatalogs,
	"market.setStatus":          marketSetStatus,
	"market.updateCatalogsList": marketUpdateCatalogsList,
}

// marketGroup reads the gid parameter: the group, whose market closed and
// secret groups show to members only (456).
func (c *apiCall) marketGroup() (world.Group, *Error) {
	g, err := c.groupOf("gid")
	if err != nil {
		return g, err
	}
	if g.AccessType != world.AccessOpen && !c.world.IsMember(g.ID, c.session.UID) {
		return g, Errorf(456, "The market of group %s is for its members", g.ID)
	}
	return g, nil
}

// renderProduct writes a product; pinned is its pin in the list being
// read (the group's, or a catalog's when cid is set).
func renderProduct(p world.Product, cid string, fields fieldSet) object {
	pinned := p.Pinned
	if cid != "" {
		pinned = slices.Contains(p.PinnedIn, cid)
	}
	all := object{
		{"id", p.ID}, {"title", p.Title}, {"description", p.Description}, {"price", p.Price},
		{"currency", p.Currency}, {"status", p.Status}, {"catalog_ids", nonNil(p.CatalogIDs)},
		{"pinned", pinned}, {"created_ms", p.Created.UnixMilli()},
	}
	return pickFields(all, fields, "id")
}

// productPage answers {"products": [...], "anchor", "has_more"}.
func (c *apiCall) productPage(products []world.Product, cid string) (any, *Error) {
	p, err := c.listPage(len(products), 20, 100)
	if err != nil {
		return nil, err
	}
	fields := parseFields(c.params.Value("fields"))
	return pagedObjects("products", products, p, func(pr world.Product) object { return renderProduct(pr, cid, fields) }), nil
}

// marketGetProducts pages through a group's products: its catalogue
// (tab PRODUCTS, the default), the suggestions awaiting moderation
// (ON_MODERATION: all of them for the staff, one's own for members) or
// the caller's own (OWN).
func marketGetProducts(c *apiCall) (any, *Error) {
	g, err := c.marketGroup()
	if err != nil {
		return nil, err
	}
	uid := c.session.UID
	staff := c.world.IsGroupStaff(g.ID, uid)
	tab := strings.ToUpper(c.params.Value("tab"))
	var out []world.Product
	for _, p := range c.world.GroupProducts(g.ID) {
		moderated := p.Status == world.ProductOnModeration
		switch {
		case (tab == "" || tab == "PRODUCTS") && !moderated,
			tab == "ON_MODERATION" && moderated && (staff || p.AuthorUID == uid),
			tab == "OWN" && p.AuthorUID == uid:
			out = append(out, p)
		}
	}
	return c.productPage(out, "")
}

// marketGetByCatalog pages through a catalog's products, pinned first.
func marketGetByCatalog(c *apiCall) (any, *Error) {
	g, err := c.marketGroup()
	if err != nil {
		return nil, err
	}
	cat, err := c.catalogOf(g.ID)
	if err != nil {
		return nil, err
	}
	return c.productPage(c.world.CatalogProducts(cat.ID), cat.ID)
}

// marketGetByIDs answers {"products": [...]} of the known ids.
func marketGetByIDs(c *apiCall) (any, *Error) {
	fields := parseFields(c.params.Value("fields"))
	rows := []object{}
	for _, id := range idList(c.params.Value("product_ids")) {
		if p, ok := c.world.Product(id); ok {
			rows = append(rows, renderProduct(p, "", fields))
		}
	}
	return object{{"products", rows}}, nil
}

// catalogOf reads the catalog_id parameter: a catalog of the group (300
// otherwise).
func (c *apiCall) catalogOf(gid string) (world.Catalog, *Error) {
	id := c.params.Value("catalog_id")
	cat, ok := c.world.MarketCatalog(id)
	if !ok || cat.GroupID != gid {
		return cat, Errorf(CodeNotFound, "Catalog %s not found in group %s", id, gid)
	}
	return cat, nil
}

func (c *apiCall) renderCatalog(cat world.Catalog, fields fieldSet) object {
	all := object{{"catalog_id", cat.ID}, {"name", cat.Name}}
	if cat.PhotoID != "" {
		all = append(all, field{"photo_id", cat.PhotoID})
	}
	all = append(all, field{"admin_restricted", cat.AdminRestricted}, field{"products_count", c.world.CatalogSize(cat.ID)})
	return pickFields(all, fields, "catalog_id")
}

// marketGetCatalogsByGroup pages through a group's catalogs in their
// order.
func marketGetCatalogsByGroup(c *apiCall) (any, *Error) {
	g, err := c.marketGroup()
	if err != nil {
		return nil, err
	}
	cats := c.world.GroupCatalogs(g.ID)
	p, err := c.listPage(len(cats), 20, 100)
	if err != nil {
		return nil, err
	}
	fields := parseFields(c.params.Value("fields"))
	return pagedObjects("catalogs", cats, p, func(cat world.Catalog) object { return c.renderCatalog(cat, fields) }), nil
}

// marketGetCatalogsByIDs answers {"catalogs": [...]} of the group's
// catalogs among the ids.
func marketGetCatalogsByIDs(c *apiCall) (any, *Error) {
	g, err := c.marketGroup()
	if err != nil {
		return nil, err
	}
	fields := parseFields(c.params.Value("fields"))
	rows := []object{}
	for _, id := range idList(c.params.Value("catalog_ids")) {
		if cat, ok := c.world.MarketCatalog(id); ok && cat.GroupID == g.ID {
			rows = append(rows, c.renderCatalog(cat, fields))
		}
	}
	return object{{"catalogs", rows}}, nil
}
