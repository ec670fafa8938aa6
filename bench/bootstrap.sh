#!/usr/bin/env bash
# The warm bootstrap, measured as a ratio within one run (issue 21):
#   warm `./build.sh --help` / an empty .NET console app's `dotnet app.dll`   goal <= 2
# Usage: bench/bootstrap.sh [runs] [baseline revision]
# Works in scratch clones under the temp dir: one of HEAD and, given a baseline revision, one of that revision. The
# runs are paired (the app, then each clone in turn, once per round), so load on a shared machine hits all alike.
set -euo pipefail
runs=${1:-15}
baseline=${2:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$repo" "$work/head"
names=(head)
if [[ -n "$baseline" ]]; then
  git clone -q "$repo" "$work/baseline"
  git -C "$work/baseline" checkout -q "$baseline"
  names+=(baseline)
fi

echo "compiling the empty app and the build projects (not timed)"
dotnet new console -o "$work/app" >/dev/null
dotnet build "$work/app" -c Release -o "$work/app/out" --nologo -v q >/dev/null
app="$work/app/out/app.dll"
# The first run compiles; the second, well past the racy-timestamp second of the fresh files, records their status.
for name in "${names[@]}"; do
  "$work/$name/build.sh" --help >/dev/null
  "$work/$name/build.sh" --help >/dev/null
done

# shellcheck source=timing.sh
source "$(dirname "$0")/timing.sh"

for _ in $(seq "$runs"); do
  timed dotnet "$app" >>"$work/app.ms"
  for name in "${names[@]}"; do
    timed "$work/$name/build.sh" --help >>"$work/$name.ms"
  done
done

app_median=$(median <"$work/app.ms")
echo "empty app (dotnet app.dll), median of $runs: ${app_median} ms"
for name in "${names[@]}"; do
  median=$(median <"$work/$name.ms")
  revision=$(git -C "$work/$name" rev-parse --short HEAD)
  echo "./build.sh --help, $name ($revision), median of $runs: ${median} ms, $(echo "$median $app_median" | awk '{ printf "%.2f", $1 / $2 }')x the empty app   (goal <= 2)"
done
