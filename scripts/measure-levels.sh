#!/usr/bin/env bash
# Measures a render's levels on the decoded file: the book's true peak
# (ffmpeg's ebur128 filter and libebur128 through level_report) and the
# loudness of every spoken line, placed by `script --timing`.
#
# usage: scripts/measure-levels.sh BOOK [--voices MAP]   (default: seed 002)
# env:   DRAMATIS=path/to/dramatis (default: build/dramatis)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${DRAMATIS:-$root/build/dramatis}
report=$(dirname "$bin")/level_report
[ -x "$bin" ] && [ -x "$report" ] || { echo "measure-levels: build first (cmake --build build)" >&2; exit 1; }
[ $# -gt 0 ] || set -- /work/shared/seeds/002_b23dee7aa56a2902.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" render -q --no-cache -o "$tmp/out" "$@"
"$bin" script --timing --format jsonl "$@" >"$tmp/timing.jsonl"
opus=$(find "$tmp/out" -name '*.opus' | head -n 1)
ffmpeg -v error -i "$opus" -ac 1 -ar 48000 -c:a pcm_f32le "$tmp/book.wav"
ffmpeg -hide_banner -nostats -i "$opus" -af ebur128=peak=true -f null - 2>&1 |
  sed -n 's/^ *\(I\|Peak\): *\(.*\)/ffmpeg ebur128 \1: \2/p'
python3 -c '
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    print(d["start"], d["duration"])' "$tmp/timing.jsonl" | "$report" "$tmp/book.wav" >"$tmp/levels"
awk -v target=-20 '
  $1 == "true-peak" { tp = $2; next }
  $3 != "none" { n++; d = $3 - target; if (d < -1) quiet++; if ($3 < low || n == 1) { low = $3; at = $2 } if ($4 > -1) over++ }
  END {
    printf "level_report true peak: %s dBTP\n", tp
    printf "%d lines; quietest %.2f LUFS at %.3f s; %d more than 1 LU under %d LUFS; %d with a true peak over -1 dBTP\n", n, low, at, quiet, target, over
  }' "$tmp/levels"
