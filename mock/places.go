package mock

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

var placesHandlers = map[string]methodHandler{
	"places.reverseGeocode": placesReverseGeocode,
	"places.validate":       placesValidate,
}

// city is a place reverseGeocode knows.
type city struct {
	ID                         int64
	Name, Country, CountryCode string
	Lat, Lng                   float64
}

// cities are the cities reverseGeocode answers with.
var cities = []city{
	{2000001, "Москва", "RUSSIAN_FEDERATION", "RU", 55.7558, 37.6173},
	{2000002, "Санкт-Петербург", "RUSSIAN_FEDERATION", "RU", 59.9343, 30.3351},
	{2000003, "Новосибирск", "RUSSIAN_FEDERATION", "RU", 55.0084, 82.9357},
	{2000004, "Екатеринбург", "RUSSIAN_FEDERATION", "RU", 56.8389, 60.6057},
	{2000005, "Казань", "RUSSIAN_FEDERATION", "RU", 55.7961, 49.1064},
	{2000006, "Нижний Новгород", "RUSSIAN_FEDERATION", "RU", 56.2965, 43.9361},
	{2000007, "Самара", "RUSSIAN_FEDERATION", "RU", 53.1959, 50.1002},
	{2000008, "Ростов-на-Дону", "RUSSIAN_FEDERATION", "RU", 47.2357, 39.7015},
	{2000009, "Краснодар", "RUSSIAN_FEDERATION", "RU", 45.0355, 38.9753},
	{2000010, "Владивосток", "RUSSIAN_FEDERATION", "RU", 43.1155, 131.8855},
	{2000011, "Красноярск", "RUSSIAN_FEDERATION", "RU", 56.0153, 92.8932},
	{2000012, "Омск", "RUSSIAN_FEDERATION", "RU", 54.9885, 73.3242},
	{2000013, "Воронеж", "RUSSIAN_FEDERATION", "RU", 51.6720, 39.1843},
	{2000014, "Минск", "BELARUS", "BY", 53.9006, 27.5590},
	{2000015, "Алматы", "KAZAKHSTAN", "KZ", 43.2220, 76.8512},
	{2000016, "Ташкент", "UZBEKISTAN", "UZ", 41.2995, 69.2401},
}

// geocodeRadiusKm is how far from a known city reverseGeocode still names
// it.
const geocodeRadiusKm = 300

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lng1, lat2, lng2 float64) float64 {
	const earthKm = 6371
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * earthKm * math.Asin(math.Sqrt(a))
}

// placesReverseGeocode names the city at the coordinates (the nearest
// known one within 300 km); elsewhere it is 300.
func placesReverseGeocode(c *apiCall) (any, *Error) {
	lat, lng, err := c.coordinates()
	if err != nil {
		return nil, err
	}
	best, bestKm := -1, math.Inf(1)
	for i, ct := range cities {
		if d := distanceKm(lat, lng, ct.Lat, ct.Lng); d < bestKm {
			best, bestKm = i, d
		}
	}
	if bestKm > geocodeRadiusKm {
		return nil, Errorf(CodeNotFound, "No city near %g,%g", lat, lng)
	}
	ct := cities[best]
	return struct {
		City        string `json:"city"`
		Country     string `json:"country"`
		CountryCode string `json:"countryCode"`
		CityID      int64  `json:"city_id"`
	}{ct.Name, ct.Country, ct.CountryCode, ct.ID}, nil
}

// coordinates reads lat and lng (the catalogue checked their ranges).
func (c *apiCall) coordinates() (lat, lng float64, err *Error) {
	lat, e1 := strconv.ParseFloat(strings.TrimSpace(c.params.Value("lat")), 64)
	lng, e2 := strconv.ParseFloat(strings.TrimSpace(c.params.Value("lng")), 64)
	if e1 != nil || e2 != nil {
		return 0, 0, errParam("Invalid coordinates %s,%s", c.params.Value("lat"), c.params.Value("lng"))
	}
	return lat, lng, nil
}

// maxPlaceName is the longest place name OK takes.
const maxPlaceName = 100

// placesValidate checks a place description before it is created: a name
// of at most 100 characters and coordinates on Earth. It answers true, or
// 100 saying what is wrong.
func placesValidate(c *apiCall) (any, *Error) {
	var p struct {
		Name string   `json:"name"`
		Lat  *float64 `json:"lat"`
		Lng  *float64 `json:"lng"`
	}
	if err := json.Unmarshal([]byte(c.params.Value("place")), &p); err != nil {
		return nil, errParam("Invalid parameter place: not a place object")
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(p.Name)); {
	case n == 0:
		return nil, errParam("Invalid parameter place: name is missing")
	case n > maxPlaceName:
		return nil, errParam("Invalid parameter place: name is longer than %d characters", maxPlaceName)
	case p.Lat == nil || p.Lng == nil:
		return nil, errParam("Invalid parameter place: lat and lng are required")
	case math.Abs(*p.Lat) > 90 || math.Abs(*p.Lng) > 180:
		return nil, errParam("Invalid parameter place: coordinates out of range")
	}
	return true, nil
}
