#!/usr/bin/env bash
# Peak memory (VmHWM) of one `teamshot serve` while 20 members upload a 24 MP
# JPEG and 20 others send hostile files, all at the same moment: a
# 30000×30000 PNG of one colour, a truncated JPEG, and a zip bomb named .png
# (SQLite and a local folder). Every good upload must be accepted and every
# hostile one refused.
#
#   apt-get install libvips-tools && cargo build --release && benches/load/hostile_memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${TEAMSHOT_BIN:-${CARGO_TARGET_DIR:-target}/release/teamshot}
[ -x "$bin" ] || { echo "build first: cargo build --release (or set TEAMSHOT_BIN)"; exit 1; }
command -v vips >/dev/null || { echo "install libvips-tools (to make the test photos)"; exit 1; }
work=$(mktemp -d /tmp/teamshot-hostile.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
. benches/load/common.sh

make_photo
# The hostile files.
python3 - "$work" <<'PY'
import struct, sys, zlib, zipfile
work = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
w = h = 30000
z = zlib.compressobj(9)
row = b"\0" + b"\x80" * (w * 3)
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
with open(f"{work}/huge.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
photo = open(f"{work}/photo.jpg", "rb").read()
open(f"{work}/truncated.jpg", "wb").write(photo[: len(photo) // 3])
with zipfile.ZipFile(f"{work}/bomb.png", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
    zf.writestr("bomb.bin", b"\0" * (1 << 30))
PY
ls -l "$work"/photo.jpg "$work"/huge.png "$work"/truncated.jpg "$work"/bomb.png | awk '{print $5, $9}'

start_server "$work/data" 40
idle=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
start=$(date +%s.%N)
hostile=("$work/huge.png" "$work/truncated.jpg" "$work/bomb.png")
for i in $(seq 0 39); do
  if [ "$i" -lt 20 ]; then file="$work/photo.jpg"; kind=good; else file=${hostile[$((i % 3))]}; kind=hostile; fi
  curl -s -o /dev/null -w "$kind %{http_code}\n" -H "Authorization: Bearer ${members[$i]}" \
    -F "photo=@$file" "$api/me/photo" >>"$work/codes" &
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
end=$(date +%s.%N)
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
good_ok=$(grep -c '^good 201$' "$work/codes" || true)
hostile_refused=$(grep -cE '^hostile (413|415|422)$' "$work/codes" || true)
printf 'idle %d MB, peak %d MB, %d/20 good accepted, %d/20 hostile refused, %.1f s\n' \
  $((idle / 1024)) $((peak / 1024)) "$good_ok" "$hostile_refused" "$(echo "$end - $start" | bc)"
sort "$work/codes" | uniq -c
[ "$good_ok" -eq 20 ] && [ "$hostile_refused" -eq 20 ]
