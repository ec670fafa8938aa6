#!/usr/bin/env bash
set -euo pipefail
./configure --host="$KILN_HOST" LDFLAGS="-static" $KILN_CONFIGURE_FLAGS
make -j"$JOBS" ethtool
install -D -m 0755 ethtool "$KILN_OUT/ethtool"
