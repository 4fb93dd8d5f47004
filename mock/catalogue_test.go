package mock

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/okmock/okmock/openapi"
	"github.com/okmock/okmock/openapi/document"
)

// The catalogue-wide tests: every method of the OpenAPI document, called
// through HTTP with its examples, answers in the shape its schema says;
// a missing required parameter is 100; a missing permission is 10.

// directCallError lists the methods that do not answer a direct call, with
// the error they give instead: callbacks.payment is the call OK makes to
// an application (okmock makes it on POST /__okmock/payments).
var directCallError = map[string]int{"callbacks.payment": CodeMethod}

// catalogueSeeds are the worlds the examples are run in.
var catalogueSeeds = []int64{0, 7, 20261122}

func testCatalogue(t *testing.T) *openapi.Catalogue {
	t.Helper()
	cat, err := openapi.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// allScopes are every scope the document asks for anywhere, plus those
// the topic types of mediatopic.post need.
func allScopes(cat *openapi.Catalogue) []string {
	scopes := []string{"SET_STATUS", "PUBLISH_NOTE"}
	for _, m := range cat.Methods() {
		scopes = append(scopes, m.Permissions...)
		for _, s := range m.FieldPermissions {
			scopes = append(scopes, s)
		}
	}
	slices.Sort(scopes)
	return slices.Compact(scopes)
}

// requiredExamples are a method's required parameters with their
// examples: what EXAMPLES.md guarantees to work on any seed.
func requiredExamples(m *openapi.Method) map[string]string {
	out := map[string]string{}
	for _, p := range m.Params {
		if p.Required {
			out[p.Name] = p.Example
		}
	}
	return out
}

// callMethod posts a form call to the method's path: signed in the server
// scheme with token, or with the application secret when token is empty.
func (ts *testServer) callMethod(m *openapi.Method, app App, token string, params map[string]string) *httptest.ResponseRecorder {
	signed := map[string]string{"application_key": app.Key}
	for k, v := range params {
		signed[k] = v
	}
	secret := app.Secret
	if token != "" {
		secret = refMD5(token + app.Secret)
	}
	form := url.Values{}
	for k, v := range signed {
		form.Set(k, v)
	}
	form.Set("sig", refSign(signed, secret))
	if token != "" {
		form.Set("access_token", token)
	}
	return ts.do("POST", m.Path, form.Encode(), map[string]string{"Host": "api.ok.ru"})
}

// tokenFor is the token a method is called with: none for server-only
// methods, the given session otherwise.
func tokenFor(m *openapi.Method, session string) string {
	if m.Session == openapi.SessionProhibited {
		return ""
	}
	return session
}

func TestCatalogueExamplesAnswerTheirSchemas(t *testing.T) {
	cat := testCatalogue(t)
	scopes := allScopes(cat)
	doc, err := document.Of(cat)
	if err != nil {
		t.Fatal(err)
	}
	schemas := map[string]*openapi3.Schema{}
	for _, m := range cat.Methods() {
		if schemas[m.Name], err = document.ResponseSchema(doc, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, seed := range catalogueSeeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			ts := newTestServer(t, Options{Seed: seed})
			token := ts.session(scopes...).AccessToken
			// Any order must work, and running everything twice in one
			// world too: the second round goes backwards.
			order := slices.Clone(cat.Methods())
			rand.New(rand.NewPCG(uint64(seed), 4)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			rounds := [][]*openapi.Method{order, slices.Clone(order)}
			slices.Reverse(rounds[1])
			for round, methods := range rounds {
				for _, m := range methods {
					t.Run(fmt.Sprintf("round %d/%s", round+1, m.Name), func(t *testing.T) {
						rec := ts.callMethod(m, DemoApp(), tokenFor(m, token), requiredExamples(m))
						checkExampleAnswer(t, m, schemas[m.Name], rec)
					})
				}
			}
		})
	}
}

// checkExampleAnswer checks one answer against the method's result schema.
func checkExampleAnswer(t *testing.T, m *openapi.Method, schema *openapi3.Schema, rec *httptest.ResponseRecorder) {
	t.Helper()
	if want, ok := directCallError[m.Name]; ok {
		if code, msg, _ := okError(t, rec); code != want {
			t.Errorf("direct call: error %d %s, want %d", code, msg, want)
		}
		return
	}
	if rec.Code != http.StatusOK || rec.Header().Get("Invocation-Error") != "" {
		t.Fatalf("HTTP %d, error %s: %s", rec.Code, rec.Header().Get("Invocation-Error"), rec.Body)
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, rec.Body)
	}
	if err := schema.VisitJSON(v); err != nil {
		t.Errorf("answer does not fit the schema: %v\n%s", err, rec.Body)
	}
}

func TestCatalogueMissingRequiredParameterIs100(t *testing.T) {
	cat := testCatalogue(t)
	ts := newTestServer(t, Options{})
	token := ts.session(allScopes(cat)...).AccessToken
	for _, m := range cat.Methods() {
		for _, p := range m.Params {
			if !p.Required {
				continue
			}
			t.Run(m.Name+"/"+p.Name, func(t *testing.T) {
				params := requiredExamples(m)
				delete(params, p.Name)
				rec := ts.callMethod(m, DemoApp(), tokenFor(m, token), params)
				code, msg, _ := okError(t, rec)
				if want := "PARAM : Missing required parameter " + p.Name; code != CodeParam || msg != want {
					t.Errorf("error %d %q, want 100 %q", code, msg, want)
				}
			})
		}
	}
}

func TestCatalogueMissingPermissionIs10(t *testing.T) {
	cat := testCatalogue(t)
	scopes := allScopes(cat)
	ts := newTestServer(t, Options{})
	without := func(scope string) []string {
		return slices.DeleteFunc(slices.Clone(scopes), func(s string) bool { return s == scope })
	}
	// Server-only methods have no session: the application itself lacks
	// the permission.
	appsWithout := map[string]App{}
	appWithout := func(scope string) App {
		if a, ok := appsWithout[scope]; ok {
			return a
		}
		a := DemoApp()
		a.ID, a.Key, a.Secret = int64(513000000000+len(appsWithout)), "APPWITHOUT"+scope, "SECRET"+scope
		a.Permissions = without(scope)
		if code := ts.control("POST", "/apps", a, nil); code != http.StatusOK {
			t.Fatalf("register application: HTTP %d", code)
		}
		appsWithout[scope] = a
		return a
	}
	sessions := map[string]string{}
	for _, m := range cat.Methods() {
		if m.Unsigned {
			continue
		}
		for _, scope := range m.Permissions {
			t.Run(m.Name+"/"+scope, func(t *testing.T) {
				var rec *httptest.ResponseRecorder
				if m.Session == openapi.SessionProhibited {
					rec = ts.callMethod(m, appWithout(scope), "", requiredExamples(m))
				} else {
					if sessions[scope] == "" {
						sessions[scope] = ts.session(without(scope)...).AccessToken
					}
					rec = ts.callMethod(m, DemoApp(), sessions[scope], requiredExamples(m))
				}
				code, msg, data := okError(t, rec)
				if code != CodePermissionDenied || data != strings.ToLower(scope) {
					t.Errorf("error %d %q (data %v), want 10 for %s", code, msg, data, scope)
				}
			})
		}
	}
}

// catalogueWith loads the embedded document changed by edit (its paths as
// decoded JSON).
func catalogueWith(t *testing.T, edit func(paths map[string]any)) *openapi.Catalogue {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openapi.SpecJSON, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc["paths"].(map[string]any))
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := openapi.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestEveryCatalogueMethodHasAHandler: okmock refuses a document that
// names a method nobody answers, or lacks one okmock answers.
func TestEveryCatalogueMethodHasAHandler(t *testing.T) {
	if err := checkHandlers(testCatalogue(t)); err != nil {
		t.Fatal(err)
	}
	extra := catalogueWith(t, func(paths map[string]any) {
		var item map[string]any
		b, _ := json.Marshal(paths["/api/interests/get"])
		_ = json.Unmarshal(b, &item)
		item["x-ok-method"] = "interests.getMore"
		for _, op := range []string{"get", "post"} {
			item[op].(map[string]any)["operationId"] = "interests.getMore_" + op
		}
		paths["/api/interests/getMore"] = item
	})
	if _, err := New(Options{Catalogue: extra}); err == nil || !strings.Contains(err.Error(), "no handler for catalogue methods: interests.getMore") {
		t.Errorf("a method without a handler: %v", err)
	}
	fewer := catalogueWith(t, func(paths map[string]any) { delete(paths, "/api/interests/get") })
	if _, err := New(Options{Catalogue: fewer}); err == nil || !strings.Contains(err.Error(), "lacks methods okmock implements: interests.get") {
		t.Errorf("a handler without a method: %v", err)
	}
}
