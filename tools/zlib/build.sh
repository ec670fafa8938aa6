#!/usr/bin/env bash
# Static zlib for fio's compressed logs; installed into the shared prefix, not shipped.
set -euo pipefail
CHOST="$KILN_HOST" CFLAGS="$CFLAGS -fPIC" ./configure --static --prefix="$KILN_PREFIX" $KILN_CONFIGURE_FLAGS
make -j"$JOBS" libz.a
make install
