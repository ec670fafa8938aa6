#!/usr/bin/env bash
# The orig tarball of stress ships no configure script.
set -euo pipefail
autoreconf -i
./configure --host="$KILN_HOST" LDFLAGS="-static" $KILN_CONFIGURE_FLAGS
make -j"$JOBS"
install -D -m 0755 src/stress "$KILN_OUT/stress"
