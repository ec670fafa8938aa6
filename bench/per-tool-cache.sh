#!/usr/bin/env bash
# Per-tool cache and parallel scheduler, measured as ratios within one run (issue 11):
#   1. one-tool edit (stress) rebuild / cold build           goal <= 1/8
#   2. cold build with the scheduler / cold with --jobs 1    goal <= 0.65
#   3. warm all-hit Tools / the physical floor of a restore  goal <= 2x
#      (floor: sha256sum of both arch archives + tar -xzf of both)
# Usage: bench/per-tool-cache.sh [runs]   (from a clone; works in a scratch clone under the temp dir)
set -euo pipefail
runs=${1:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
cd "$work/clone"

now() { date +%s%N; }
# Wall seconds of one command, its output kept in $work/last.log.
timed() { local start; start=$(now); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; echo "scale=3; ($(now) - $start) / 1000000000" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

tools() { ./build.sh Tools --executor local "$@"; }

# Both cold runs download their sources into their own empty store, so each pays the same download.
echo "compiling the build project (not timed)"
./build.sh --help >/dev/null


cold_parallel=$(timed tools --tools-cache-dir "$work/parallel")
echo "cold, default --jobs ($(nproc) CPUs): ${cold_parallel}s"
cold_serial=$(timed tools --tools-cache-dir "$work/serial" --jobs 1)
echo "cold, --jobs 1: ${cold_serial}s"

echo "# bench edit" >>tools/stress/build.sh
edit=$(timed tools --tools-cache-dir "$work/parallel")
grep -E '\] .* building' "$work/last.log" | sed 's/^/  /'
echo "one-tool edit (stress): ${edit}s"

warm=$(for _ in $(seq "$runs"); do timed tools --tools-cache-dir "$work/parallel"; done | median)
grep -q 'Tools .*Skipped' "$work/last.log" || { echo "the warm run was not an all-hit run"; cat "$work/last.log"; exit 1; }
archives=()
for arch in x86_64 aarch64; do
  key=$(grep -oE "$arch: hit [0-9a-f]{12}" "$work/last.log" | head -1 | awk '{ print $3 }')
  archives+=("$(ls "$work/parallel/$arch/$key"*.tgz)")
done
floor=$(for _ in $(seq "$runs"); do
  timed sh -c "sha256sum ${archives[*]} >/dev/null && rm -rf '$work/x' && mkdir -p '$work/x/a' '$work/x/b' && tar -xzf ${archives[0]} -C '$work/x/a' && tar -xzf ${archives[1]} -C '$work/x/b'"
done | median)
echo "warm all-hit Tools, median of $runs: ${warm}s; restore floor (sha256sum + tar -xzf of both archives), median of $runs: ${floor}s"

ratio() { echo "scale=3; $1 / $2" | bc; }
echo
echo "one-tool edit / cold:        $(ratio "$edit" "$cold_parallel")   (goal <= 0.125)"
echo "cold parallel / --jobs 1:    $(ratio "$cold_parallel" "$cold_serial")   (goal <= 0.65)"
echo "warm all-hit / restore floor: $(ratio "$warm" "$floor")x  (goal <= 2x)"
