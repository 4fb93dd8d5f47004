package mock

import (
	"slices"
	"strings"
	"time"

	"github.com/okmock/okmock/mock/world"
)

// The apps group's handlers (apps.go holds the App type itself).
var appsHandlers = map[string]methodHandler{
	"apps.checkVipOfferStatus":        appsCheckVipOfferStatus,
	"apps.getAppPromoInfo":            appsGetAppPromoInfo,
	"apps.getPlatformCatalogNodeTop":  appsGetPlatformCatalogNodeTop,
	"apps.getPlatformCatalogNodesTop": appsGetPlatformCatalogNodesTop,
	"apps.getPlatformNew":             appsGetPlatformNew,
	"apps.getPlatformTop":             appsGetPlatformTop,
	"apps.getTop":                     appsGetTop,
	"apps.removeAppPromoInfo":         appsRemoveAppPromoInfo,
	"apps.setAppPromoInfo":            appsSetAppPromoInfo,
	"apps.setVipOfferStatus":          appsSetVipOfferStatus,
	"apps.setVipOffers":               appsSetVipOffers,
}

// appsCheckVipOfferStatus answers a bare boolean: whether the user
// received the bonus of the VIP slot (apps.setVipOfferStatus).
func appsCheckVipOfferStatus(c *apiCall) (any, *Error) {
	slot, _ := c.int64Param("slot", 0)
	return c.world.VIPOfferGiven(c.app.Key, c.session.UID, int(slot)), nil
}

// appsSetVipOfferStatus records whether the user received the bonus of a
// VIP slot (given defaults to true).
func appsSetVipOfferStatus(c *apiCall) (any, *Error) {
	slot, _ := c.int64Param("slot", 0)
	return written(c.world.SetVIPOfferGiven(c.app.Key, c.session.UID, int(slot), c.boolParam("given", true)))
}

// appsSetVipOffers replaces the application's VIP bonus offers; no names
// clears them.
func appsSetVipOffers(c *apiCall) (any, *Error) {
	return written(c.world.SetVIPOffers(c.app.Key, idList(c.params.Value("names"))))
}

// promoTimeLayout is how apps.setAppPromoInfo writes times (Moscow).
const promoTimeLayout = "2006.01.02 15:04"

// maxPromoDuration is the longest promo action OK allows.
const maxPromoDuration = 3 * 24 * time.Hour

// appsSetAppPromoInfo sets the application's promo action: it must start
// in the future, end after it starts, last at most three days, and point
// at an existing topic.
func appsSetAppPromoInfo(c *apiCall) (any, *Error) {
	var times [2]time.Time
	for i, name := range []string{"start_time", "end_time"} {
		t, err := time.ParseInLocation(promoTimeLayout, c.params.Value(name), moscow)
		if err != nil {
			return nil, errParam("Invalid parameter %s value %s", name, c.params.Value(name))
		}
		times[i] = t
	}
	start, end := times[0], times[1]
	switch {
	case !start.After(c.now):
		return nil, errParam("Invalid parameter start_time value %s: must lie in the future", c.params.Value("start_time"))
	case !end.After(start):
		return nil, errParam("Invalid parameter end_time value %s: must lie after start_time", c.params.Value("end_time"))
	case end.Sub(start) > maxPromoDuration:
		return nil, errParam("Invalid parameter end_time value %s: a promo lasts at most 3 days", c.params.Value("end_time"))
	}
	return written(c.world.SetAppPromo(c.app.Key, world.AppPromo{
		TopicID: c.params.Value("topic_id"), Text: c.params.Value("text"),
		Start: start, End: end, Image: c.params.Value("image304x128"),
	}))
}

// appsGetAppPromoInfo answers the application's promo action, or {} when
// there is none.
func appsGetAppPromoInfo(c *apiCall) (any, *Error) {
	p, ok := c.world.AppPromo(c.app.Key)
	if !ok {
		return object{}, nil
	}
	return object{
		{"topic_id", p.TopicID}, {"text", p.Text},
		{"start_time", p.Start.In(moscow).Format(promoTimeLayout)},
		{"end_time", p.End.In(moscow).Format(promoTimeLayout)}, {"image304x128", p.Image},
	}, nil
}

// appsRemoveAppPromoInfo ends the promo action; without one it still
// succeeds, as there is nothing left to remove.
func appsRemoveAppPromoInfo(c *apiCall) (any, *Error) {
	c.world.RemoveAppPromo(c.app.Key)
	return success(), nil
}

// renderApp writes a catalogue app with the requested fields (all when
// none of them is known).
func (c *apiCall) renderApp(a world.CatalogApp, fields fieldSet) object {
	all := object{
		{"app_id", a.ID}, {"name", a.Name}, {"description", a.Description},
		{"icon", a.Icon(c.world.Seed(), "50x50")}, {"pic128x128", a.Icon(c.world.Seed(), "128x128")},
		{"url", "https://ok.ru/game/" + a.Shortname},
	}
	return pickFields(all, fields)
}

// platformParam reads the platform parameter: WEB by default, else one of
// the catalogue's platforms.
func (c *apiCall) platformParam() (string, *Error) {
	p := strings.ToUpper(c.params.Value("platform"))
	if p == "" {
		return world.PlatformWeb, nil
	}
	if !slices.Contains(world.CatalogPlatforms, p) {
		return "", errParam("Invalid parameter platform value %s", c.params.Value("platform"))
	}
	return p, nil
}

// appPage answers {"apps": [...], "anchor", "has_more"}.
func (c *apiCall) appPage(apps []world.CatalogApp) (any, *Error) {
	p, err := c.paginate(len(apps), "anchor", 20, 100)
	if err != nil {
		return nil, err
	}
	fields := parseFields(c.params.Value("fields"))
	return pagedObjects("apps", apps, p, func(a world.CatalogApp) object { return c.renderApp(a, fields) }), nil
}

// appsGetPlatformTop pages through the platform's games, the most played
// first.
func appsGetPlatformTop(c *apiCall) (any, *Error) {
	platform, err := c.platformParam()
	if err != nil {
		return nil, err
	}
	return c.appPage(c.world.CatalogApps(platform, ""))
}

// appsGetPlatformNew pages through the platform's games, the newest first.
func appsGetPlatformNew(c *apiCall) (any, *Error) {
	platform, err := c.platformParam()
	if err != nil {
		return nil, err
	}
	apps := c.world.CatalogApps(platform, "")
	slices.SortStableFunc(apps, func(a, b world.CatalogApp) int { return b.Created.Compare(a.Created) })
	return c.appPage(apps)
}

// catalogNode reads the node parameter.
func catalogNode(id string) (world.CatalogNode, bool) {
	i := slices.IndexFunc(world.CatalogNodes, func(n world.CatalogNode) bool { return n.ID == strings.ToLower(id) })
	if i < 0 {
		return world.CatalogNode{}, false
	}
	return world.CatalogNodes[i], true
}

// appsGetPlatformCatalogNodeTop pages through one catalogue section.
func appsGetPlatformCatalogNodeTop(c *apiCall) (any, *Error) {
	platform, err := c.platformParam()
	if err != nil {
		return nil, err
	}
	node, ok := catalogNode(c.params.Value("node"))
	if !ok {
		return nil, errParam("Invalid parameter node value %s", c.params.Value("node"))
	}
	return c.appPage(c.world.CatalogApps(platform, node.ID))
}

// appsGetPlatformCatalogNodesTop answers every catalogue section with its
// count (default 5) most played games.
func appsGetPlatformCatalogNodesTop(c *apiCall) (any, *Error) {
	platform, err := c.platformParam()
	if err != nil {
		return nil, err
	}
	count, _ := c.int64Param("count", 5)
	count = max(1, min(count, 50))
	fields := parseFields(c.params.Value("fields"))
	nodes := []object{}
	for _, n := range world.CatalogNodes {
		apps := c.world.CatalogApps(platform, n.ID)
		rows := []object{}
		for _, a := range apps[:min(int(count), len(apps))] {
			rows = append(rows, c.renderApp(a, fields))
		}
		nodes = append(nodes, object{{"node", n.ID}, {"name", n.Name}, {"apps", rows}})
	}
	return object{{"nodes", nodes}}, nil
}

// maxTopApps is the length of apps.getTop.
const maxTopApps = 20

// appsGetTop answers the most played games of every platform.
func appsGetTop(c *apiCall) (any, *Error) {
	apps := c.world.CatalogApps("", "")
	rows := []object{}
	for _, a := range apps[:min(maxTopApps, len(apps))] {
		rows = append(rows, c.renderApp(a, fieldSet{}))
	}
	return object{{"apps", rows}}, nil
}
