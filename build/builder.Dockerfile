# The hermetic toolchain in which Kiln compiles the native tools for x86_64 and, cross, for aarch64.
# Its image tag is a fingerprint of this file and of BASE_IMAGE: edit either and the image is rebuilt.
ARG BASE_IMAGE=debian:bookworm
FROM ${BASE_IMAGE}

# Source packages come from the same repositories the image was bootstrapped or published with, so deb-src
# entries are derived from the image's own apt sources (one-line and deb822 formats) rather than named here.
# The package lists stay in the image so that `apt-get source` works without a network refresh.
RUN set -eux; \
    if [ -f /etc/apt/sources.list ]; then \
        sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list > /etc/apt/sources.list.d/kiln-deb-src.list; \
    fi; \
    for sources in /etc/apt/sources.list.d/*.sources; do \
        if [ -f "$sources" ]; then sed -i 's/^Types: deb$/Types: deb deb-src/' "$sources"; fi; \
    done; \
    export DEBIAN_FRONTEND=noninteractive; \
    apt-get update; \
    apt-get install -y --no-install-recommends \
        build-essential gcc make \
        gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
        autoconf automake libtool pkg-config \
        dpkg-dev file xz-utils; \
    apt-get clean
