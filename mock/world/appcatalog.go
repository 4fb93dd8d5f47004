package world

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// Platforms of OK's application catalogue.
const (
	PlatformWeb     = "WEB"
	PlatformAndroid = "ANDROID"
	PlatformIOS     = "IOS"
)

// CatalogPlatforms are the platforms the catalogue lists games for.
var CatalogPlatforms = []string{PlatformWeb, PlatformAndroid, PlatformIOS}

// CatalogNode is a section of the application catalogue. The "games"
// node holds every game; the others one genre each.
type CatalogNode struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CatalogNodes are the catalogue's sections, in the order OK shows them.
var CatalogNodes = []CatalogNode{
	{"games", "Игры"}, {"casual", "Казуальные"}, {"puzzle", "Головоломки"},
	{"farm", "Фермы"}, {"strategy", "Стратегии"}, {"cards", "Карточные"},
	{"rpg", "Ролевые"}, {"sport", "Спортивные"},
}

// CatalogApp is an application listed in OK's catalogue (someone else's
// game, not an application registered with okmock).
type CatalogApp struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Node        string   `json:"node"`
	Platforms   []string `json:"platforms"`
	// Players is the number of monthly players, which orders the tops.
	Players int       `json:"players"`
	Created time.Time `json:"created"`
	// Shortname is the app's address on ok.ru/game/<shortname>.
	Shortname string `json:"shortname"`
}

// Icon is the address of the app's icon of the given size ("128x128").
func (a CatalogApp) Icon(seed int64, size string) string {
	return cdnURL(seed, "app", a.ID, "app_"+size)
}

// appCatalogStore holds the catalogue, most players first.
type appCatalogStore struct {
	apps []CatalogApp
}

func init() {
	registerKind("app_catalog", func() extension { return &appCatalogStore{} })
}

func (s *appCatalogStore) has(id string) bool {
	return slices.ContainsFunc(s.apps, func(a CatalogApp) bool { return a.ID == id })
}

// populate lists every seeded game once, on one to three platforms.
func (s *appCatalogStore) populate(g *generator) {
	g = g.kindGenerator("app_catalog")
	for _, game := range catalogGames {
		a := CatalogApp{
			ID: g.randomID(seededShort), Name: game.name, Description: game.description, Node: game.node,
			Players: g.between(1_000, 9_000_000), Created: g.ago(30*day, 10*year),
			Shortname: translit(strings.ToLower(game.name), "-"),
		}
		for _, p := range CatalogPlatforms {
			if g.chance(0.7) {
				a.Platforms = append(a.Platforms, p)
			}
		}
		if len(a.Platforms) == 0 {
			a.Platforms = []string{PlatformWeb}
		}
		s.apps = append(s.apps, a)
	}
	s.sort()
}

func (s *appCatalogStore) sort() {
	slices.SortStableFunc(s.apps, func(a, b CatalogApp) int {
		if a.Players != b.Players {
			return b.Players - a.Players
		}
		return compareIDs(a.ID, b.ID)
	})
}

func (s *appCatalogStore) forget(string, string) {}
func (s *appCatalogStore) save() any             { return s.apps }

func (s *appCatalogStore) load(data json.RawMessage) error {
	s.apps = nil
	if err := json.Unmarshal(data, &s.apps); err != nil {
		return err
	}
	s.sort()
	return nil
}

// CatalogApps returns the catalogue's games for a platform ("" for any)
// in a node ("" or "games" for all), the most played first.
func (w *World) CatalogApps(platform, node string) []CatalogApp {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []CatalogApp
	for _, a := range w.ext["app_catalog"].(*appCatalogStore).apps {
		if (platform == "" || slices.Contains(a.Platforms, platform)) && (node == "" || node == "games" || a.Node == node) {
			a.Platforms = slices.Clone(a.Platforms)
			out = append(out, a)
		}
	}
	return out
}

// catalogGames are the seeded games of the catalogue.
var catalogGames = []struct{ name, description, node string }{
	{"Весёлая ферма", "Выращивайте урожай и стройте свою ферму", "farm"},
	{"Солнечная долина", "Ферма, соседи и ярмарка по выходным", "farm"},
	{"Мой огород", "Грядки, теплица и заготовки на зиму", "farm"},
	{"Три в ряд: Сладости", "Собирайте конфеты по три и больше", "casual"},
	{"Шарики", "Стреляйте шариками одного цвета", "casual"},
	{"Пасьянс Косынка", "Классический пасьянс", "cards"},
	{"Дурак онлайн", "Подкидной и переводной с друзьями", "cards"},
	{"Преферанс", "Сочи, Ленинград и Ростов", "cards"},
	{"Тысяча", "Карточная игра для троих", "cards"},
	{"Кроссворды", "Новый кроссворд каждый день", "puzzle"},
	{"Судоку", "От простых до дьявольских", "puzzle"},
	{"Найди отличия", "Сотни картинок", "puzzle"},
	{"Слово за словом", "Составляйте слова из букв", "puzzle"},
	{"Империя", "Стройте города и ведите войска", "strategy"},
	{"Война племён", "Защитите свою деревню", "strategy"},
	{"Морской бой", "Расставьте корабли и топите врага", "strategy"},
	{"Легенды драконов", "Ролевая игра о магии и драконах", "rpg"},
	{"Тайны замка", "Квест с поиском предметов", "rpg"},
	{"Богатыри", "Былинные герои против нечисти", "rpg"},
	{"Футбольный менеджер", "Соберите команду мечты", "sport"},
	{"Рыбалка на Волге", "Удочка, спиннинг и трофеи", "sport"},
	{"Бильярд", "Русский бильярд и пул", "sport"},
	{"Шахматы", "Играйте с друзьями и компьютером", "puzzle"},
	{"Нарды", "Длинные и короткие", "cards"},
}
