# syntax=docker/dockerfile:1
# The iWmo engine as a container: `iwmo run` on RabbitMQ (see docker-compose.yml).
# Untested on the machine it was written on (no Docker engine there): see README, "Docker".

# --- build -------------------------------------------------------------------------------
FROM rust:1.95-slim-bookworm AS build
# lapin's TLS (rustls) builds aws-lc-sys and ring from C: a C compiler (in the image),
# cmake and make for aws-lc. (Debian's versions are not pinned: bookworm's security updates
# are wanted.)
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The registry and target folders are build caches, not layers; the binary is copied out.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build -p iwmo --release --locked \
 && cp target/release/iwmo /usr/local/bin/iwmo

# --- run ---------------------------------------------------------------------------------
FROM debian:bookworm-slim
# CA certificates for amqps:// brokers.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 iwmo \
 && useradd --system --uid 10001 --gid iwmo --home-dir /data --no-create-home \
            --shell /usr/sbin/nologin iwmo \
 && mkdir -p /data \
 && chown iwmo:iwmo /data
COPY --from=build /usr/local/bin/iwmo /usr/local/bin/iwmo
COPY schemas /opt/iwmo/schemas
WORKDIR /opt/iwmo
# The schemas of the image; the admin endpoint (/healthz, /metrics) on every interface of
# the container, so that a published port reaches it (publish it to localhost only).
ENV IWMO_SCHEMAS=/opt/iwmo/schemas \
    IWMO_ADMIN_LISTEN=0.0.0.0:9464
# The iwmo user, by number (a name may not resolve on the host, e.g. for a bind mount).
USER 10001:10001
VOLUME ["/data"]
EXPOSE 9464
# iwmo stops on SIGTERM: it finishes the batch in hand and publishes the outbox.
STOPSIGNAL SIGTERM
CMD ["iwmo", "run", "--data", "/data"]
