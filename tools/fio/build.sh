#!/usr/bin/env bash
# fio's configure is hand-written (not autoconf): the cross compiler is chosen with --cc and the target
# architecture is detected from the compiler, so no --host is needed.
set -euo pipefail
LDFLAGS="-L$KILN_PREFIX/lib" ./configure --cc="$CC" --extra-cflags="$CFLAGS -I$KILN_PREFIX/include" $KILN_CONFIGURE_FLAGS
grep -q '^CONFIG_LIBAIO=y' config-host.mak || { echo "fio: libaio was not detected, see configure output above" >&2; exit 1; }
make -j"$JOBS" fio
install -D -m 0755 fio "$KILN_OUT/fio"
