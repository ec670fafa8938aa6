#!/usr/bin/env bash
# A warm release, measured as a ratio within one run (issue 21):
#   warm `./build.sh Dist` / warm `./build.sh --help`   goal <= 1.5
# Usage: bench/warm-dist.sh CHECKOUT [runs] [build.sh options...]
# CHECKOUT must already have built its release (a `./build.sh Dist` with the same options); nothing is compiled here.
# The runs are paired (Dist, then --help, once per round), so load on a shared machine hits both alike.
set -euo pipefail
checkout=$(cd "$1" && pwd)
runs=${2:-9}
shift $(( $# >= 2 ? 2 : 1 ))

# shellcheck source=timing.sh
source "$(dirname "$0")/timing.sh"

"$checkout/build.sh" Dist "$@" >/dev/null
dist=() help=()
for (( i = 0; i < runs; i++ )); do
  dist+=("$(timed "$checkout/build.sh" Dist "$@")")
  help+=("$(timed "$checkout/build.sh" --help)")
done
dist_median=$(printf '%s\n' "${dist[@]}" | median)
help_median=$(printf '%s\n' "${help[@]}" | median)
echo "warm ./build.sh Dist $*: median of $runs: $dist_median ms"
echo "warm ./build.sh --help:  median of $runs: $help_median ms"
awk -v d="$dist_median" -v h="$help_median" 'BEGIN { printf "ratio: %.2f (goal <= 1.5)\n", d / h }'
