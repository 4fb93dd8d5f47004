package mock

import (
	"encoding/base64"
	"html"
	"slices"
	"strings"
)

var widgetHandlers = map[string]methodHandler{
	"widget.getWidgets":       widgetGetWidgets,
	"widget.getWidgetContent": widgetGetWidgetContent,
}

// codeWidget is PARAM_WIDGET, an unknown widget id.
const codeWidget = 130

// widgetStyles are the styles widgets come in; others fall back to the
// default one.
var widgetStyles = []string{"default", "dark", "light"}

// widgetTemplates are the widgets of OK's mobile SDK pages by id; %NAME%
// is the viewer's name and %STYLE% the style.
var widgetTemplates = map[string]string{
	"mobile-header":       `<div class="ok-widget ok-header ok-%STYLE%"><a class="ok-logo" href="https://m.ok.ru/">Одноклассники</a><span class="ok-user">%NAME%</span></div>`,
	"mobile-header-small": `<div class="ok-widget ok-header-small ok-%STYLE%"><a class="ok-logo" href="https://m.ok.ru/">OK</a></div>`,
	"mobile-footer":       `<div class="ok-widget ok-footer ok-%STYLE%"><a href="https://m.ok.ru/">Мобильная версия</a> · <a href="https://ok.ru/">Полная версия</a></div>`,
	"mobile-footer-small": `<div class="ok-widget ok-footer-small ok-%STYLE%"><a href="https://ok.ru/">ok.ru</a></div>`,
	"mobile-banner":       `<div class="ok-widget ok-banner ok-%STYLE%">%NAME%, играйте вместе с друзьями!</div>`,
}

// widgetCacheSeconds is how long a client may keep a widget.
const widgetCacheSeconds = 3600

// widgetContent renders a widget for the viewer, Base64-encoded as OK
// sends it; ok is false for an unknown id.
func (c *apiCall) widgetContent(wid string) (string, bool) {
	tpl, ok := widgetTemplates[wid]
	if !ok {
		return "", false
	}
	style := strings.ToLower(c.params.Value("style"))
	if !slices.Contains(widgetStyles, style) {
		style = "default"
	}
	name := "Гость"
	if u, ok := c.world.User(c.uid()); ok {
		name = u.Name()
	}
	body := strings.NewReplacer("%NAME%", html.EscapeString(name), "%STYLE%", style).Replace(tpl)
	return base64.StdEncoding.EncodeToString([]byte(body)), true
}

// widgetGetWidgetContent answers one widget as a bare Base64 string; an
// unknown widget is 130.
func widgetGetWidgetContent(c *apiCall) (any, *Error) {
	wid := c.params.Value("wid")
	content, ok := c.widgetContent(wid)
	if !ok {
		return nil, Errorf(codeWidget, "Invalid widget id %s", wid)
	}
	return content, nil
}

// widget is one row of widget.getWidgets.
type widget struct {
	ID          string `json:"id"`
	Content     string `json:"content"`
	ContentType string `json:"content_type"`
	Cache       int    `json:"cache"`
}

// widgetGetWidgets answers the known widgets among wids as a bare array;
// unknown ids are left out.
func widgetGetWidgets(c *apiCall) (any, *Error) {
	out := []widget{}
	for _, wid := range idList(c.params.Value("wids")) {
		if content, ok := c.widgetContent(wid); ok {
			out = append(out, widget{wid, content, "text/html; charset=utf-8", widgetCacheSeconds})
		}
	}
	return out, nil
}
