package openapi

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// tableRow is one method of ok-methods.tsv, the published catalogue.
type tableRow struct {
	session, permissions string
}

// override is one recorded, justified difference from the table.
type override struct {
	table, document, reason string
}

// The fields the comparison covers: the table's two columns, and two facts
// the table cannot say (their table value is the default).
var comparedFields = []string{"session", "permissions", "unsigned", "field_permissions"}

func readTSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first || strings.TrimSpace(sc.Text()) == "" {
			continue // the header
		}
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func readTable(t *testing.T) map[string]tableRow {
	t.Helper()
	table := map[string]tableRow{}
	for _, r := range readTSV(t, "testdata/ok-methods.tsv") {
		if len(r) != 4 {
			t.Fatalf("ok-methods.tsv: row %q has %d columns, want 4", r, len(r))
		}
		table[r[0]+"."+r[1]] = tableRow{session: r[2], permissions: orDash(r[3])}
	}
	return table
}

func readOverrides(t *testing.T) map[[2]string]override {
	t.Helper()
	out := map[[2]string]override{}
	for _, r := range readTSV(t, "testdata/overrides.tsv") {
		if len(r) != 5 || strings.TrimSpace(r[4]) == "" {
			t.Fatalf("overrides.tsv: row %q needs method, field, table value, document value and a reason", r)
		}
		if !slices.Contains(comparedFields, r[1]) {
			t.Fatalf("overrides.tsv: unknown field %q (want one of %v)", r[1], comparedFields)
		}
		key := [2]string{r[0], r[1]}
		if _, dup := out[key]; dup {
			t.Fatalf("overrides.tsv: %s %s listed twice", r[0], r[1])
		}
		out[key] = override{table: r[2], document: r[3], reason: r[4]}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// documentValues renders a method's facts the way the table and
// overrides.tsv write them.
func documentValues(m *Method) map[string]string {
	var fp []string
	for field, scope := range m.FieldPermissions {
		fp = append(fp, field+"="+scope)
	}
	slices.Sort(fp)
	return map[string]string{
		"session":           string(m.Session),
		"permissions":       orDash(strings.Join(m.Permissions, ",")),
		"unsigned":          fmt.Sprint(m.Unsigned),
		"field_permissions": orDash(strings.Join(fp, ";")),
	}
}

// compareWithTable lists every difference between the catalogue and the
// table that no override explains, and every override that no longer
// matches (a stale override hides nothing and must go).
func compareWithTable(c *Catalogue, table map[string]tableRow, overrides map[[2]string]override) []string {
	var diffs []string
	for name := range table {
		if _, ok := c.Method(name); !ok {
			diffs = append(diffs, "missing from the document: "+name)
		}
	}
	for _, m := range c.Methods() {
		row, ok := table[m.Name]
		if !ok {
			diffs = append(diffs, "not in the table: "+m.Name)
			continue
		}
		tableValues := map[string]string{
			"session": row.session, "permissions": row.permissions,
			"unsigned": "false", "field_permissions": "-",
		}
		doc := documentValues(m)
		for _, field := range comparedFields {
			o, overridden := overrides[[2]string{m.Name, field}]
			switch {
			case overridden && (o.table != tableValues[field] || o.document != doc[field]):
				diffs = append(diffs, fmt.Sprintf("%s %s: stale override %q -> %q; table has %q, document has %q",
					m.Name, field, o.table, o.document, tableValues[field], doc[field]))
			case !overridden && tableValues[field] != doc[field]:
				diffs = append(diffs, fmt.Sprintf("%s %s: table has %q, document has %q (add an override with a reason, or fix the document)",
					m.Name, field, tableValues[field], doc[field]))
			}
		}
	}
	for key := range overrides {
		if _, ok := table[key[0]]; !ok {
			diffs = append(diffs, "override for a method the table lacks: "+key[0])
		}
	}
	slices.Sort(diffs)
	return diffs
}

func TestDocumentMatchesMethodTable(t *testing.T) {
	c := mustDefault(t)
	table := readTable(t)
	if len(table) != 147 {
		t.Fatalf("ok-methods.tsv has %d methods, want 147", len(table))
	}
	if diffs := compareWithTable(c, table, readOverrides(t)); len(diffs) > 0 {
		t.Errorf("the document and ok-methods.tsv differ:\n%s", strings.Join(diffs, "\n"))
	}
}

// The comparison must catch each kind of drift, or the test above proves
// nothing.
func TestCompareWithTableFindsDrift(t *testing.T) {
	c := mustDefault(t)
	base := readTable(t)
	overrides := readOverrides(t)
	clone := func() map[string]tableRow {
		out := make(map[string]tableRow, len(base))
		for k, v := range base {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name   string
		edit   func(table map[string]tableRow, o map[[2]string]override)
		expect string
	}{
		{"method missing from the document", func(tb map[string]tableRow, _ map[[2]string]override) {
			tb["users.getSecret"] = tableRow{"oauth,web", "-"}
		}, "missing from the document: users.getSecret"},
		{"method missing from the table", func(tb map[string]tableRow, _ map[[2]string]override) {
			delete(tb, "friends.get")
		}, "not in the table: friends.get"},
		{"session differs", func(tb map[string]tableRow, _ map[[2]string]override) {
			tb["friends.get"] = tableRow{"server_only", base["friends.get"].permissions}
		}, `friends.get session: table has "server_only", document has "oauth,web,no_session"`},
		{"permissions differ", func(tb map[string]tableRow, _ map[[2]string]override) {
			tb["events.get"] = tableRow{"oauth,web", "VALUABLE_ACCESS,LONG_ACCESS_TOKEN"}
		}, `events.get permissions: table has "VALUABLE_ACCESS,LONG_ACCESS_TOKEN"`},
		{"override no longer needed", func(tb map[string]tableRow, _ map[[2]string]override) {
			tb["sdk.init"] = tableRow{"server_only", base["sdk.init"].permissions}
		}, "sdk.init session: stale override"},
		{"unexplained field permission", func(_ map[string]tableRow, o map[[2]string]override) {
			delete(o, [2]string{"users.getInfo", "field_permissions"})
		}, `users.getInfo field_permissions: table has "-", document has "email=GET_EMAIL"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := clone()
			o := make(map[[2]string]override, len(overrides))
			for k, v := range overrides {
				o[k] = v
			}
			tt.edit(table, o)
			diffs := compareWithTable(c, table, o)
			if !slices.ContainsFunc(diffs, func(d string) bool { return strings.Contains(d, tt.expect) }) {
				t.Errorf("diffs %q lack %q", diffs, tt.expect)
			}
		})
	}
}
