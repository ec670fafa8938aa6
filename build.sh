#!/usr/bin/env bash
# Runs the build. The build project is compiled only when a content stamp of its inputs changed; otherwise the
# built dll starts directly (MSBuild costs over a second per call, a built .NET dll starts in tens of milliseconds).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export KILN_ROOT_DIRECTORY="$root"
temp="$root/.nuke/temp"
bin="$temp/build"
stamp="$temp/build.stamp"

inputs_digest() {
  (
    cd "$root"
    {
      find build src/Kiln.Targets src/Kiln \( -name bin -o -name obj \) -prune -o -type f -print
      printf '%s\n' global.json Directory.Build.props Directory.Packages.props
    } | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -d' ' -f1
  )
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

digest=$(inputs_digest)
if [[ ! -f "$bin/_build.dll" || "$(cat "$stamp" 2>/dev/null)" != "$digest" ]]; then
  require_sdk
  mkdir -p "$temp"
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
