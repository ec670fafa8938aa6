#!/usr/bin/env bash
# The orig tarball of numactl ships no configure script. numactl links through libtool, which reads a plain
# -static as "no uninstalled shared libraries" only: -all-static is what makes the binary fully static.
set -euo pipefail
autoreconf -i
./configure --host="$KILN_HOST" $KILN_CONFIGURE_FLAGS
make -j"$JOBS" numactl LDFLAGS="-all-static"
install -D -m 0755 numactl "$KILN_OUT/numactl"
