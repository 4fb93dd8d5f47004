package mock

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/okmock/okmock/mock/world"
)

var shareHandlers = map[string]methodHandler{
	"share.fetchLink":   shareFetchLink,
	"share.fetchLinkV2": shareFetchLinkV2,
}

// linkPreview is what OK shows for a shared link.
type linkPreview struct {
	URL, Title, Description string
	Images                  []string
}

// linkFields are the fields of share.fetchLink, in their order.
var linkFields = []string{"url", "title", "description", "images", "signature"}

// shareFetchLink answers the preview of a link, with the signature
// mediatopic.post's link block hands back.
func shareFetchLink(c *apiCall) (any, *Error) { return c.fetchLink() }

// shareFetchLinkV2 is share.fetchLink for a link to be posted, optionally
// in a group.
func shareFetchLinkV2(c *apiCall) (any, *Error) {
	if _, err := c.optionalGroup(); err != nil {
		return nil, err
	}
	return c.fetchLink()
}

func (c *apiCall) fetchLink() (any, *Error) {
	raw := strings.TrimSpace(c.params.Value("url"))
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errParam("Invalid parameter url value %s", raw)
	}
	p := c.preview(u)
	want := fieldSet{}
	for name := range parseFields(c.params.Value("fields")) {
		want[strings.TrimPrefix(name, "link.")] = true
	}
	values := map[string]any{
		"url": p.URL, "title": p.Title, "description": p.Description,
		"images": p.Images, "signature": c.linkSignature(p.URL),
	}
	out := object{}
	for _, name := range linkFields {
		if len(want) == 0 || want[name] {
			out = append(out, field{name, values[name]})
		}
	}
	return out, nil
}

// preview describes ok.ru links from the world (a profile, a group, an
// application) and other links from their address.
func (c *apiCall) preview(u *url.URL) linkPreview {
	p := linkPreview{URL: u.String()}
	if o, ok := c.resolveOKURL(p.URL); ok {
		switch o.Type {
		case "USER":
			usr, _ := c.world.User(o.ID)
			p.Title, p.Description, p.Images = usr.Name(), usr.City, []string{usr.Pic4}
		case "GROUP":
			g, _ := c.world.Group(o.ID)
			p.Title, p.Description, p.Images = g.Name, g.Description, []string{g.PicAvatar}
		case "APP":
			p.Title, p.Images = c.appTitle(o.ID), []string{world.CatalogApp{ID: o.ID}.Icon(c.world.Seed(), "128x128")}
			p.Description = "Игра в Одноклассниках"
		}
		return p
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p.Title = host
	if name := strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path)); name != "." && name != "/" && name != "" {
		p.Title = strings.ReplaceAll(name, "-", " ") + " — " + host
	}
	p.Description = "Страница сайта " + host
	sum := sha256.Sum256([]byte(p.URL))
	p.Images = []string{"https://i.mycdn.me/getImage?url=" + url.QueryEscape(u.Scheme+"://"+u.Host+"/og/"+base64.RawURLEncoding.EncodeToString(sum[:9])+".jpg")}
	return p
}

// appTitle names an application by id: one registered with okmock, else
// a catalogue game.
func (c *apiCall) appTitle(id string) string {
	if n, err := strconv.ParseInt(id, 10, 64); err == nil {
		if a, ok := c.store.appByID(n); ok {
			return a.Name
		}
	}
	for _, a := range c.world.CatalogApps("", "") {
		if a.ID == id {
			return a.Name
		}
	}
	return id
}

// linkSignature signs a link for this world, so that a link block can
// show it was fetched here.
func (c *apiCall) linkSignature(link string) string {
	sum := sha256.Sum256([]byte("okmock/link/" + strconv.FormatInt(c.world.Seed(), 10) + "/" + link))
	return hex.EncodeToString(sum[:16])
}
