# okmock's container image: one static binary on an empty base, run as a
# non-root user. Build:  docker build -t okmock .
# Run:                   docker run --rm -p 8080:8080 okmock
# The conformance kit's image (its own binary, so the server stays small):
#   docker build --target conformance -t okmock-conformance .
# CI builds and runs this very file with buildah (.ci/image-test.sh).

# ---- build stage ----------------------------------------------------------
# The official Go image of the toolchain go.mod names; CI stands it in with a
# local image made from the machine's own toolchain (no registry there).
FROM golang:1.26 AS build
# Stamped into the image's OCI labels; CI passes the git description.
ARG VERSION=devel
# The source tree is built from here.
WORKDIR /src
# Module files alone first: the download below is redone only when they change.
COPY go.mod go.sum ./
# Fetch the modules into a cache kept between builds.
RUN --mount=type=cache,target=/go/pkg/mod go mod download
# Then the sources (.dockerignore keeps history, CI files and binaries out).
COPY . .
# Static binaries (no C library to need in an empty image), without local
# paths or debug tables: the server into /rootfs, the conformance kit into a
# tree of its own (/kitfs); the Go build cache is kept between builds too.
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /rootfs/okmock ./cmd/okmock \
    && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /kitfs/okmock-conformance ./cmd/okmock-conformance
# The rest of the final file trees: the CA bundle (for okmock's own outgoing
# HTTPS, such as payment callbacks, and the kit's --target URLs), a /tmp
# (the kit writes reports there in CI), and the server's data folder.
RUN mkdir -p /rootfs/etc/ssl/certs /rootfs/tmp /kitfs/etc/ssl/certs /kitfs/tmp /data \
    && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ \
    && cp /etc/ssl/certs/ca-certificates.crt /kitfs/etc/ssl/certs/ \
    && chmod 1777 /rootfs/tmp /kitfs/tmp
# Smoke run: the server prints its version, starts (HTTP, and HTTPS with a
# freshly made CA), answers the health check HEALTHCHECK runs, and stops;
# the kit prints its spec catalogue.
RUN set -e; /rootfs/okmock version; /kitfs/okmock-conformance --list >/dev/null; \
    /rootfs/okmock --addr 127.0.0.1:0 --tls --tls-addr 127.0.0.1:0 --data-dir /tmp/smoke >/tmp/smoke.log 2>&1 & pid=$!; \
    for i in $(seq 100); do grep -q 'serving HTTPS' /tmp/smoke.log && break; sleep 0.1; done; \
    cat /tmp/smoke.log; \
    addr=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' /tmp/smoke.log); \
    /rootfs/okmock healthcheck --addr "$addr"; \
    grep -q 'BEGIN CERTIFICATE' /tmp/smoke/ca.pem; \
    kill "$pid"; wait "$pid" || true

# ---- conformance kit stage ------------------------------------------------
# Built only when asked for (docker build --target conformance): a plain
# build makes the server's image, the last stage below. The kit's binary
# alone, with the CA bundle and a /tmp: no shell, no package manager.
FROM scratch AS conformance
# Redeclared: a build argument does not cross stages.
ARG VERSION=devel
# Open Container Initiative labels: what this image is and where it comes from.
LABEL org.opencontainers.image.title="okmock-conformance" \
      org.opencontainers.image.description="okmock's conformance kit: checks an OK.ru API client library through its driver, against an embedded okmock" \
      org.opencontainers.image.source="https://github.com/okmock/okmock" \
      org.opencontainers.image.url="https://github.com/okmock/okmock/blob/main/conformance/README.md" \
      org.opencontainers.image.version="${VERSION}"
# The binary, the CA bundle and /tmp, owned by root: the runtime user cannot
# change them (but may write in /tmp).
COPY --from=build /kitfs/ /
# The same fixed non-root user as the server's image, numeric (no /etc/passwd).
USER 65532:65532
# Exec form: arguments given to `docker run` are the kit's flags.
ENTRYPOINT ["/okmock-conformance"]

# ---- final stage ----------------------------------------------------------
# The server's image, the default target. Nothing but what the binary needs:
# no shell, no package manager.
FROM scratch
# Redeclared: a build argument does not cross stages.
ARG VERSION=devel
# Open Container Initiative labels: what this image is and where it comes from.
LABEL org.opencontainers.image.title="okmock" \
      org.opencontainers.image.description="A mock of the OK.ru (Odnoklassniki) API: api.ok.ru and connect.ok.ru, for tests" \
      org.opencontainers.image.source="https://github.com/okmock/okmock" \
      org.opencontainers.image.url="https://github.com/okmock/okmock#docker" \
      org.opencontainers.image.version="${VERSION}"
# The binary, the CA bundle and /tmp, owned by root: the runtime user cannot
# change them.
COPY --from=build /rootfs/ /
# The data folder, owned by the runtime user: okmock writes its CA there.
COPY --from=build --chown=65532:65532 /data /data
# Plain HTTP on 8080. HTTPS (with OKMOCK_TLS=1) on 443, the port clients of
# api.ok.ru dial: Docker and Podman let a non-root user bind it (they set
# net.ipv4.ip_unprivileged_port_start=0 in the container); elsewhere (e.g.
# Kubernetes without that sysctl) set OKMOCK_TLS_ADDR=:8443. The CA and
# certificate live in /data.
ENV OKMOCK_ADDR=:8080 \
    OKMOCK_TLS_ADDR=:443 \
    OKMOCK_DATA_DIR=/data
# A volume, so the CA survives a new container and other containers can read
# ca.pem to trust it.
VOLUME ["/data"]
# The ports above (documentation for `docker run -P` and compose).
EXPOSE 8080 443
# A fixed non-root user (the "nonroot" id of distroless images); numeric,
# because scratch has no /etc/passwd to look a name up in.
USER 65532:65532
# Exec form: the image has no shell. okmock healthcheck asks
# OKMOCK_ADDR's /__okmock/health and exits non-zero unless it answers ok.
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["/okmock", "healthcheck"]
# okmock with no arguments serves; arguments given to `docker run` are flags.
ENTRYPOINT ["/okmock"]
