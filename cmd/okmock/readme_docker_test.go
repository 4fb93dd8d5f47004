package main

import (
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeDockerCommandsMatchTheImage keeps the README's Docker section
// honest: the image names (the server's and the conformance kit's) are the
// ones CI builds, the kit's stage is not the default target, every OKMOCK_*
// variable it (or the Dockerfile) sets is one okmock reads, and the ports
// and paths it uses are the ones the Dockerfile declares and CI checks.
func TestReadmeDockerCommandsMatchTheImage(t *testing.T) {
	readme := section(t, readFile(t, "../../README.md"), "<!-- DOCKER -->", "<!-- /DOCKER -->")
	dockerfile := readFile(t, "../../Dockerfile")
	script := readFile(t, "../../.ci/image-test.sh")

	image := regexp.MustCompile(`(?m)^IMAGE=(\S+)`).FindStringSubmatch(script)
	if image == nil {
		t.Fatal("image-test.sh sets no IMAGE")
	}
	if !strings.Contains(readme, "docker build -t "+image[1]+" .") {
		t.Errorf("the README does not build the image as %q, the name CI uses", image[1])
	}
	kit := regexp.MustCompile(`(?m)^KIT_IMAGE=(\S+)`).FindStringSubmatch(script)
	if kit == nil || !strings.Contains(script, `--target conformance -t "$KIT_IMAGE"`) {
		t.Fatal("image-test.sh does not build the conformance target as KIT_IMAGE")
	}
	if !strings.Contains(readme, "docker build --target conformance -t "+kit[1]+" .") {
		t.Errorf("the README does not build the kit's image as %q, the name CI uses", kit[1])
	}
	if !regexp.MustCompile(`(?m)^FROM scratch AS conformance$`).MatchString(dockerfile) ||
		regexp.MustCompile(`(?m)^FROM .* AS conformance$[\s\S]*^FROM `).FindString(dockerfile) == "" {
		t.Error("the Dockerfile's conformance stage is missing or last (a plain build must make the server's image)")
	}
	for _, run := range regexp.MustCompile(`docker run [^\n]*`).FindAllString(readme, -1) {
		if !regexp.MustCompile(` ` + image[1] + `( |$)`).MatchString(run) {
			t.Errorf("%q does not run the image %q", run, image[1])
		}
	}

	read := map[string]bool{}
	record := func(k string) string { read[k] = true; return "" }
	if _, err := parseServeFlags(nil, record, io.Discard); err != nil {
		t.Fatal(err)
	}
	healthcheck(t.Context(), []string{"--addr", "127.0.0.1:1", "--timeout", "1ms"}, record, io.Discard, io.Discard)
	for _, v := range regexp.MustCompile(`OKMOCK_[A-Z_]+`).FindAllString(readme+dockerfile, -1) {
		if !read[v] {
			t.Errorf("%s is in the README or the Dockerfile but okmock never reads it", v)
		}
	}

	expose := strings.Fields(regexp.MustCompile(`(?m)^EXPOSE (.*)$`).FindStringSubmatch(dockerfile)[1])
	for _, m := range regexp.MustCompile(`-p \d+:(\d+)`).FindAllStringSubmatch(readme, -1) {
		if !slices.Contains(expose, m[1]) {
			t.Errorf("the README maps container port %s, which the image does not expose (%v)", m[1], expose)
		}
	}
	for _, path := range []string{"/__okmock/ca.pem", "/data/ca.pem", "OKMOCK_TLS=1", ":/data"} {
		if !strings.Contains(readme, path) {
			t.Errorf("the README no longer mentions %s", path)
		}
	}
	for _, checked := range []string{"/__okmock/ca.pem", `"$root/data/ca.pem"`, "OKMOCK_TLS=1", "--resolve api.ok.ru:443:127.0.0.1"} {
		if !strings.Contains(script, checked) {
			t.Errorf("image-test.sh no longer exercises %s, which the README shows", checked)
		}
	}
	if !strings.Contains(dockerfile, `VOLUME ["/data"]`) || !strings.Contains(dockerfile, "OKMOCK_DATA_DIR=/data") {
		t.Error("the Dockerfile's data folder is not /data, the README's volume path")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section is the text between two markers.
func section(t *testing.T, text, from, to string) string {
	t.Helper()
	_, after, ok := strings.Cut(text, from)
	body, _, ok2 := strings.Cut(after, to)
	if !ok || !ok2 {
		t.Fatalf("markers %s ... %s not found", from, to)
	}
	return body
}
