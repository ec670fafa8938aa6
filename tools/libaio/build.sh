#!/usr/bin/env bash
# Static libaio so that fio's libaio ioengine is compiled in; installed into the shared prefix, not shipped.
set -euo pipefail
make -j"$JOBS" -C src ENABLE_SHARED=0 $KILN_CONFIGURE_FLAGS libaio.a
install -D -m 0644 src/libaio.a "$KILN_PREFIX/lib/libaio.a"
install -D -m 0644 src/libaio.h "$KILN_PREFIX/include/libaio.h"
