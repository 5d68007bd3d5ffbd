#!/usr/bin/env bash
# Load figures for docs/BENCHMARKS.md: two `teamshot serve` processes and one
# `teamshot worker` on a throwaway PostgreSQL, then wrk with 100 connections
# (50 per server) for 60 s on a read endpoint and on invites.
#
#   apt-get install wrk postgresql && cargo build --release && benches/load/run.sh
#
# DURATION (default 60s) and TEAMSHOT_BIN (default target/release/teamshot)
# can be set. Everything runs on this one machine, wrk included.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${DURATION:-60s}
bin=${TEAMSHOT_BIN:-${CARGO_TARGET_DIR:-target}/release/teamshot}
[ -x "$bin" ] || { echo "build first: cargo build --release (or set TEAMSHOT_BIN)"; exit 1; }
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk"; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

work=$(mktemp -d /tmp/teamshot-load.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$work/pg" 2>/dev/null || true; runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/pg"
pgport=$(free_port)
as_pg "$pgbin/initdb" -A trust -U postgres -D "$work/pg/data" >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" \
  -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200" -w start >/dev/null

export TEAMSHOT_DATABASE_URL="postgres://postgres@127.0.0.1:$pgport/postgres"
export TEAMSHOT_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export TEAMSHOT_STORAGE_URL="file://$work/objects"
export RUST_LOG=warn
ts() { "$bin" --data-dir "$work/cli" "$@"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

ts migrate >/dev/null
admin=$(ts staff add --email ada@studio.test --name Ada --role admin | field api_token)
team=$(ts team add --name Load --leader-email lee@load.test --leader-name Lee)
team_id=$(echo "$team" | field team_id)
token=$(echo "$team" | field api_token)

pa=$(free_port); pb=$(free_port)
TEAMSHOT_WORKERS=0 "$bin" --data-dir "$work/a" --listen "127.0.0.1:$pa" serve & pids+=($!)
TEAMSHOT_WORKERS=0 "$bin" --data-dir "$work/b" --listen "127.0.0.1:$pb" serve & pids+=($!)
TEAMSHOT_WORKERS=2 "$bin" --data-dir "$work/w" worker & pids+=($!)
for p in $pa $pb; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.1; done
done
for _ in 1 2; do
  curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"quantity":100000}' "http://127.0.0.1:$pa/api/v1/studio/teams/$team_id/credits" >/dev/null
done
due=$(date -d '+20 days' +%F)
# 200 members, so the read endpoint lists a realistic page.
for i in $(seq 200); do
  curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"first_name\":\"Seed\",\"last_name\":\"Member\",\"email\":\"seed$i@load.test\",\"due_date\":\"$due\"}" \
    "http://127.0.0.1:$pa/api/v1/headshots" >/dev/null
done

run() {
  local name=$1; shift
  echo "== $name: 2 servers × 50 connections, $duration"
  wrk -t1 -c50 -d"$duration" --latency -H "Authorization: Bearer $token" "$@" "http://127.0.0.1:$pa/api/v1/${path}" ${args_a:-} > "$work/wrk-a.txt" &
  local w1=$!
  wrk -t1 -c50 -d"$duration" --latency -H "Authorization: Bearer $token" "$@" "http://127.0.0.1:$pb/api/v1/${path}" ${args_b:-} > "$work/wrk-b.txt" &
  local w2=$!
  wait $w1 $w2
  for f in a b; do
    echo "-- server $f"
    grep -E "Requests/sec|Non-2xx|Socket errors| 50%| 99%|requests in" "$work/wrk-$f.txt"
  done
}

path="headshots"; args_a=""; args_b=""
run "GET /api/v1/headshots (200 members)"
path="headshots"; args_a="-- a $due"; args_b="-- b $due"
run "POST /api/v1/headshots (invite)" -s benches/load/invite.lua
echo "== jobs still queued after the run (welcome emails being written by the worker):"
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -Atc "SELECT COUNT(*) FROM jobs WHERE dead_at IS NULL" postgres
echo "== invites made: $("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -Atc "SELECT COUNT(*) FROM headshots" postgres)"
