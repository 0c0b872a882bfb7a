# syntax=docker/dockerfile:1
#
# atscore container image: `docker build -t atscore:0.1.0 .` (docs/operations.md, "Deployment").
#
#   builder   rust:1-bookworm compiles the release binary from the locked dependency set.
#   runtime   debian:bookworm-slim + ca-certificates and the one binary; runs as uid 10001.
#
# The binary links only glibc/libgcc (SQLite is bundled, TLS is rustls), so the slim image is
# enough. There is no curl in it: the HEALTHCHECK is the binary's own `atscore healthcheck`,
# which asks GET /healthz on the configured BIND and exits 0 on a 2xx within 2 s.
# BIND=0.0.0.0 makes the server refuse to start without an API key: pass API_KEY (>= 16
# characters, e.g. from a Docker secret, see docker-compose.yml) or create keys in the database.

FROM rust:1-bookworm AS builder
WORKDIR /src
# The whole workspace: the server embeds crates/*/data, crates/server/{assets,migrations,templates}
# and deploy/slo/slos.yaml at compile time. .dockerignore keeps target/ and .git out.
COPY . .
# BuildKit cache mounts keep the registry and target/ between builds; the binary is copied
# out of the cache mount because the mount is not part of the layer.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release -p atscore --locked \
    && install -m 0755 target/release/atscore /usr/local/bin/atscore

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# A fixed, unprivileged uid/gid (10001) so volume ownership and Kubernetes' runAsUser agree.
RUN groupadd --system --gid 10001 atscore \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/atscore \
       --shell /usr/sbin/nologin atscore \
    && mkdir -p /var/lib/atscore \
    && chown 10001:10001 /var/lib/atscore
COPY --from=builder /usr/local/bin/atscore /usr/local/bin/atscore

ENV BIND=0.0.0.0:8080 \
    DATABASE_URL=sqlite:///var/lib/atscore/atscore.db \
    LOG_FORMAT=json
WORKDIR /var/lib/atscore
# The SQLite file (and its -wal/-shm) live here; a named volume inherits the 10001 ownership.
VOLUME ["/var/lib/atscore"]
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD ["atscore", "healthcheck"]
# SIGTERM starts the graceful drain: /readyz turns 503 at once, in-flight requests get
# SHUTDOWN_TIMEOUT (20 s) — give `docker stop -t` / stop_grace_period a little more than that.
STOPSIGNAL SIGTERM
ENTRYPOINT ["atscore"]
CMD ["serve"]
