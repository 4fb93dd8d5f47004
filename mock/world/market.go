package world

import (
	"encoding/json"
	"errors"
	"slices"
	"time"
)

// Market examples of openapi/EXAMPLES.md, all in the example group.
const (
	// ExampleProductID is edited, pinned and re-statused by examples.
	ExampleProductID = "575000000901"
	// ExampleDeletableProductID is deleted by the market.delete example.
	ExampleDeletableProductID = "575000000902"
	// ExampleCatalogID holds ExampleProductID and ExampleProduct2ID.
	ExampleCatalogID = "575000000903"
	// ExampleDeletableCatalogID is deleted by the market.deleteCatalog
	// example.
	ExampleDeletableCatalogID = "575000000904"
	// ExampleProduct2ID is the anchor of the market.reorder example.
	ExampleProduct2ID = "575000000905"
	// ExampleCatalog2ID is the anchor of the market.reorderCatalogs
	// example.
	ExampleCatalog2ID = "575000000906"
)

// Product types of market.add.
const (
	ProductGroup     = "GROUP_PRODUCT"
	ProductSuggested = "GROUP_SUGGESTED"
)

// Product statuses. ON_MODERATION is a suggested product an admin has not
// accepted yet.
const (
	ProductActive       = "ACTIVE"
	ProductSold         = "SOLD"
	ProductClosed       = "CLOSED"
	ProductAutoClosed   = "AUTO_CLOSED"
	ProductOutOfStock   = "OUT_OF_STOCK"
	ProductOnModeration = "ON_MODERATION"
)

// Currencies market.add accepts.
var Currencies = []string{"RUB", "USD", "KZT", "UAH", "GEL", "UZS", "KGS", "AZN", "EUR", "BYN"}

// Errors of the market.
var (
	ErrUnknownProduct = errors.New("unknown product")
	ErrUnknownCatalog = errors.New("unknown catalog")
)

// Product is a good offered in a group's market.
type Product struct {
	ID          string `json:"id"`
	GroupID     string `json:"group_id"`
	AuthorUID   string `json:"author_uid"`
	Type        string `json:"type"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Price is a decimal text, as OK's product block carries it.
	Price    string `json:"price"`
	Currency string `json:"currency"`
	Status   string `json:"status"`
	// Photos are photo ids or upload tokens of the product's pictures.
	Photos     []string `json:"photos,omitempty"`
	CatalogIDs []string `json:"catalog_ids,omitempty"`
	// Pinned is pinned in the group's list; PinnedIn lists the catalogs
	// it is pinned in.
	Pinned   bool      `json:"pinned,omitempty"`
	PinnedIn []string  `json:"pinned_in,omitempty"`
	Created  time.Time `json:"created"`
}

func (p Product) clone() Product {
	p.Photos = slices.Clone(p.Photos)
	p.CatalogIDs = slices.Clone(p.CatalogIDs)
	p.PinnedIn = slices.Clone(p.PinnedIn)
	return p
}

// Catalog is a named section of a group's market.
type Catalog struct {
	ID      string `json:"id"`
	GroupID string `json:"group_id"`
	Name    string `json:"name"`
	// PhotoID is the catalog's picture, if any.
	PhotoID         string    `json:"photo_id,omitempty"`
	AdminRestricted bool      `json:"admin_restricted,omitempty"`
	Created         time.Time `json:"created"`
}

// marketStore holds products and catalogs by group, with the manual order
// of each list: "group:<gid>" and "catalog:<cid>" list products,
// "catalogs:<gid>" lists catalogs.
type marketStore struct {
	products table[Product]
	catalogs table[Catalog]
	order    map[string][]string
}

func newMarketStore() *marketStore {
	return &marketStore{
		products: newTable(func(p Product) string { return p.ID }, func(p Product) string { return p.GroupID },
			func(p Product) time.Time { return p.Created }),
		catalogs: newTable(func(c Catalog) string { return c.ID }, func(c Catalog) string { return c.GroupID },
			func(c Catalog) time.Time { return c.Created }),
		order: map[string][]string{},
	}
}

func init() {
	registerKind("market", func() extension { return newMarketStore() })
	registerLikeTarget("product", func(w *World, id string) bool { return w.marketLocked().products.has(id) })
}

func (s *marketStore) has(id string) bool { return s.products.has(id) || s.catalogs.has(id) }

// populate opens a market in some groups, always in the example group
// with the objects of openapi/EXAMPLES.md.
func (s *marketStore) populate(g *generator) {
	g = g.kindGenerator("market")
	for _, gid := range sortedIDKeys(g.w.groups.byID) {
		if gid != ExampleGroupID && !g.chance(0.4) {
			continue
		}
		var cids []string
		for range g.between(0, 3) {
			c := Catalog{ID: g.randomID(seededShort), GroupID: gid, Name: g.pick(catalogNames), Created: g.after(g.groupCreated(gid))}
			s.putCatalog(c)
			cids = append(cids, c.ID)
		}
		staff := g.groupStaff(gid)
		for range g.between(1, 8) {
			p := g.product(g.randomID(seededShort), gid, g.pick(staff))
			if len(cids) > 0 && g.chance(0.7) {
				p.CatalogIDs = []string{g.pick(cids)}
			}
			s.putProduct(p)
		}
	}
	s.examples(g)
}

func (s *marketStore) examples(g *generator) {
	created := g.after(g.groupCreated(ExampleGroupID))
	for _, c := range []Catalog{
		{ID: ExampleCatalogID, Name: g.pick(catalogNames)},
		{ID: ExampleDeletableCatalogID, Name: g.pick(catalogNames)},
		{ID: ExampleCatalog2ID, Name: g.pick(catalogNames)},
	} {
		c.GroupID, c.Created = ExampleGroupID, created
		s.putCatalog(c)
	}
	for _, id := range []string{ExampleProduct2ID, ExampleDeletableProductID, ExampleProductID} {
		p := g.product(id, ExampleGroupID, DefaultUserID)
		if id != ExampleDeletableProductID {
			p.CatalogIDs = []string{ExampleCatalogID}
		}
		s.putProduct(p)
	}
}

// groupStaff are the members who may sell in the group: its admins and
// moderators, at least its admin.
func (g *generator) groupStaff(gid string) []string {
	var out []string
	for _, uid := range g.groupMembers(gid) {
		if isStaff(g.w.groups.members[gid][uid]) {
			out = append(out, uid)
		}
	}
	return out
}

// product is a seeded active product.
func (g *generator) product(id, gid, author string) Product {
	item := marketItems[g.f.IntN(len(marketItems))]
	return Product{
		ID: id, GroupID: gid, AuthorUID: author, Type: ProductGroup, Title: item.title,
		Description: item.description, Price: item.price, Currency: "RUB", Status: ProductActive,
		Created: g.after(g.groupCreated(gid)),
	}
}

// putProduct stores a product at the top of its lists.
func (s *marketStore) putProduct(p Product) {
	old, existed := s.products.byID[p.ID]
	s.products.put(p)
	if !existed {
		s.order["group:"+p.GroupID] = slices.Insert(s.order["group:"+p.GroupID], 0, p.ID)
	}
	for _, cid := range p.CatalogIDs {
		if !slices.Contains(old.CatalogIDs, cid) || !existed {
			s.order["catalog:"+cid] = slices.Insert(s.order["catalog:"+cid], 0, p.ID)
		}
	}
	for _, cid := range old.CatalogIDs {
		if !slices.Contains(p.CatalogIDs, cid) {
			s.unlist("catalog:"+cid, p.ID)
		}
	}
}

func (s *marketStore) putCatalog(c Catalog) {
	if !s.catalogs.has(c.ID) {
		s.order["catalogs:"+c.GroupID] = slices.Insert(s.order["catalogs:"+c.GroupID], 0, c.ID)
	}
	s.catalogs.put(c)
}

// unlist drops id from an ordered list.
func (s *marketStore) unlist(key, id string) {
	if i := slices.Index(s.order[key], id); i >= 0 {
		s.order[key] = slices.Delete(s.order[key], i, i+1)
	}
	if len(s.order[key]) == 0 {
		delete(s.order, key)
	}
}

func (s *marketStore) deleteProduct(id string) {
	p := s.products.byID[id]
	s.unlist("group:"+p.GroupID, id)
	for _, cid := range p.CatalogIDs {
		s.unlist("catalog:"+cid, id)
	}
	s.products.remove(id)
}

func (s *marketStore) forget(kind, id string) {
	switch kind {
	case "group":
		for _, pid := range s.products.ids(id) {
			s.deleteProduct(pid)
		}
		for _, cid := range s.catalogs.ids(id) {
			s.catalogs.remove(cid)
			delete(s.order, "catalog:"+cid)
		}
		delete(s.order, "catalogs:"+id)
	case "user":
		for _, pid := range s.products.where(func(p Product) bool { return p.AuthorUID == id }) {
			s.deleteProduct(pid)
		}
	}
}

// marketState is the snapshot form of marketStore.
type marketState struct {
	Products map[string]Product  `json:"products"`
	Catalogs map[string]Catalog  `json:"catalogs"`
	Order    map[string][]string `json:"order"`
}

func (s *marketStore) save() any {
	return marketState{s.products.byID, s.catalogs.byID, s.order}
}

func (s *marketStore) load(data json.RawMessage) error {
	var st marketState
	if err := json.Unmarshal(data, &st); err != nil {
		return err
	}
	*s = *newMarketStore()
	for _, p := range st.Products {
		s.products.put(p)
	}
	for _, c := range st.Catalogs {
		s.catalogs.put(c)
	}
	if st.Order != nil {
		s.order = st.Order
	}
	return nil
}

func (w *World) marketLocked() *marketStore { return w.ext["market"].(*marketStore) }

// Product returns the product with the id.
func (w *World) Product(id string) (Product, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	p, ok := w.marketLocked().products.byID[id]
	return p.clone(), ok
}

// MarketCatalog returns the catalog with the id.
func (w *World) MarketCatalog(id string) (Catalog, bool) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, ok := w.marketLocked().catalogs.byID[id]
	return c, ok
}

// GroupProducts returns a group's products in the order its market shows
// them: pinned ones first, then the manual order.
func (w *World) GroupProducts(gid string) []Product {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.productListLocked("group:"+gid, func(p Product) bool { return p.Pinned })
}

// CatalogProducts returns a catalog's products, pinned ones first.
func (w *World) CatalogProducts(cid string) []Product {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.productListLocked("catalog:"+cid, func(p Product) bool { return slices.Contains(p.PinnedIn, cid) })
}

func (w *World) productListLocked(key string, pinned func(Product) bool) []Product {
	s := w.marketLocked()
	var top, rest []Product
	for _, id := range s.order[key] {
		p := s.products.byID[id].clone()
		if pinned(p) {
			top = append(top, p)
		} else {
			rest = append(rest, p)
		}
	}
	return append(top, rest...)
}

// GroupCatalogs returns a group's catalogs in their manual order.
func (w *World) GroupCatalogs(gid string) []Catalog {
	w.mu.RLock()
	defer w.mu.RUnlock()
	s := w.marketLocked()
	out := make([]Catalog, 0, len(s.order["catalogs:"+gid]))
	for _, id := range s.order["catalogs:"+gid] {
		out = append(out, s.catalogs.byID[id])
	}
	return out
}

// CatalogSize is the number of products in a catalog.
func (w *World) CatalogSize(cid string) int {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return len(w.marketLocked().order["catalog:"+cid])
}

// checkCatalogsLocked checks that every catalog exists in the group.
func (w *World) checkCatalogsLocked(gid string, cids []string) error {
	s := w.marketLocked()
	for _, cid := range cids {
		if c, ok := s.catalogs.byID[cid]; !ok || c.GroupID != gid {
			return notFound(ErrUnknownCatalog, cid)
		}
	}
	return nil
}

// checkProduct checks the fields a product must have.
func checkProduct(p Product) error {
	switch {
	case p.Title == "":
		return invalid("product without a title")
	case p.Price == "":
		return invalid("product without a price")
	case !slices.Contains(Currencies, p.Currency):
		return invalid("currency %q", p.Currency)
	}
	return nil
}

// AddProduct puts a product on sale and returns its new id (p.ID is
// ignored). The group, the author and the catalogs must exist; a
// suggested product waits ON_MODERATION, any other is ACTIVE.
func (w *World) AddProduct(p Product) (string, error) {
	keepAll(&p)
	if p.Type == "" {
		p.Type = ProductGroup
	}
	if p.Type != ProductGroup && p.Type != ProductSuggested {
		return "", invalid("product type %q", p.Type)
	}
	if err := checkProduct(p); err != nil {
		return "", err
	}
	p.Status = ProductActive
	if p.Type == ProductSuggested {
		p.Status = ProductOnModeration
	}
	p.Pinned, p.PinnedIn = false, nil
	p = p.clone()
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkOwnerLocked(p.AuthorUID, p.GroupID); err != nil {
		return "", err
	}
	if err := w.checkCatalogsLocked(p.GroupID, p.CatalogIDs); err != nil {
		return "", err
	}
	p.ID = w.newIDLocked(shortID)
	p.Created = w.stamp(p.Created)
	w.marketLocked().putProduct(p)
	return p.ID, nil
}

// changeProduct applies change to a copy of a product and stores it
// (through putProduct, which keeps the catalog lists in step). change runs
// with the world's lock held.
func (w *World) changeProduct(id string, change func(p *Product) error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.marketLocked()
	p, ok := s.products.byID[id]
	if !ok {
		return notFound(ErrUnknownProduct, id)
	}
	p = p.clone()
	if err := change(&p); err != nil {
		return err
	}
	s.putProduct(p)
	return nil
}

// EditProduct replaces the title, description, price, currency and photos
// of a product, and its catalogs when catalogIDs is not nil.
func (w *World) EditProduct(edit Product, catalogIDs []string) error {
	if err := checkProduct(edit); err != nil {
		return err
	}
	return w.changeProduct(edit.ID, func(p *Product) error {
		p.Title, p.Description, p.Price, p.Currency = edit.Title, edit.Description, edit.Price, edit.Currency
		p.Photos = slices.Clone(edit.Photos)
		if catalogIDs == nil {
			return nil
		}
		return w.setCatalogsLocked(p, catalogIDs)
	})
}

// SetProductCatalogs makes the catalogs the whole set a product is in.
func (w *World) SetProductCatalogs(id string, catalogIDs []string) error {
	return w.changeProduct(id, func(p *Product) error { return w.setCatalogsLocked(p, catalogIDs) })
}

func (w *World) setCatalogsLocked(p *Product, catalogIDs []string) error {
	if err := w.checkCatalogsLocked(p.GroupID, catalogIDs); err != nil {
		return err
	}
	p.CatalogIDs = slices.Clone(catalogIDs)
	p.PinnedIn = slices.DeleteFunc(p.PinnedIn, func(cid string) bool { return !slices.Contains(p.CatalogIDs, cid) })
	return nil
}

// DeleteProduct removes a product.
func (w *World) DeleteProduct(id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.marketLocked()
	if !s.products.has(id) {
		return notFound(ErrUnknownProduct, id)
	}
	s.deleteProduct(id)
	w.forgetLocked("product", id)
	return nil
}

// productTransitions are the status changes market.setStatus allows.
var productTransitions = map[string][]string{
	ProductActive:     {ProductSold, ProductClosed, ProductOutOfStock},
	ProductSold:       {ProductActive},
	ProductClosed:     {ProductActive},
	ProductAutoClosed: {ProductActive},
	ProductOutOfStock: {ProductActive},
	// An admin accepts a suggested product by making it ACTIVE.
	ProductOnModeration: {ProductActive},
}

// SetProductStatus changes a product's status along OK's transitions
// (ACTIVE to SOLD, CLOSED or OUT_OF_STOCK and back to ACTIVE, and a
// suggested product from ON_MODERATION to ACTIVE); setting the status it
// has changes nothing.
func (w *World) SetProductStatus(id, status string) error {
	return w.changeProduct(id, func(p *Product) error {
		if p.Status != status && !slices.Contains(productTransitions[p.Status], status) {
			return invalid("product status %s cannot become %s", p.Status, status)
		}
		p.Status = status
		return nil
	})
}

// PinProduct pins (on) or unpins a product in its group's list, or in a
// catalog it belongs to when cid is set.
func (w *World) PinProduct(id, cid string, on bool) error {
	return w.changeProduct(id, func(p *Product) error {
		switch {
		case cid == "":
			p.Pinned = on
		case !slices.Contains(p.CatalogIDs, cid):
			return notFound(ErrUnknownCatalog, cid)
		case on && !slices.Contains(p.PinnedIn, cid):
			p.PinnedIn = append(p.PinnedIn, cid)
		case !on:
			p.PinnedIn = slices.DeleteFunc(p.PinnedIn, func(c string) bool { return c == cid })
		}
		return nil
	})
}

// ReorderProduct moves a product right after another one in the group's
// list, or in a catalog's when cid is set; with no afterID it goes first.
func (w *World) ReorderProduct(gid, cid, id, afterID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.marketLocked()
	key := "group:" + gid
	if cid != "" {
		if err := w.checkCatalogsLocked(gid, []string{cid}); err != nil {
			return err
		}
		key = "catalog:" + cid
	}
	return s.move(key, id, afterID, ErrUnknownProduct)
}

// ReorderCatalog moves a catalog right after another one of the group;
// with no afterID it goes first.
func (w *World) ReorderCatalog(gid, cid, afterID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.marketLocked().move("catalogs:"+gid, cid, afterID, ErrUnknownCatalog)
}

// move places id after afterID in an ordered list; both must be in it.
func (s *marketStore) move(key, id, afterID string, missing error) error {
	list := s.order[key]
	i := slices.Index(list, id)
	if i < 0 {
		return notFound(missing, id)
	}
	if afterID != "" && !slices.Contains(list, afterID) {
		return notFound(missing, afterID)
	}
	if afterID == id {
		return nil
	}
	list = slices.Delete(slices.Clone(list), i, i+1)
	at := 0
	if afterID != "" {
		at = slices.Index(list, afterID) + 1
	}
	s.order[key] = slices.Insert(list, at, keep(id))
	return nil
}

// AddCatalog creates a catalog and returns its new id (c.ID is ignored);
// it comes first in the group's list.
func (w *World) AddCatalog(c Catalog) (string, error) {
	keepAll(&c)
	if c.Name == "" {
		return "", invalid("catalog without a name")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.groups.has(c.GroupID) {
		return "", notFound(ErrUnknownGroup, c.GroupID)
	}
	c.ID = w.newIDLocked(shortID)
	c.Created = w.stamp(c.Created)
	w.marketLocked().putCatalog(c)
	return c.ID, nil
}

// EditCatalog replaces a catalog's name (when not empty), picture (when
// not empty) and restriction (when not nil).
func (w *World) EditCatalog(id, name, photoID string, adminRestricted *bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.marketLocked()
	c, ok := s.catalogs.byID[id]
	if !ok {
		return notFound(ErrUnknownCatalog, id)
	}
	if name != "" {
		c.Name = name
	}
	if photoID != "" {
		c.PhotoID = photoID
	}
	if adminRestricted != nil {
		c.AdminRestricted = *adminRestricted
	}
	s.catalogs.put(c)
	return nil
}

// DeleteCatalog removes a catalog; its products stay in the group unless
// deleteProducts is set.
func (w *World) DeleteCatalog(id string, deleteProducts bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.marketLocked()
	c, ok := s.catalogs.byID[id]
	if !ok {
		return notFound(ErrUnknownCatalog, id)
	}
	for _, pid := range slices.Clone(s.order["catalog:"+id]) {
		if deleteProducts {
			s.deleteProduct(pid)
			w.forgetLocked("product", pid)
			continue
		}
		p := s.products.byID[pid].clone()
		p.CatalogIDs = slices.DeleteFunc(p.CatalogIDs, func(cid string) bool { return cid == id })
		p.PinnedIn = slices.DeleteFunc(p.PinnedIn, func(cid string) bool { return cid == id })
		s.products.put(p)
	}
	delete(s.order, "catalog:"+id)
	s.unlist("catalogs:"+c.GroupID, id)
	s.catalogs.remove(id)
	return nil
}

// isStaff reports whether a member status carries rights beyond an
// ordinary member's.
func isStaff(status string) bool {
	return status != "" && status != MemberActive
}

// IsGroupStaff reports whether uid administers or moderates the group
// (any status but ACTIVE: ADMIN, MODERATOR, EDITOR, ANALYST,
// SUPER_MODERATOR).
func (w *World) IsGroupStaff(gid, uid string) bool {
	status, _ := w.MemberStatus(gid, uid)
	return isStaff(status)
}

// catalogNames name seeded catalogs.
var catalogNames = []string{
	"Новинки", "Хиты продаж", "Подарки", "Для дома", "Для дачи", "Рукоделие",
	"Сувениры", "Скидки", "Выпечка", "Одежда", "Книги", "Детям",
}

// marketItems are seeded products.
var marketItems = []struct{ title, description, price string }{
	{"Кружка с котиком", "Керамика, 350 мл", "300"},
	{"Вязаные носки", "Шерсть, ручная работа", "450"},
	{"Мёд липовый, 1 кг", "С собственной пасеки", "700"},
	{"Рассада томатов", "Сорт «Бычье сердце», 10 шт.", "250"},
	{"Пирог с капустой", "Свежая выпечка на заказ", "500"},
	{"Варенье из морошки", "Банка 0,5 л", "600"},
	{"Деревянная ложка", "Резьба по дереву", "200"},
	{"Шаль пуховая", "Оренбургский платок", "3500"},
	{"Набор открыток", "10 открыток с видами города", "150"},
	{"Магнит на холодильник", "", "100"},
	{"Иван-чай, 100 г", "Ферментированный, ручной сбор", "350"},
	{"Книга «Рецепты бабушки»", "Твёрдый переплёт", "900"},
}
