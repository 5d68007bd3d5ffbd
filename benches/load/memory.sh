#!/usr/bin/env bash
# Peak memory (VmHWM) of one `teamshot serve` while 4 members upload a 24 MP
# photo at the same moment: once with JPEGs, once with HEICs (each in a fresh
# process, SQLite and a local folder).
#
#   apt-get install libvips-tools && cargo build --release && benches/load/memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${TEAMSHOT_BIN:-${CARGO_TARGET_DIR:-target}/release/teamshot}
[ -x "$bin" ] || { echo "build first: cargo build --release (or set TEAMSHOT_BIN)"; exit 1; }
command -v vips >/dev/null || { echo "install libvips-tools (to make the test photos)"; exit 1; }
work=$(mktemp -d /tmp/teamshot-mem.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
. benches/load/common.sh

make_photo
vips heifsave "$work/photo.jpg" "$work/photo.heic" --compression hevc --Q 90
ls -l "$work/photo.jpg" "$work/photo.heic" | awk '{print $5, $9}'

measure() {
  local file=$1
  start_server "$work/data-$(basename "$1")" 4
  local idle; idle=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  local start; start=$(date +%s.%N)
  local i=0
  for m in "${members[@]}"; do
    i=$((i + 1))
    curl -s -o "$work/answer$i" -w "%{http_code} " -H "Authorization: Bearer $m" -F "photo=@$file" "$api/me/photo" &
  done
  wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
  local end; end=$(date +%s.%N)
  local peak; peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
  echo
  head -c 400 "$work/answer1"; echo
  echo "$(basename "$file"): idle peak $((idle / 1024)) MB, after 4 concurrent uploads $((peak / 1024)) MB, wall $(python3 -c "print(round($end-$start,2))") s"
  kill $pid; wait $pid 2>/dev/null || true; pid=""
}
measure "$work/photo.jpg"
measure "$work/photo.heic"
