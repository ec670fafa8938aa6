#!/usr/bin/env bash
# Runs the build. The build project is compiled only when a content stamp of its inputs changed; otherwise the
# built dll starts directly (MSBuild costs over a second per call, a built .NET dll starts in tens of milliseconds).
# A warm run hashes nothing: the inputs' status (size, mtime, inode) recorded beside the stamp stands for their digest
# until it changes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export KILN_ROOT_DIRECTORY="$root"
temp="$root/.nuke/temp"
bin="$temp/build"
stamp="$temp/build.stamp"

record="$temp/build.inputs"

# Path, size, mtime to the nanosecond and inode of every build input, one per line, sorted as the digest hashes them.
# Paths are relative: a copy of the repository elsewhere compares its own status against the same names.
inputs_status() {
  (
    cd "$root"
    find build src/Kiln.Targets src/Kiln global.json Directory.Build.props Directory.Packages.props \
      \( -name bin -o -name obj \) -prune -o -type f -printf '%p\t%s\t%T@\t%i\n' | LC_ALL=C sort
  )
}

inputs_digest() {
  cut -f1 <<<"$1" | (cd "$root" && xargs -d '\n' sha256sum) | sha256sum | cut -d' ' -f1
}

# The file fingerprints' racy-timestamp rule (src/Kiln/Fingerprints/StatCache.cs): a file whose mtime is not older
# than a second before its status was read may be rewritten in the same timestamp tick without its status changing,
# so a record naming it would hide that edit.
any_racy() {
  local started_ns=$1 mtime fraction
  while IFS=$'\t' read -r _ _ mtime _; do
    fraction=${mtime#*.}
    (( ${mtime%.*} * 1000000000 + 10#${fraction:0:9} >= started_ns - 1000000000 )) && return 0
  done <<<"$2"
  return 1
}

require_sdk() {
  local wanted
  wanted=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$root/global.json" | head -n 1)
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "build.sh: the .NET SDK is not installed: 'dotnet' is not on PATH. global.json asks for SDK $wanted or a later feature band of it." >&2
    exit 1
  fi
  if ! (cd "$root" && dotnet --version >/dev/null 2>&1); then
    echo "build.sh: no installed .NET SDK satisfies global.json (SDK $wanted, rollForward latestFeature). Installed:" >&2
    dotnet --list-sdks >&2 || true
    exit 1
  fi
}

# Taken before the status is read (bash's own clock, no process), so every later edit has an mtime at or after it.
started_ns=$(( ${EPOCHREALTIME//[!0-9]/} * 1000 ))
status=$(inputs_status)
digest=
if [[ -f "$record" ]]; then
  IFS= read -r -d '' recorded <"$record" || true
  if [[ "${recorded#*$'\n'}" == "$status"$'\n' ]]; then
    digest=${recorded%%$'\n'*}
  fi
fi
if [[ -z "$digest" ]]; then
  mkdir -p "$temp"
  rm -f "$record"
  digest=$(inputs_digest "$status")
  if ! any_racy "$started_ns" "$status"; then
    # A file of its own per process: two builds starting together must not interleave their writes.
    printf '%s\n%s\n' "$digest" "$status" >"$record.$$.tmp"
    mv "$record.$$.tmp" "$record"
  fi
fi
if [[ ! -f "$bin/_build.dll" || "$(cat "$stamp" 2>/dev/null)" != "$digest" ]]; then
  require_sdk
  # Remove the stamp first: a failed or interrupted build must never leave one that claims success.
  rm -f "$stamp"
  echo "build.sh: compiling the build project" >&2
  # ReadyToRun code starts without JIT; the package source has the x64 runtime pack it needs, not the arm64 one.
  compile=(build build/_build.csproj)
  [[ "$(uname -m)" == x86_64 ]] && compile=(publish build/_build.csproj -r linux-x64 --self-contained false -p:PublishReadyToRun=true)
  if ! (cd "$root" && dotnet "${compile[@]}" --nologo -v q -clp:NoSummary -o "$bin" >"$temp/build-compile.log" 2>&1); then
    grep -E 'error|Error' "$temp/build-compile.log" >&2 || cat "$temp/build-compile.log" >&2
    echo "build.sh: the build project does not compile (full log: $temp/build-compile.log)" >&2
    exit 1
  fi
  printf '%s\n' "$digest" >"$stamp.tmp"
  mv "$stamp.tmp" "$stamp"
fi

exec dotnet "$bin/_build.dll" "$@"
