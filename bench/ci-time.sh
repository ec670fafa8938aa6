#!/usr/bin/env bash
# What CI costs, as issue 19 measures it: `CI=true .ci/run` in a fresh clone of REF (default HEAD), its wall time and the
# machine's busy and idle CPU seconds over the run (from /proc/stat, so Docker containers count too). Run it on an idle
# machine: the busy seconds are everything the machine did.
# Usage: bench/ci-time.sh [ref]   (the clone and its log stay in a temp dir, printed at the end)
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-HEAD}
work=$(mktemp -d)
git clone -q "$repo" "$work/clone" && git -C "$work/clone" checkout -q "$(git -C "$repo" rev-parse "$ref")"

cpu() { read -r _ user nice system idle iowait irq softirq steal _ </proc/stat; echo "$(( user + nice + system + irq + softirq + steal )) $(( idle + iowait ))"; }
read -r busy0 idle0 <<<"$(cpu)"
start=$(date +%s)
(cd "$work/clone" && CI=true bash .ci/run >"$work/ci.log" 2>&1)
rc=$?
end=$(date +%s)
read -r busy1 idle1 <<<"$(cpu)"
hz=$(getconf CLK_TCK)
echo "exit $rc, wall $(( end - start )) s, busy CPU $(( (busy1 - busy0) / hz )) s, idle CPU $(( (idle1 - idle0) / hz )) s; log: $work/ci.log"
