#!/usr/bin/env bash
# Installs the outside tools the test suite uses, when they are missing:
# staticcheck (Go module proxy); Chromium for the OAuth browser test,
# buildah and busybox-static for the image test, python3 for the Python
# conformance driver (Debian packages).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v buildah >/dev/null 2>&1 || need+=(buildah)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" ca-certificates >/dev/null
fi
if ! command -v staticcheck >/dev/null 2>&1; then
  echo "== installing staticcheck"
  go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
