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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

# A 6000×4000 camera-like photo: grain, and the real portrait 4000 px tall.
vips resize tests/photos/astronaut.png "$work/face.v" 7.8125
vips gaussnoise "$work/n.v" 6000 4000 --mean 128 --sigma 25
vips bandjoin "$work/n.v $work/n.v $work/n.v" "$work/n3.v"
vips cast "$work/n3.v" "$work/n3u.v" uchar
vips insert "$work/n3u.v" "$work/face.v" "$work/photo.jpg[Q=92]" 1000 0
vips heifsave "$work/photo.jpg" "$work/photo.heic" --compression hevc --Q 90
ls -l "$work/photo.jpg" "$work/photo.heic" | awk '{print $5, $9}'

measure() {
  local file=$1 data="$work/data-$(basename "$1")"
  local port; port=$(free_port)
  local ts=("$bin" --data-dir "$data")
  export RUST_LOG=warn
  "${ts[@]}" migrate >/dev/null
  local admin team team_id token
  admin=$("${ts[@]}" staff add --email ada@studio.test --name Ada --role admin | field api_token)
  team=$("${ts[@]}" team add --name Mem --leader-email lee@mem.test --leader-name Lee)
  team_id=$(echo "$team" | field team_id); token=$(echo "$team" | field api_token)
  TEAMSHOT_WORKERS=0 "${ts[@]}" --listen "127.0.0.1:$port" serve & pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local api="http://127.0.0.1:$port/api/v1"
  curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"quantity":4}' "$api/studio/teams/$team_id/credits" >/dev/null
  # The enlarged portrait is soft: the sharpness check is turned off (as in
  # benches/upload.rs) so every upload goes the whole way and is stored.
  curl -sf -H "Authorization: Bearer $admin" "$api/studio/settings" \
    | python3 -c 'import json,sys; s=json.load(sys.stdin); s["checks"]["min_sharpness"]=0; print(json.dumps(s))' \
    | curl -sf -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d @- \
      "$api/studio/settings" >/dev/null
  local due; due=$(date -d '+20 days' +%F)
  local members=()
  for i in 1 2 3 4; do
    members+=("$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"first_name\":\"M\",\"last_name\":\"M\",\"email\":\"m$i@mem.test\",\"due_date\":\"$due\"}" \
      "$api/headshots" | field member_url | sed 's#.*/##')")
  done
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
