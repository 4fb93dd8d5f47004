package mock

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/okmock/okmock/scenarios"
)

// Hostile YAML in the files okmock reads at start: the configuration and
// scenario files. Each is refused with an error, quickly.

// yamlCase is one hostile file and a word its error must contain.
type yamlCase struct {
	name, file, input, want string
}

var hostileYAMLCases = []yamlCase{
	{"config anchor bomb under unknown keys", "config", yamlBomb, "not found"},
	{"config anchor bomb inside apps", "config", strings.Replace(yamlBomb, "rules: *a9\n", "", 1) + "apps:\n  - application_key: K\n    application_secret_key: S\n    redirect_uris: *a9\n", "unmarshal"},
	{"config over 4 MiB", "config", "# " + strings.Repeat("x", 5<<20), "larger than"},
	{"config nested 100,000 deep", "config", "apps: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "depth"},
	{"config with a key twice", "config", "seed: 1\nseed: 2\n", "already defined"},
	{"config with an unknown key", "config", "sede: 1\n", "not found"},
	{"config with a tab indent", "config", "apps:\n\t- application_key: K\n", "cannot start any token"},
	{"config user without uid", "config", "users:\n  - first_name: Иван\n", "uid is required"},
	{"config that is a scalar", "config", "just a string\n", "cannot unmarshal"},
	{"scenario file anchor bomb", "scenario", yamlBomb, "alias"},
	{"scenario file over 1 MiB", "scenario", "# " + strings.Repeat("x", 2<<20), "larger than"},
	{"scenario file nested 100,000 deep", "scenario", strings.Repeat("- ", 100000) + "x", "depth"},
}

func TestHostileYAMLFiles(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range hostileYAMLCases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "hostile.yaml")
			if err := os.WriteFile(path, []byte(tc.input), 0o600); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			var err error
			switch tc.file {
			case "config":
				_, err = LoadConfig(path)
			default:
				_, err = scenarios.LoadPath(path)
			}
			if took := time.Since(start); took > hostileDeadline {
				t.Errorf("refused after %s", took)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}
