package openapi

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/okmock/okmock/openapi/internal/specjson"
)

func mustDefault(t testing.TB) *Catalogue {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Both files generated from okmock.yaml must be what go generate writes.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	tableGo, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		have []byte
		make func() ([]byte, error)
	}{
		{"okmock.json", SpecJSON, func() ([]byte, error) { return specjson.FromYAML(Spec) }},
		{"table_gen.go", tableGo, func() ([]byte, error) { return TableGo(SpecJSON) }},
	} {
		want, err := f.make()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, f.have) {
			t.Errorf("%s is stale: run `go generate ./openapi`", f.name)
		}
	}
}

// The default catalogue, compiled from the generated tree, is the
// one the whole document gives.
func TestDefaultCatalogueIsTheWholeDocuments(t *testing.T) {
	whole, err := Load(SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	def := mustDefault(t)
	if !reflect.DeepEqual(def.Methods(), whole.Methods()) || !reflect.DeepEqual(def.folded, whole.folded) {
		t.Fatal("the default catalogue differs from Load of the JSON twin")
	}
	if !bytes.Equal(def.JSON(), SpecJSON) {
		t.Fatal("the default catalogue does not serve the JSON twin")
	}
	// DeepEqual must see a difference in a compiled check.
	m, _ := whole.Method("users.getInfo")
	m.Params[0].check.maxLen++
	defer func() { m.Params[0].check.maxLen-- }()
	if reflect.DeepEqual(def.Methods(), whole.Methods()) {
		t.Fatal("the comparison does not look into compiled checks")
	}
}

func TestLoadRejectsBrokenCatalogues(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"path does not match the method", `"/api/users/getInfo":{`, `"/api/users/getinfo":{`, "the path of users.getInfo must be /api/users/getInfo"},
		{"unknown session rule", `"x-ok-session":"oauth,web,no_session"`, `"x-ok-session":"maybe"`, `x-ok-session "maybe"`},
		{"unknown response source", `"x-ok-response-source":"P-SDK"`, `"x-ok-response-source":"hearsay"`, "x-ok-response-source"},
		{"api path without a method", `"x-ok-method":"users.getInfo",`, ``, "must carry x-ok-method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := bytes.Replace(SpecJSON, []byte(tt.old), []byte(tt.new), 1)
			if bytes.Equal(src, SpecJSON) {
				t.Fatalf("the edit %q found nothing to replace", tt.old)
			}
			_, err := Load(src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestEveryMethodHasOneLiteralPath(t *testing.T) {
	c := mustDefault(t)
	methods := c.Methods()
	if len(methods) != 147 {
		t.Fatalf("%d methods, want 147", len(methods))
	}
	if !slices.IsSortedFunc(methods, func(a, b *Method) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("Methods() is not sorted by name")
	}
	for _, m := range methods {
		if m.Path != "/api/"+m.Group+"/"+m.Short || m.Name != m.Group+"."+m.Short {
			t.Errorf("%s: path %s, group %s, short %s", m.Name, m.Path, m.Group, m.Short)
		}
		if strings.ContainsAny(m.Path, "{}") {
			t.Errorf("%s: path %s is a template", m.Name, m.Path)
		}
	}
}

func TestLookupIgnoresCase(t *testing.T) {
	c := mustDefault(t)
	tests := []struct {
		name  string
		found string
	}{
		{"users.getCurrentUser", "users.getCurrentUser"},
		{"users.getcurrentuser", "users.getCurrentUser"},
		{"USERS.GETINFO", "users.getInfo"},
		{"photosv2.GETUPLOADURL", "photosV2.getUploadUrl"},
		{"users.getInfo2", ""},
		{"", ""},
		{strings.Repeat("users.getInfo", 10), ""},
	}
	for _, tt := range tests {
		m, ok := c.Lookup(tt.name)
		if tt.found == "" {
			if ok {
				t.Errorf("Lookup(%q) found %s", tt.name, m.Name)
			}
			continue
		}
		if !ok || m.Name != tt.found {
			t.Errorf("Lookup(%q) = %v, %v; want %s", tt.name, m, ok, tt.found)
		}
	}
	if _, ok := c.Method("users.getcurrentuser"); ok {
		t.Error("Method is exact, yet it found users.getcurrentuser")
	}
	if m, ok := c.Method("users.getCurrentUser"); !ok || m.Name != "users.getCurrentUser" {
		t.Error("Method misses users.getCurrentUser")
	}
	if n := testing.AllocsPerRun(100, func() { c.Lookup("USERS.getinfo") }); n != 0 {
		t.Errorf("case-insensitive Lookup allocates %v times", n)
	}
}

func TestMethodFacts(t *testing.T) {
	c := mustDefault(t)
	get := func(name string) *Method {
		m, ok := c.Method(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		return m
	}
	if m := get("users.getCurrentUser"); len(m.Permissions) != 0 || m.FieldPermissions["email"] != "GET_EMAIL" || m.Session != SessionRequired {
		t.Errorf("users.getCurrentUser: %+v", m)
	}
	if m := get("sdk.init"); !m.Unsigned || m.Session != SessionProhibited || !m.Writes {
		t.Errorf("sdk.init: unsigned %v, session %s, writes %v", m.Unsigned, m.Session, m.Writes)
	}
	if m := get("group.getMembers"); m.Writes || m.ResponseSource != "inferred" || !slices.Equal(m.Permissions, []string{"VALUABLE_ACCESS", "GROUP_CONTENT"}) {
		t.Errorf("group.getMembers: %+v", m)
	}
	m := get("users.getInfo")
	if len(m.Params) != 3 || m.Params[0].Name != "uids" || !m.Params[0].Required || m.Params[0].Type != "array" ||
		m.Params[2].Name != "emptyPictures" || m.Params[2].Type != "boolean" || m.Params[2].Required {
		t.Errorf("users.getInfo params: %+v", m.Params)
	}
	for _, p := range m.Params {
		if commonParams[p.Name] {
			t.Errorf("common parameter %s among the method's own", p.Name)
		}
	}
	if get("mediatopic.post").Writes != true || get("friends.get").Writes {
		t.Error("x-ok-writes is wrong for mediatopic.post or friends.get")
	}
}

func TestCatalogueJSON(t *testing.T) {
	c := mustDefault(t)
	if !bytes.Equal(c.JSON(), SpecJSON) {
		t.Fatal("the default catalogue's JSON is not the twin")
	}
	y, err := Load(Spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(y.JSON(), SpecJSON) {
		t.Fatal("a catalogue loaded from YAML serves other JSON")
	}
}
