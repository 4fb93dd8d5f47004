#!/usr/bin/env bash
# Runs every fuzz target of okmock's parsers for a short while each
# (FUZZTIME, default 10s): request parsing, signature verification,
# attachment JSON, configuration and scenario loading, JSON encoding.
# Seed corpora live in each package's testdata/fuzz; a failing input is
# written there too, so that it can be committed as a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
fuzztime="${FUZZTIME:-10s}"

for pkg in ./mock ./scenarios; do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz'); do
    echo "== fuzz $pkg $target for $fuzztime"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done
