#!/usr/bin/env bash
# Proves the Dockerfile without a Docker engine or an image registry:
#  1. makes a local stand-in for golang:1.26 from scratch: this machine's Go
#     toolchain, Debian's static busybox as /bin/sh and its applets, the CA
#     bundle; the machine's module cache is mounted read-only at build time
#     with GOPROXY=off, so the build is offline;
#  2. builds the Dockerfile with buildah (vfs storage, chroot isolation,
#     docker format so HEALTHCHECK is kept) as okmock, the README's name;
#  3. checks the image: size, user, ports, volume, health check, labels;
#  4. runs the image's entrypoint with the image's environment as its user
#     65532 (buildah mount + chroot), in a network namespace of its own set
#     up as Docker sets one up (loopback, unprivileged ports from 0), and
#     checks /__okmock/health, a signed call over HTTP and over HTTPS as
#     api.ok.ru trusting only /__okmock/ca.pem, and the HEALTHCHECK command;
#  5. builds the Dockerfile's conformance target as okmock-conformance (its
#     build stage runs again, but from the first build's Go build cache:
#     seconds; buildah's --layers would cost more in vfs copies than it
#     saves), checks its user, entrypoint and contents, and runs the
#     entrypoint with --list as 65532: the spec catalogue.
# Everything lives in a temporary buildah store removed at exit, even on
# failure. Needs root, buildah, /bin/busybox (static), go, curl, md5sum,
# unshare and chroot.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=okmock                       # the name the README's commands use
KIT_IMAGE=okmock-conformance       # the conformance kit's (conformance/README.md)
MAX_BYTES=$((25 * 1000 * 1000))    # the image must stay under 25 MB
APP_KEY=CBAFPJHFEBABABABA          # the demo application (README)
APP_SECRET=0F1E2D3C4B5A69788796A5B4

fail() { echo "image-test: FAIL: $*" >&2; exit 1; }
step() { echo "== image-test: $* ($((SECONDS))s)"; }

# ---- inside the network namespace (the script runs itself there) --------
if [ "${1:-}" = "--in-netns" ]; then
  root=$2 work=$3 entry=$4 health=$5
  /bin/busybox ip link set lo up   # busybox: iproute2 may be absent
  echo 0 > /proc/sys/net/ipv4/ip_unprivileged_port_start
  mapfile -t envs < "$work/env"
  read -r -a entrypoint <<< "$entry"
  read -r -a healthcmd <<< "$health"
  # as_image_user [NAME=value...] -- command...: the command inside the
  # image, with the image's environment (plus the assignments), as 65532.
  # It execs, so call it in a subshell ($(...) or &): $! is then okmock.
  as_image_user() {
    local extra=()
    while [ "$1" != -- ]; do extra+=("$1"); shift; done
    shift
    exec env -i "${envs[@]}" "${extra[@]}" "$(command -v chroot)" --userspec=65532:65532 --groups=65532 "$root" "$@"
  }

  # The entrypoint exactly as the image config says, plus TLS switched on
  # the way the README says (OKMOCK_TLS=1).
  as_image_user OKMOCK_TLS=1 -- "${entrypoint[@]}" > "$work/okmock.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    curl -fsS -o /dev/null http://127.0.0.1:8080/__okmock/health 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/okmock.log"; fail "okmock exited"; }
    sleep 0.1
  done
  cat "$work/okmock.log"
  # env and chroot exec, so $pid is okmock itself by now.
  uid=$(awk '/^Uid:/{print $2}' "/proc/$pid/status")
  [ "$uid" = 65532 ] || fail "okmock runs as uid $uid, not 65532"

  health_body=$(curl -fsS http://127.0.0.1:8080/__okmock/health)
  case $health_body in *'"status":"ok"'*) ;; *) fail "health: $health_body" ;; esac
  echo "health: $health_body"

  # The image's HEALTHCHECK command, run as the image would run it.
  out=$(as_image_user -- "${healthcmd[@]}") || fail "HEALTHCHECK command failed: $out"
  [ "$out" = ok ] || fail "HEALTHCHECK printed $out"

  # A session without OAuth, then a call signed as OK's server scheme:
  # sig = md5(sorted key=value pairs + md5(access_token + secret)).
  grant=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"application_key\":\"$APP_KEY\",\"scopes\":[\"VALUABLE_ACCESS\"]}" \
    http://127.0.0.1:8080/__okmock/sessions)
  token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<< "$grant")
  uid_want=$(sed -n 's/.*"uid":"\([^"]*\)".*/\1/p' <<< "$grant")
  [ -n "$token" ] || fail "no access_token in $grant"
  md5() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }
  params=("application_key=$APP_KEY" "format=json" "method=users.getCurrentUser")
  signing=$(printf '%s\n' "${params[@]}" | LC_ALL=C sort -t= -k1,1 | tr -d '\n')
  sig=$(md5 "$signing$(md5 "$token$APP_SECRET")")
  data=(--data-urlencode "access_token=$token" --data "sig=$sig")
  for p in "${params[@]}"; do data+=(--data-urlencode "$p"); done
  call() { # base URL, then curl options
    local base=$1; shift
    curl -fsS "$@" -D "$work/headers" "${data[@]}" "$base/fb.do"
  }
  body=$(call http://127.0.0.1:8080)
  grep -qi '^invocation-error' "$work/headers" && fail "signed call refused: $body"
  case $body in *"\"uid\":\"$uid_want\""*) ;; *) fail "signed call answered $body" ;; esac
  echo "signed call over HTTP: $body"

  # HTTPS as api.ok.ru on 443, trusting only the CA okmock publishes (and
  # keeps in the /data volume).
  curl -fsS -o "$work/ca.pem" http://127.0.0.1:8080/__okmock/ca.pem
  cmp -s "$work/ca.pem" "$root/data/ca.pem" || fail "/__okmock/ca.pem differs from /data/ca.pem"
  body=$(call https://api.ok.ru --cacert "$work/ca.pem" --resolve api.ok.ru:443:127.0.0.1)
  case $body in *"\"uid\":\"$uid_want\""*) ;; *) fail "signed call over HTTPS answered $body" ;; esac
  echo "signed call over HTTPS as api.ok.ru: $body"
  if curl -fsS -o /dev/null --resolve api.ok.ru:443:127.0.0.1 https://api.ok.ru/__okmock/health 2>/dev/null; then
    fail "a client without okmock's CA was accepted"
  fi

  # SIGTERM, as a container runtime stops it: a clean exit.
  kill -TERM "$pid"
  wait "$pid" || fail "okmock exited with $? after SIGTERM"
  trap - EXIT
  exit 0
fi

# ---- outside: build, inspect, then run the checks above -----------------
[ "$(id -u)" = 0 ] || fail "needs root (buildah's vfs store, chroot, a network namespace)"
for tool in buildah go curl md5sum unshare chroot; do
  command -v "$tool" >/dev/null || fail "$tool is missing (.ci/install-tools.sh installs it)"
done
[ -x /bin/busybox ] || fail "/bin/busybox is missing (Debian package busybox-static)"

work=$(mktemp -d /tmp/okmock-image.XXXXXX)
B=(buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs)
cleanup() {
  local rc=$?
  "${B[@]}" rm --all >/dev/null 2>&1 || true
  "${B[@]}" rmi --all --force >/dev/null 2>&1 || true
  rm -rf "$work"
  echo "== image-test: $([ $rc = 0 ] && echo passed || echo FAILED) in ${SECONDS}s"
  exit $rc
}
trap cleanup EXIT
# Cache mounts (RUN --mount=type=cache) go under TMPDIR: keep them in $work.
export TMPDIR=$work

step "stand-in for golang:1.26 from $(go env GOROOT) ($(go env GOVERSION))"
ctr=$("${B[@]}" from scratch)
root=$("${B[@]}" mount "$ctr")
mkdir -p "$root"/{bin,usr/local,etc/ssl/certs,root,go,gomodcache,tmp}
chmod 1777 "$root/tmp"
# The toolchain without its own test suite (not needed to build).
tar -C "$(go env GOROOT)" --exclude=./test -cf - . | (mkdir "$root/usr/local/go" && tar -C "$root/usr/local/go" -xf -)
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
# The official image's environment, plus an offline module cache.
"${B[@]}" config \
  --env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env GOPATH=/go --env GOTOOLCHAIN=local --env HOME=/root \
  --env GOMODCACHE=/gomodcache --env GOPROXY=off --env GOSUMDB=off \
  "$ctr"
"${B[@]}" commit --quiet "$ctr" docker.io/library/golang:1.26 >/dev/null
"${B[@]}" rm "$ctr" >/dev/null

# bud OPTIONS...: builds the Dockerfile offline, both images alike.
bud() {
  "${B[@]}" bud --isolation chroot --pull=never --network host --format docker \
    --volume "$(go env GOMODCACHE):/gomodcache:ro" \
    --build-arg VERSION="$(git describe --always --dirty 2>/dev/null || echo devel)" \
    "$@" .
}

# The build's `go mod download` reads only that cache: it must hold every
# module go.mod names, which a test run alone does not fetch (ginkgo's
# slim-sprig, say, when the image test runs by itself on a fresh machine).
step "go mod download (the module cache the build mounts)"
go mod download

step "buildah bud -t $IMAGE"
bud -t "$IMAGE"

step "inspect $IMAGE"
inspect() { "${B[@]}" inspect --type image --format "$1" "$IMAGE"; }
size=$("${B[@]}" images --format '{{.Size}}' "$IMAGE")
ctr=$("${B[@]}" from "$IMAGE")
root=$("${B[@]}" mount "$ctr")
bytes=$(du -sb "$root" | cut -f1)
echo "image size: $size ($bytes bytes unpacked)"
[ "$bytes" -lt "$MAX_BYTES" ] || fail "the image is $bytes bytes, over $MAX_BYTES"
[ "$(inspect '{{.Docker.Config.User}}')" = 65532:65532 ] || fail "USER is $(inspect '{{.Docker.Config.User}}')"
health=$(inspect '{{range .Docker.Config.Healthcheck.Test}}{{.}} {{end}}')
[ "$health" = "CMD /okmock healthcheck " ] || fail "HEALTHCHECK is [$health], want exec form /okmock healthcheck"
[ "$(inspect '{{.Docker.Config.Healthcheck.Interval}}')" = 10s ] || fail "HEALTHCHECK interval lost"
ports=$(inspect '{{range $p, $_ := .Docker.Config.ExposedPorts}}{{$p}} {{end}}')
[ "$ports" = "443/tcp 8080/tcp " ] || fail "EXPOSE gives [$ports]"
[ "$(inspect '{{range $v, $_ := .Docker.Config.Volumes}}{{$v}}{{end}}')" = /data ] || fail "VOLUME is not /data"
for label in title description source version; do
  [ -n "$(inspect "{{index .Docker.Config.Labels \"org.opencontainers.image.$label\"}}")" ] ||
    fail "label org.opencontainers.image.$label is missing"
done
[ "$(stat -c %u:%g "$root/data")" = 65532:65532 ] || fail "/data is owned by $(stat -c %u:%g "$root/data")"
[ "$(stat -c %u "$root/okmock")" = 0 ] || fail "/okmock is not owned by root"
[ ! -e "$root/bin/sh" ] || fail "the final image has a shell"
# The kit has its own image: the server neither holds nor links it.
[ ! -e "$root/okmock-conformance" ] || fail "the server's image holds the conformance kit"
! grep -q github.com/onsi/ginkgo "$root/okmock" || fail "/okmock links Ginkgo (the conformance kit)"

step "run the entrypoint as 65532 (chroot into the mounted image)"
inspect '{{range .Docker.Config.Env}}{{println .}}{{end}}' | sed '/^$/d' > "$work/env"
entry=$(inspect '{{range .Docker.Config.Entrypoint}}{{.}} {{end}}')
healthcmd=${health#CMD }
unshare --net -- bash "$0" --in-netns "$root" "$work" "$entry" "$healthcmd"

step "buildah bud --target conformance -t $KIT_IMAGE"
bud --target conformance -t "$KIT_IMAGE"

step "inspect $KIT_IMAGE, run its entrypoint --list as 65532"
kit_inspect() { "${B[@]}" inspect --type image --format "$1" "$KIT_IMAGE"; }
echo "image size: $("${B[@]}" images --format '{{.Size}}' "$KIT_IMAGE")"
[ "$(kit_inspect '{{.Docker.Config.User}}')" = 65532:65532 ] || fail "$KIT_IMAGE: USER is $(kit_inspect '{{.Docker.Config.User}}')"
kit_entry=$(kit_inspect '{{range .Docker.Config.Entrypoint}}{{.}} {{end}}')
[ "$kit_entry" = "/okmock-conformance " ] || fail "$KIT_IMAGE: ENTRYPOINT is [$kit_entry], want /okmock-conformance"
[ "$(kit_inspect '{{index .Docker.Config.Labels "org.opencontainers.image.title"}}')" = okmock-conformance ] ||
  fail "$KIT_IMAGE: label org.opencontainers.image.title is not okmock-conformance"
ctr=$("${B[@]}" from "$KIT_IMAGE")
root=$("${B[@]}" mount "$ctr")
[ ! -e "$root/bin/sh" ] && [ ! -e "$root/okmock" ] || fail "$KIT_IMAGE holds a shell or the server"
mapfile -t kit_env < <(kit_inspect '{{range .Docker.Config.Env}}{{println .}}{{end}}' | sed '/^$/d')
read -r -a kit_entry <<< "$kit_entry"
out=$(env -i "${kit_env[@]}" "$(command -v chroot)" --userspec=65532:65532 --groups=65532 "$root" "${kit_entry[@]}" --list) ||
  fail "$KIT_IMAGE --list failed: $out"
grep -q '^required/signature/server/ascii  *required ' <<< "$out" || fail "$KIT_IMAGE --list printed no spec catalogue: $out"
echo "$KIT_IMAGE --list: $(grep -c '^required/' <<< "$out") required specs of $(($(wc -l <<< "$out") - 1))"
