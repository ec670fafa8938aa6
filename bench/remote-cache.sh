#!/usr/bin/env bash
# Remote tools cache over HTTP (issue 12), measured as ratios within one run against nginx on loopback:
#   1. restore of both arches from the remote (empty local cache) / restore from the local store   goal <= 1.5
#      (in-process restore time, the "restored in N s" of each arch, summed; whole-command times shown too)
#   2. upload cost: cold Tools with --remote-cache read-write / cold Tools without, minus one   (a fraction)
#   3. PushToolsCache of a full local store to an empty server, and again when the server has it all (seconds)
# Usage: bench/remote-cache.sh [runs]   (from a clone; works in a scratch clone under the temp dir; needs nginx)
set -euo pipefail
runs=${1:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
git clone -q "$repo" "$work/clone"

# nginx running the repository's own server configuration (server/nginx-remote-cache.conf, the file the tests run) in
# the main config Debian's nginx.conf gives it, every path under $work/<name>; one foreground process per server.
nginx=$(PATH="$PATH:/usr/sbin:/sbin" command -v nginx) || { echo "nginx is not installed (apt-get install nginx)"; exit 1; }
trap 'for p in "$work"/*/nginx.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; rm -rf "$work"' EXIT
start_server() { # name -> prints the cache URL (called in $(...): nginx must not hold its stdout)
  local dir=$work/$1 port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$dir/store" "$dir/tmp"
  sed -e "s|@LISTEN@|127.0.0.1:$port|; s|@CACHE_DIR@|$dir|g; s|@TOKEN@||; s|@READ_TOKEN@||" "$work/clone/server/nginx-remote-cache.conf" >"$dir/site.conf"
  cat >"$dir/nginx.conf" <<CONF
daemon off; master_process off; pid $dir/nginx.pid; error_log $dir/error.log;
events { worker_connections 64; }
http {
  access_log off; client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  include $dir/site.conf;
}
CONF
  "$nginx" -c "$dir/nginx.conf" -e "$dir/error.log" >/dev/null 2>&1 &
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  echo "http://127.0.0.1:$port/kiln"
}
server=$(start_server filled-server)
export KILN_REMOTE_CACHE=$server
cd "$work/clone"

now() { date +%s%N; }
# Wall seconds of one command, its output kept in $work/last.log.
timed() { local start; start=$(now); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; echo "scale=3; ($(now) - $start) / 1000000000" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { echo "scale=3; $1 / $2" | bc; }
# The in-process restore time of both arches in the last run.
restored() { grep -oE 'restored in [0-9.]+ s' "$work/last.log" | awk '{ s += $3 } END { printf "%.3f\n", s }'; }
expect() { grep -qE "$1" "$work/last.log" || { echo "expected '$1' in:"; cat "$work/last.log"; exit 1; }; }

echo "compiling the build project (not timed)"
./build.sh --help >/dev/null

# Both cold runs download their sources into their own empty store, so each pays the same download.
cold_plain=$(KILN_REMOTE_CACHE= timed ./build.sh Tools --executor local --tools-cache-dir "$work/plain")
echo "cold Tools without a remote cache: ${cold_plain}s"
cold_remote=$(KILN_REMOTE_CACHE_MODE=read-write timed ./build.sh Tools --executor local --tools-cache-dir "$work/filled")
grep -E 'remote cache: uploaded' "$work/last.log" | sed 's/^/  /'
echo "cold Tools with --remote-cache read-write (uploads included): ${cold_remote}s"

# Seeding a new, empty server from the full local store the first cold build left, then pushing again to a full one.
empty=$(start_server seeded-server)
push=$(KILN_REMOTE_CACHE=$empty KILN_REMOTE_CACHE_MODE=read-write timed ./build.sh PushToolsCache --executor local --tools-cache-dir "$work/plain")
grep -E 'local cache:|remote cache:' "$work/last.log" | sed 's/^/  /'
again=$(KILN_REMOTE_CACHE=$empty KILN_REMOTE_CACHE_MODE=read-write timed ./build.sh PushToolsCache --executor local --tools-cache-dir "$work/plain")
grep -E 'remote cache:' "$work/last.log" | sed 's/^/  /'

: >"$work/remote.times"; : >"$work/local.times"; : >"$work/remote.walls"; : >"$work/local.walls"
for run in $(seq "$runs"); do
  rm -rf .build/tools
  KILN_REMOTE_CACHE_MODE=read timed ./build.sh ToolsCache --executor local --tools-cache-dir "$work/empty-$run" >>"$work/remote.walls"
  expect 'x86_64: hit \(remote\)'; expect 'aarch64: hit \(remote\)'
  restored >>"$work/remote.times"
  rm -rf .build/tools
  KILN_REMOTE_CACHE_MODE=read timed ./build.sh ToolsCache --executor local --tools-cache-dir "$work/empty-$run" >>"$work/local.walls"
  expect 'x86_64: hit [0-9a-f]{12}'; expect 'aarch64: hit [0-9a-f]{12}'
  restored >>"$work/local.times"
done
remote=$(median <"$work/remote.times"); local_=$(median <"$work/local.times")
remote_wall=$(median <"$work/remote.walls"); local_wall=$(median <"$work/local.walls")
size=$(du -sb "$work/filled-server/store/cas" | awk '{ printf "%.1f MB", $1 / 1048576 }')

echo
echo "restore of both arches, median of $runs: remote ${remote}s, local ${local_}s (whole command: ${remote_wall}s / ${local_wall}s)"
echo "1. remote restore / local restore:    $(ratio "$remote" "$local_")   (goal <= 1.5; whole command $(ratio "$remote_wall" "$local_wall"))"
echo "2. upload cost added to a cold build: $(echo "scale=3; $cold_remote / $cold_plain - 1" | bc)   ($size of blobs on the server)"
echo "3. PushToolsCache of a full local store to an empty server: ${push}s; again, with everything there: ${again}s"
