# Shared by the memory benchmarks: the test photo and a server with members
# ready to upload. Source it after setting `bin` and `work`.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

# $work/photo.jpg: 6000×4000 with grain, and the real portrait 4000 px tall.
make_photo() {
  vips resize tests/photos/astronaut.png "$work/face.v" 7.8125
  vips gaussnoise "$work/n.v" 6000 4000 --mean 128 --sigma 25
  vips bandjoin "$work/n.v $work/n.v $work/n.v" "$work/n3.v"
  vips cast "$work/n3.v" "$work/n3u.v" uchar
  vips insert "$work/n3u.v" "$work/face.v" "$work/photo.jpg[Q=92]" 1000 0
}

# start_server DATA_DIR N: a fresh `teamshot serve` (SQLite, local folder) with
# one team of N invited members. Sets `pid`, `api` and the array `members`
# (each member's token).
start_server() {
  local data=$1 n=$2
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
  api="http://127.0.0.1:$port/api/v1"
  curl -sf -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"quantity\":$n}" "$api/studio/teams/$team_id/credits" >/dev/null
  # The enlarged portrait is soft: the sharpness check is turned off (as in
  # benches/upload.rs) so every upload goes the whole way and is stored.
  curl -sf -H "Authorization: Bearer $admin" "$api/studio/settings" \
    | python3 -c 'import json,sys; s=json.load(sys.stdin); s["checks"]["min_sharpness"]=0; print(json.dumps(s))' \
    | curl -sf -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d @- \
      "$api/studio/settings" >/dev/null
  local due; due=$(date -d '+20 days' +%F)
  members=()
  for i in $(seq "$n"); do
    members+=("$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"first_name\":\"M\",\"last_name\":\"M\",\"email\":\"m$i@mem.test\",\"due_date\":\"$due\"}" \
      "$api/headshots" | field member_url | sed 's#.*/##')")
  done
}
