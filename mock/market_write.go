package mock

import (
	"strings"

	"github.com/okmock/okmock/mock/world"
)

// Who may change the market: the group's staff manage catalogs, pins and
// the order (50 NOT_ADMIN otherwise); a product's author or the staff
// change the product (24 NOT_OWNER otherwise); members suggest products.

// writtenID answers a world write that made or changed an object as the
// market does: {"<key>": id, "success": true}, or its OK error.
func writtenID(key string) func(id string, err error) (any, *Error) {
	return func(id string, err error) (any, *Error) {
		if err != nil {
			return nil, worldError(err)
		}
		return object{{key, id}, {"success", true}}, nil
	}
}

// ownProduct reads product_id: a product the caller wrote or whose group
// they administer.
func (c *apiCall) ownProduct() (world.Product, *Error) {
	id := c.params.Value("product_id")
	p, ok := c.world.Product(id)
	if !ok {
		return p, Errorf(CodeNotFound, "Product %s not found", id)
	}
	if p.AuthorUID != c.session.UID && !c.world.IsGroupStaff(p.GroupID, c.session.UID) {
		return p, NewError(CodeNotOwner, "")
	}
	return p, nil
}

// staffGroup reads gid and requires the caller to administer the group.
func (c *apiCall) staffGroup() (world.Group, *Error) {
	g, err := c.groupOf("gid")
	if err != nil {
		return g, err
	}
	return g, c.requireGroupStaff(g.ID)
}

// checkCatalogAccess refuses ordinary members a catalog only admins may
// fill.
func (c *apiCall) checkCatalogAccess(gid string, cids []string) *Error {
	if c.world.IsGroupStaff(gid, c.session.UID) {
		return nil
	}
	for _, id := range cids {
		if cat, ok := c.world.MarketCatalog(id); ok && cat.AdminRestricted {
			return Errorf(codeNotAdmin, "Only administrators add products to catalog %s", id)
		}
	}
	return nil
}

// marketAdd puts a product on sale: GROUP_PRODUCT for the staff,
// GROUP_SUGGESTED (awaiting moderation) for any member.
func marketAdd(c *apiCall) (any, *Error) {
	g, err := c.groupOf("gid")
	if err != nil {
		return nil, err
	}
	uid := c.session.UID
	typ := strings.ToUpper(c.params.Value("type"))
	switch {
	case !c.world.IsMember(g.ID, uid):
		return nil, Errorf(456, "User %s is not a member of group %s", uid, g.ID)
	case typ == world.ProductGroup && !c.world.IsGroupStaff(g.ID, uid):
		return nil, Errorf(codeNotAdmin, "Only administrators add products; members suggest them (GROUP_SUGGESTED)")
	}
	p, err := c.productAttachment()
	if err != nil {
		return nil, err
	}
	p.GroupID, p.AuthorUID, p.Type, p.Created = g.ID, uid, typ, c.now
	p.CatalogIDs = idList(c.params.Value("catalog_ids"))
	if err := c.checkCatalogAccess(g.ID, p.CatalogIDs); err != nil {
		return nil, err
	}
	return writtenID("product_id")(c.world.AddProduct(p))
}

// marketEdit replaces a product's content, and its catalogs when
// catalog_ids is sent.
func marketEdit(c *apiCall) (any, *Error) {
	old, err := c.ownProduct()
	if err != nil {
		return nil, err
	}
	p, err := c.productAttachment()
	if err != nil {
		return nil, err
	}
	p.ID = old.ID
	var cids []string
	if _, sent := c.params.Get("catalog_ids"); sent {
		cids = nonNil(idList(c.params.Value("catalog_ids")))
		if err := c.checkCatalogAccess(old.GroupID, cids); err != nil {
			return nil, err
		}
	}
	return writtenID("product_id")(p.ID, c.world.EditProduct(p, cids))
}

// marketDelete removes a product. Deleting the dedicated example product
// again answers success (openapi/EXAMPLES.md).
func marketDelete(c *apiCall) (any, *Error) {
	if id := c.params.Value("product_id"); world.IsDedicatedExample(id) {
		if _, ok := c.world.Product(id); !ok {
			return success(), nil
		}
	}
	p, err := c.ownProduct()
	if err != nil {
		return nil, err
	}
	return written(c.world.DeleteProduct(p.ID))
}

// marketSetStatus changes a product's status along OK's transitions (an
// impossible one is 100); only the staff accept a suggested product.
func marketSetStatus(c *apiCall) (any, *Error) {
	p, err := c.ownProduct()
	if err != nil {
		return nil, err
	}
	if p.Status == world.ProductOnModeration {
		if err := c.requireGroupStaff(p.GroupID); err != nil {
			return nil, err
		}
	}
	return written(c.world.SetProductStatus(p.ID, strings.ToUpper(c.params.Value("product_status"))))
}

// marketPin pins or unpins a product in its group's list, or in one of its
// catalogs.
func marketPin(c *apiCall) (any, *Error) {
	id := c.params.Value("product_id")
	p, ok := c.world.Product(id)
	if !ok {
		return nil, Errorf(CodeNotFound, "Product %s not found", id)
	}
	if err := c.requireGroupStaff(p.GroupID); err != nil {
		return nil, err
	}
	return written(c.world.PinProduct(p.ID, c.params.Value("catalog_id"), c.boolParam("on", true)))
}

// marketReorder moves a product after another in the group's list, or in
// a catalog's.
func marketReorder(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	return written(c.world.ReorderProduct(g.ID, c.params.Value("catalog_id"), c.params.Value("product_id"), c.params.Value("after_product_id")))
}

// marketUpdateCatalogsList makes catalog_ids the whole set of catalogs a
// product is in (none when empty).
func marketUpdateCatalogsList(c *apiCall) (any, *Error) {
	g, err := c.groupOf("gid")
	if err != nil {
		return nil, err
	}
	p, err := c.ownProduct()
	if err != nil {
		return nil, err
	}
	if p.GroupID != g.ID {
		return nil, Errorf(CodeNotFound, "Product %s not found in group %s", p.ID, g.ID)
	}
	cids := idList(c.params.Value("catalog_ids"))
	if err := c.checkCatalogAccess(g.ID, cids); err != nil {
		return nil, err
	}
	return written(c.world.SetProductCatalogs(p.ID, cids))
}

// catalogPhoto reads photo_id: a photo of the group's (uploaded or in its
// albums), or none.
func (c *apiCall) catalogPhoto(gid string) (string, *Error) {
	id := c.params.Value("photo_id")
	if id != "" && !c.isGroupPhoto(gid, id) {
		return "", Errorf(CodePhotoID, "Invalid photo id %s", id)
	}
	return id, nil
}

// marketAddCatalog creates a catalog, first in the group's list.
func marketAddCatalog(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	photo, err := c.catalogPhoto(g.ID)
	if err != nil {
		return nil, err
	}
	return writtenID("catalog_id")(c.world.AddCatalog(world.Catalog{
		GroupID: g.ID, Name: c.params.Value("name"), PhotoID: photo,
		AdminRestricted: c.boolParam("admin_restricted", false), Created: c.now,
	}))
}

// marketEditCatalog changes a catalog's name, picture or restriction
// (those sent).
func marketEditCatalog(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	cat, err := c.catalogOf(g.ID)
	if err != nil {
		return nil, err
	}
	photo, err := c.catalogPhoto(g.ID)
	if err != nil {
		return nil, err
	}
	var restricted *bool
	if _, sent := c.params.Get("admin_restricted"); sent {
		r := c.boolParam("admin_restricted", false)
		restricted = &r
	}
	return written(c.world.EditCatalog(cat.ID, c.params.Value("name"), photo, restricted))
}

// marketDeleteCatalog removes a catalog (and its products with
// delete_products). Deleting the dedicated example catalog again answers
// success (openapi/EXAMPLES.md).
func marketDeleteCatalog(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	id := c.params.Value("catalog_id")
	if _, ok := c.world.MarketCatalog(id); !ok && world.IsDedicatedExample(id) {
		return success(), nil
	}
	cat, err := c.catalogOf(g.ID)
	if err != nil {
		return nil, err
	}
	return written(c.world.DeleteCatalog(cat.ID, c.boolParam("delete_products", false)))
}

// marketReorderCatalogs moves a catalog after another in the group's list.
func marketReorderCatalogs(c *apiCall) (any, *Error) {
	g, err := c.staffGroup()
	if err != nil {
		return nil, err
	}
	cat, err := c.catalogOf(g.ID)
	if err != nil {
		return nil, err
	}
	return written(c.world.ReorderCatalog(g.ID, cat.ID, c.params.Value("after_catalog_id")))
}
