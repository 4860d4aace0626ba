#!/usr/bin/env bash
# Times `dramatis render` against the single-voice baseline a user would run
# (espeak-ng -w, then opusenc) and against the raw Opus encode of the same
# audio (the lower bound), all in one run on the same input.
#
# usage: scripts/bench-render.sh [BOOK...]   (default: seed 002)
# env:   DRAMATIS=path/to/dramatis (default: build-render/dramatis, then build/dramatis)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${DRAMATIS:-}
for b in "$root/build-render/dramatis" "$root/build/dramatis"; do
  [ -n "$bin" ] || { [ -x "$b" ] && bin=$b; }
done
[ -x "$bin" ] || { echo "bench-render: no dramatis binary (set DRAMATIS=)" >&2; exit 1; }
enc=$(dirname "$bin")/bench_encode
[ -x "$enc" ] || { echo "bench-render: no $enc (cmake --build builds it)" >&2; exit 1; }
for tool in espeak-ng opusenc ffmpeg ffprobe /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-render: $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done
[ $# -gt 0 ] || set -- /work/shared/seeds/002_b23dee7aa56a2902.txt

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME CMD...: wall seconds and peak resident memory (largest process, KB)
run() {
  local name=$1 wall kb; shift
  /usr/bin/time -f "%e %M" -o "$tmp/$name.time" "$@" >/dev/null 2>"$tmp/$name.err" || {
    echo "bench-render: $name failed: $(tail -3 "$tmp/$name.err")" >&2; exit 1; }
  read -r wall kb <"$tmp/$name.time"
  eval "t_$name=$wall; m_$name=$kb"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo "dramatis render benchmark: $(nproc) cores, $(uname -m), $("$bin" --version)"
for book in "$@"; do
  echo
  echo "== $book ($(wc -c <"$book") bytes)"
  run base bash -c 'espeak-ng -f "$1" -w "$2/base.wav" && opusenc --quiet "$2/base.wav" "$2/base.opus"' _ "$book" "$tmp"
  rm -f "$tmp/base.wav"
  # the baseline reads at espeak-ng's default 175 words a minute, dramatis's
  # narrator at about 155: per hour of audio is the like-for-like ratio
  base_secs=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/base.opus")
  run j1 "$bin" render -q --no-cache --jobs 1 -o "$tmp/j1" "$book"
  run j2 "$bin" render -q --no-cache --jobs 2 -o "$tmp/j2" "$book"
  run split "$bin" render -q --no-cache --jobs 2 --split -o "$tmp/split" "$book"
  out=$(find "$tmp/j1" -maxdepth 3 -name '*.opus' | head -1)
  cmp -s "$out" "$(find "$tmp/j2" -maxdepth 3 -name '*.opus' | head -1)" && same=yes || same=NO
  secs=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out")
  hours=$(awk -v s="$secs" 'BEGIN { printf "%.3f", s / 3600 }')
  bytes=$(stat -c %s "$out")
  # the lower bound: libopus alone on the same audio at the same settings
  ffmpeg -v error -y -i "$out" -ar 22050 -ac 1 "$tmp/book22.wav"
  run raw "$enc" "$tmp/book22.wav" "$tmp/raw.opus"
  run opusenc opusenc --quiet --speech --comp 5 --bitrate 24 "$tmp/book22.wav" "$tmp/raw.opus"
  rm -f "$tmp/book22.wav"
  rm -rf "$tmp/j1" "$tmp/j2" "$tmp/split" "$tmp/base.opus"

  printf "audio: %s h; output %.1f MB per hour (%s bytes); --jobs 1 and 2 identical: %s\n" \
    "$hours" "$(awk -v b="$bytes" -v h="$hours" 'BEGIN { print b / 1e6 / h }')" "$bytes" "$same"
  printf "%-36s %9s %10s %12s\n" "run" "seconds" "peak MB" "x real time"
  for n in base j1 j2 split raw opusenc; do
    case $n in
      base) label="baseline: espeak-ng -w + opusenc" ;;
      j1) label="dramatis render --jobs 1" ;;
      j2) label="dramatis render --jobs 2" ;;
      split) label="dramatis render --jobs 2 --split" ;;
      raw) label="raw libopus (bench_encode), 1 core" ;;
      opusenc) label="opusenc --speech --comp 5 -b 24" ;;
    esac
    t=$(eval echo "\$t_$n"); m=$(eval echo "\$m_$n")
    printf "%-36s %9s %10.1f %12.0f\n" "$label" "$t" "$(awk -v k="$m" 'BEGIN { print k / 1024 }')" \
      "$(awk -v s="$secs" -v t="$t" 'BEGIN { print (t > 0 ? s / t : 0) }')"
  done
  echo "baseline audio: $(awk -v s="$base_secs" 'BEGIN { printf "%.3f", s / 3600 }') h;" \
       "baseline / --jobs 2 per hour of audio = $(awk -v tb="$t_base" -v sb="$base_secs" -v t="$t_j2" -v s="$secs" \
         'BEGIN { printf "%.2f", (tb / sb) / (t / s) }')"
  echo "ratios: baseline / --jobs 2 = $(ratio "$t_base" "$t_j2") (want >= 3)," \
       "--jobs 2 / --jobs 1 = $(ratio "$t_j2" "$t_j1") (want <= 0.6)," \
       "--split / --jobs 2 = $(ratio "$t_split" "$t_j2") (want <= 1.10)," \
       "raw bound / --jobs 1 = $(ratio "$t_raw" "$t_j1") (want >= 0.80)"
done
