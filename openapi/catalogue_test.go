package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

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

// mustDocument builds the catalogue's document.
func mustDocument(t testing.TB, c *Catalogue) *openapi3.T {
	t.Helper()
	doc, err := c.Document()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestDocumentValidates(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(Spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("kin-openapi rejects okmock.yaml: %v", err)
	}
	// The fast-built document must pass too: it is what okmock serves from.
	if err := mustDocument(t, mustDefault(t)).Validate(context.Background()); err != nil {
		t.Fatalf("the fast-built document does not validate: %v", err)
	}
}

func TestJSONTwinIsCurrent(t *testing.T) {
	want, err := specjson.FromYAML(Spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, SpecJSON) {
		t.Fatal("okmock.json is not the twin of okmock.yaml: run `go generate ./openapi`")
	}
}

// The fast loader must build exactly what kin-openapi's loader builds, from
// the JSON twin and from the YAML alike.
func TestFastLoaderMatchesKinOpenAPI(t *testing.T) {
	kin, err := openapi3.NewLoader().LoadFromData(Spec)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(kin)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"json": SpecJSON, "yaml": Spec} {
		c, err := load(data, false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !c.fast {
			t.Fatalf("%s: the embedded document fell back to kin-openapi's slow loader", name)
		}
		got, err := json.Marshal(mustDocument(t, c))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the fast loader's document differs from kin-openapi's", name)
		}
	}
}

// A document outside the fast loader's subset still loads, through
// kin-openapi, with nothing dropped.
func TestUnsupportedDocumentFallsBack(t *testing.T) {
	src := bytes.Replace(SpecJSON, []byte(`"components":{`),
		[]byte(`"externalDocs":{"url":"https://apiok.ru"},"components":{`), 1)
	c, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if c.fast {
		t.Fatal("externalDocs is outside the fast loader's subset, yet it was used")
	}
	if doc := mustDocument(t, c); doc.ExternalDocs == nil || len(c.Methods()) != 147 {
		t.Fatalf("fallback lost content: externalDocs %v, %d methods", doc.ExternalDocs, len(c.Methods()))
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
			_, err := load(src, false)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}

func TestEveryMethodHasOneLiteralPath(t *testing.T) {
	c := mustDefault(t)
	doc := mustDocument(t, c)
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
		item := doc.Paths.Value(m.Path)
		if item == nil || item.Get == nil || item.Post == nil {
			t.Errorf("%s: needs GET and POST at %s", m.Name, m.Path)
			continue
		}
		if s, err := m.ResponseSchema(doc); err != nil || s == nil {
			t.Errorf("%s: no response schema: %v", m.Name, err)
		}
		if item.Get.Responses.Value("200") != item.Post.Responses.Value("200") &&
			item.Get.Responses.Value("200").Ref != item.Post.Responses.Value("200").Ref {
			t.Errorf("%s: GET and POST answer differently", m.Name)
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
	b, err := c.JSON()
	if err != nil || !bytes.Equal(b, SpecJSON) {
		t.Fatalf("the default catalogue's JSON is not the twin (err %v)", err)
	}
	y, err := Load(Spec)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := y.JSON(); err != nil || !bytes.Equal(b, SpecJSON) {
		t.Fatalf("a catalogue loaded from YAML serves other JSON (err %v)", err)
	}
}

func TestNonMethodPathsAreDescribed(t *testing.T) {
	doc := mustDocument(t, mustDefault(t))
	want := map[string][]string{
		"/fb.do":                           {"GET", "POST"},
		"/oauth/authorize":                 {"GET"},
		"/oauth/token.do":                  {"POST"},
		"/upload/photos":                   {"POST"},
		"/__okmock/apps":                   {"POST"},
		"/__okmock/apps/{application_key}": {"DELETE"},
		"/__okmock/sessions":               {"POST"},
		"/__okmock/clock":                  {"POST"},
		"/__okmock/reset":                  {"POST"},
		"/__okmock/health":                 {"GET"},
		"/__okmock/requests":               {"GET", "DELETE"},
		"/__okmock/openapi.json":           {"GET"},
		"/__okmock/openapi.yaml":           {"GET"},
	}
	for path, methods := range want {
		item := doc.Paths.Value(path)
		if item == nil {
			t.Errorf("%s is not described", path)
			continue
		}
		for _, method := range methods {
			op := item.GetOperation(method)
			if op == nil {
				t.Errorf("%s %s is not described", method, path)
				continue
			}
			if strings.HasPrefix(path, "/__okmock/") && !slices.Contains(op.Tags, "control") {
				t.Errorf("%s %s is not tagged control", method, path)
			}
		}
	}
}
