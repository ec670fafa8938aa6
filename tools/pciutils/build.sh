#!/usr/bin/env bash
# pciutils has no configure script: its Makefile takes the target as HOST=<cpu>-<os> and the tools as variables.
set -euo pipefail
make -j"$JOBS" lspci HOST="${KILN_ARCH}-linux" CC="$CC" AR="$AR" RANLIB="$RANLIB" \
  OPT="$CFLAGS" LDFLAGS="-static" $KILN_CONFIGURE_FLAGS
install -D -m 0755 lspci "$KILN_OUT/lspci"
