package openapi

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	c := mustDefault(t)
	long := strings.Repeat("я", 120) // 240 bytes
	tests := []struct {
		name    string
		method  string
		params  examples
		want    *Problem // nil: valid
		wantMsg string   // when set, checked instead of want.Message
	}{
		{"valid", "users.getInfo", examples{"uids": "575000000002", "fields": "uid,NAME"}, nil, ""},
		{"missing", "users.getInfo", examples{"uids": "575000000002"},
			&Problem{Param: "fields", Missing: true, Code: 100, Message: "Missing required parameter fields"}, ""},
		{"first missing in document order", "users.getInfo", examples{},
			&Problem{Param: "uids", Missing: true, Code: 100, Message: "Missing required parameter uids"}, ""},
		{"empty counts as missing", "users.getInfo", examples{"uids": "", "fields": "uid"},
			&Problem{Param: "uids", Missing: true, Code: 100, Message: "Missing required parameter uids"}, ""},
		{"list of only commas counts as missing", "users.getInfo", examples{"uids": ",,", "fields": "uid"},
			&Problem{Param: "uids", Missing: true, Code: 100, Message: "Missing required parameter uids"}, ""},
		{"bad id list", "users.getInfo", examples{"uids": "BlaBlaBla", "fields": "uid"},
			&Problem{Param: "uids", Code: 100, Message: "Invalid UID value BlaBlaBla"}, ""},
		{"bad item in an id list", "users.getInfo", examples{"uids": "575000000002, 12x", "fields": "uid"},
			&Problem{Param: "uids", Code: 100, Message: "Invalid UID value 12x"}, ""},
		{"id list with blanks and empty items", "users.getInfo", examples{"uids": " 575000000002 ,,575000000003", "fields": "uid"}, nil, ""},
		{"too many ids", "users.getInfo", examples{"uids": strings.Repeat("1,", 101), "fields": "uid"},
			&Problem{Param: "uids", Code: 100, Message: "Too many uids, at most 100 allowed"}, ""},
		{"bool in any case", "users.getInfo", examples{"uids": "1", "fields": "uid", "emptyPictures": "TRUE"}, nil, ""},
		{"bad bool", "users.getInfo", examples{"uids": "1", "fields": "uid", "emptyPictures": "yes"},
			&Problem{Param: "emptyPictures", Code: 100, Message: "Invalid parameter emptyPictures value yes"}, ""},
		{"optional and absent", "friends.getRelativesV2", examples{"uid": "575000000001"}, nil, ""},
		{"bad int", "friends.getRelativesV2", examples{"uid": "575000000001", "count": "abc"},
			&Problem{Param: "count", Code: 100, Message: "Invalid parameter count value abc"}, ""},
		{"int below minimum", "friends.getRelativesV2", examples{"uid": "575000000001", "count": "0"},
			&Problem{Param: "count", Code: 100, Message: "Invalid parameter count value 0"}, ""},
		{"int32 overflow", "apps.checkVipOfferStatus", examples{"slot": "99999999999"},
			&Problem{Param: "slot", Code: 100, Message: "Invalid parameter slot value 99999999999"}, ""},
		{"int above maximum", "apps.checkVipOfferStatus", examples{"slot": "5"},
			&Problem{Param: "slot", Code: 100, Message: "Invalid parameter slot value 5"}, ""},
		{"bad user id", "friends.getRelativesV2", examples{"uid": "me"},
			&Problem{Param: "uid", Code: 110, Message: "Invalid uid me"}, ""},
		{"enum", "friends.getRelativesV2", examples{"uid": "1", "direction": "SIDEWAYS"},
			&Problem{Param: "direction", Code: 100, Message: "Invalid parameter direction value SIDEWAYS"}, ""},
		{"enum in any case", "friends.getRelativesV2", examples{"uid": "1", "direction": "forward"}, nil, ""},
		{"enum list item", "friends.getRelativesV2", examples{"uid": "1", "reltypes": "SPOUSE,COUSIN"},
			&Problem{Param: "reltypes", Code: 100, Message: "Invalid parameter reltypes value COUSIN"}, ""},
		{"group id list", "group.getInfo", examples{"uids": "57500000000001,x", "fields": "name"},
			&Problem{Param: "uids", Code: 160, Message: "Invalid group id x"}, ""},
		{"album id with specials", "photos.getPhotos", examples{"aid": "group_main"}, nil, ""},
		{"album id", "photos.getPhotos", examples{"aid": "main"},
			&Problem{Param: "aid", Code: 120, Message: "Invalid album id main"}, ""},
		{"photo id", "photos.getPhotoInfo", examples{"photo_id": "-1"},
			&Problem{Param: "photo_id", Code: 121, Message: "Invalid photo id -1"}, ""},
		{"pattern", "apps.setAppPromoInfo", examples{"topic_id": "1", "text": "Double coins!", "start_time": "tomorrow",
			"end_time": "2030.01.03 12:00", "image304x128": "https://x"},
			&Problem{Param: "start_time", Code: 100, Message: "Invalid parameter start_time value tomorrow"}, ""},
		{"string too short", "apps.setAppPromoInfo", examples{"topic_id": "1", "text": "Hi", "start_time": "2030.01.01 12:00",
			"end_time": "2030.01.03 12:00", "image304x128": "https://x"},
			&Problem{Param: "text", Code: 100, Message: "Invalid parameter text value Hi"}, ""},
		{"length counts characters, not bytes", "notifications.sendSimple", examples{"uid": "1", "text": strings.Repeat("я", 100)}, nil, ""},
		{"long value is echoed in part", "notifications.sendSimple", examples{"uid": "1", "text": long},
			&Problem{Param: "text", Code: 100}, "Invalid parameter text value " + strings.Repeat("я", 50)},
		{"json", "mediatopic.post", examples{"attachment": `{"media":[]}`}, nil, ""},
		{"bad json", "mediatopic.post", examples{"attachment": `{"media":[`},
			&Problem{Param: "attachment", Code: 100, Message: `Invalid parameter attachment value {"media":[`}, ""},
		{"number", "places.reverseGeocode", examples{"lat": "55.75", "lng": "-37"}, nil, ""},
		{"number out of range", "places.reverseGeocode", examples{"lat": "91", "lng": "37"},
			&Problem{Param: "lat", Code: 100, Message: "Invalid parameter lat value 91"}, ""},
		{"not a number", "places.reverseGeocode", examples{"lat": "NaN", "lng": "37"},
			&Problem{Param: "lat", Code: 100, Message: "Invalid parameter lat value NaN"}, ""},
		{"unknown parameters are ignored", "users.getLoggedInUser", examples{"whatever": "x"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := c.Method(tt.method)
			if !ok {
				t.Fatalf("no method %s", tt.method)
			}
			got := m.Validate(tt.params.lookup)
			switch {
			case tt.want == nil && got != nil:
				t.Fatalf("want valid, got %+v", got)
			case tt.want == nil:
				return
			case got == nil:
				t.Fatalf("want %+v, got valid", tt.want)
			}
			want := *tt.want
			if tt.wantMsg != "" {
				want.Message = tt.wantMsg
			}
			if *got != want {
				t.Fatalf("got %+v\nwant %+v", *got, want)
			}
		})
	}
}

func TestValidateDoesNotAllocateOnSuccess(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector empties sync.Pools at random, so the pooled regexp and JSON scanners allocate")
	}
	c := mustDefault(t)
	calls := map[string]examples{
		"users.getInfo":          {"uids": "575000000002,575000000003", "fields": "uid,first_name", "emptyPictures": "true"},
		"friends.getRelativesV2": {"uid": "575000000001", "reltypes": "SPOUSE,PARENT", "count": "10", "direction": "FORWARD"},
		"apps.setAppPromoInfo": {"topic_id": "1", "text": "Double coins!", "start_time": "2030.01.01 12:00",
			"end_time": "2030.01.03 12:00", "image304x128": "https://x"},
		"mediatopic.post": {"attachment": `{"media":[{"type":"text","text":"hi"}]}`},
	}
	for name, params := range calls {
		m, _ := c.Method(name)
		if p := m.Validate(params.lookup); p != nil {
			t.Fatalf("%s: %+v", name, p)
		}
		if n := testing.AllocsPerRun(100, func() { m.Validate(params.lookup) }); n != 0 {
			t.Errorf("%s: Validate allocates %v times on a valid call", name, n)
		}
	}
}
