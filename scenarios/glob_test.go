package scenarios

import "testing"

func TestGlobMatching(t *testing.T) {
	tests := []struct {
		pattern string
		fold    bool
		input   string
		want    bool
	}{
		{"users.getInfo", true, "users.getInfo", true},
		{"users.getInfo", true, "USERS.GETINFO", true},
		{"users.getInfo", false, "USERS.GETINFO", false},
		{"users.getInfo", true, "users.getInfoX", false},
		{"photos.*", true, "photos.getPhotos", true},
		{"photos.*", true, "photosV2.commit", false},
		{"photos*", true, "photosV2.commit", true},
		{"*", false, "", true},
		{"?*", false, "", false},
		{"?*", false, "t", true},
		{"", false, "", true},
		{"", false, "x", false},
		{"*.get*", true, "friends.getOnline", true},
		{"*.get*", true, "friends.add", false},
		{"a*b*c", false, "aXbYbZc", true},
		{"a*b*c", false, "aXbYbZ", false},
		{"?", false, "я", true},
		{"group.getInfo?", true, "group.getinfos", true},
		{"[a-c]x", false, "bx", true},
		{"[a-c]x", false, "dx", false},
		{"[a-c]x", true, "Bx", true},
		{"[^a-c]x", false, "dx", true},
		{"[!a-c]x", false, "ax", false},
		{"[]a]", false, "]", true},
		{"[a-]", false, "-", true},
		{`\*`, false, "*", true},
		{`\*`, false, "x", false},
		{`a\?`, false, "a?", true},
		{"575*", false, "575000000001", true},
		{"*/*", false, "a/b", true},
		{"ПРИВЕТ*", true, "привет мир", true},
	}
	for _, tt := range tests {
		g, err := compileGlob(tt.pattern, tt.fold)
		if err != nil {
			t.Fatalf("compileGlob(%q): %v", tt.pattern, err)
		}
		if got := g.match(tt.input); got != tt.want {
			t.Errorf("%q (fold=%v) matching %q = %v, want %v", tt.pattern, tt.fold, tt.input, got, tt.want)
		}
	}
}

func TestGlobSyntaxErrors(t *testing.T) {
	for _, pat := range []string{`abc\`, "[abc", "[", "[]", "[z-a]", `[a\`, "[a-"} {
		if _, err := compileGlob(pat, false); err == nil {
			t.Errorf("compileGlob(%q) accepted a malformed pattern", pat)
		}
	}
}

func TestEmptyGlobSetMatchesEverything(t *testing.T) {
	var gs globs
	if !gs.match("anything") || !gs.match("") {
		t.Error("an empty set of patterns must match any value")
	}
	gs, _ = compileGlobs([]string{"a", "b*"}, false)
	if !gs.match("bcd") || gs.match("c") {
		t.Error("a set of patterns must match when any one does")
	}
}

func TestGlobFoldsNonASCIIOntoASCIILetters(t *testing.T) {
	// U+212A KELVIN SIGN folds onto k: the ASCII prefix shortcut must not
	// reject it.
	g, _ := compileGlob("kick*", true)
	if !g.match("\u212Aick.x") {
		t.Error("a case-insensitive glob must fold the Kelvin sign onto k")
	}
	g, _ = compileGlob("kick*", false)
	if g.match("\u212Aick.x") {
		t.Error("a case-sensitive glob must not fold")
	}
}
