#!/usr/bin/env bash
# What the m4b costs: in one run on the same input, `render` with Opus only,
# with m4b only and with both (the AAC units are encoded in the same
# workers from the same samples), and the conversion a user would run
# instead: `ffmpeg -i book.opus -c:a aac book.m4b`.  Each render runs twice;
# the faster run counts (other work on the machine only slows runs down).
#
# usage: scripts/bench-m4b.sh [BOOK...]   (default: seed 002)
# env:   DRAMATIS=path/to/dramatis (default: build/dramatis), JOBS (default 2)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${DRAMATIS:-$root/build/dramatis}
jobs=${JOBS:-2}
[ -x "$bin" ] || { echo "bench-m4b: no dramatis binary (set DRAMATIS=)" >&2; exit 1; }
for tool in ffmpeg ffprobe /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-m4b: $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done
[ $# -gt 0 ] || set -- "$root/../shared/seeds/002_b23dee7aa56a2902.txt"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/xdg

# best NAME CMD...: the faster of two runs' wall seconds into t_NAME, and
# the smaller CPU seconds (user + system, workers included) into c_NAME:
# on a shared machine the CPU time is the steadier of the two
best() {
  local name=$1 w1 u1 s1 w2 u2 s2; shift
  for i in 1 2; do
    /usr/bin/time -f "%e %U %S" -o "$tmp/$name.$i" "$@" >/dev/null 2>"$tmp/$name.err" || {
      echo "bench-m4b: $name failed: $(tail -3 "$tmp/$name.err")" >&2; exit 1; }
  done
  read -r w1 u1 s1 <"$tmp/$name.1"
  read -r w2 u2 s2 <"$tmp/$name.2"
  eval "t_$name=$(awk -v a="$w1" -v b="$w2" 'BEGIN { print (a < b ? a : b) }')"
  eval "c_$name=$(awk -v a="$u1" -v b="$s1" -v c="$u2" -v d="$s2" 'BEGIN { x = a + b; y = c + d; print (x < y ? x : y) }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "dramatis m4b benchmark: $(nproc) cores, --jobs $jobs, $("$bin" --version)"
for book in "$@"; do
  echo
  echo "== $book ($(wc -c <"$book") bytes)"
  best opus "$bin" render -q --no-cache --jobs "$jobs" --format opus -o "$tmp/opus" "$book"
  best m4b "$bin" render -q --no-cache --jobs "$jobs" --format m4b -o "$tmp/m4b" "$book"
  best both "$bin" render -q --no-cache --jobs "$jobs" --format opus,m4b -o "$tmp/both" "$book"
  opus=$(find "$tmp/opus" -name '*.opus' | head -1)
  m4b=$(find "$tmp/m4b" -name '*.m4b' | head -1)
  best ffmpeg ffmpeg -v error -y -i "$opus" -c:a aac "$tmp/ffmpeg.m4b"
  secs=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$opus")
  printf "audio: %.3f h\n" "$(awk -v s="$secs" 'BEGIN { print s / 3600 }')"
  printf "%-44s %9s %9s %12s %10s\n" "run" "seconds" "CPU s" "x real time" "MB"
  for n in opus m4b both ffmpeg; do
    case $n in
      opus) label="render --format opus"; f=$opus ;;
      m4b) label="render --format m4b"; f=$m4b ;;
      both) label="render --format opus,m4b"; f=$(find "$tmp/both" -name '*.m4b' | head -1) ;;
      ffmpeg) label="ffmpeg -i book.opus -c:a aac book.m4b"; f=$tmp/ffmpeg.m4b ;;
    esac
    t=$(eval echo "\$t_$n"); c=$(eval echo "\$c_$n")
    printf "%-44s %9s %9.2f %12.0f %10.1f\n" "$label" "$t" "$c" \
      "$(awk -v s="$secs" -v t="$t" 'BEGIN { print (t > 0 ? s / t : 0) }')" \
      "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1e6 }')"
  done
  added() { awk -v b="$1" -v o="$2" 'BEGIN { printf "%.2f", (b - o) / o }'; }
  echo "ratios: m4b added to the Opus render = $(added "$t_both" "$t_opus") wall," \
       "$(added "$c_both" "$c_opus") CPU (want <= 0.60);" \
       "m4b alone / Opus alone = $(ratio "$c_m4b" "$c_opus") CPU;" \
       "ffmpeg conversion / m4b added = $(awk -v f="$c_ffmpeg" -v b="$c_both" -v o="$c_opus" 'BEGIN { printf "%.1f", (b > o ? f / (b - o) : 0) }') CPU"
  rm -rf "$tmp/opus" "$tmp/m4b" "$tmp/both" "$tmp/ffmpeg.m4b" "$tmp/xdg"
done
