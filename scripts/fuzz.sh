#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/), writes their seed
# corpora, and runs each for SECONDS (default 30), two at a time (the
# machine's two cores); exits 1 if one of them finds a crash, a leak,
# undefined behaviour or a timeout.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   TARGET: epub html markdown text attribute voicemap cache ogg_join
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(epub html markdown text attribute voicemap cache ogg_join)

cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDRAMATIS_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}" >/dev/null

work=build-fuzz/corpus
# the targets that read files write them here, removed at the end
export TMPDIR=$PWD/build-fuzz/tmp
rm -rf "$TMPDIR"
mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT
rm -rf "$work/seeds"
python3 scripts/fuzz-corpus.py "$work/seeds"
# one target: its result in build-fuzz/fuzz_T.status
run_one() {
  local t=$1
  mkdir -p "$work/$t" "build-fuzz/crashes/$t"
  # -timeout: an input that takes ten seconds is a hang; -rss_limit_mb: a blow-up
  if build-fuzz/fuzz_$t "$work/$t" "$work/seeds/$t" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="build-fuzz/crashes/$t/" \
      -print_final_stats=1 2>"build-fuzz/fuzz_$t.log"; then
    echo 0 >"build-fuzz/fuzz_$t.status"
  else
    echo 1 >"build-fuzz/fuzz_$t.status"
  fi
}

i=0
while [ $i -lt ${#targets[@]} ]; do
  pids=()
  for t in "${targets[@]:$i:2}"; do
    echo "fuzz_$t: ${seconds}s"
    run_one "$t" &
    pids+=($!)
  done
  wait "${pids[@]}"
  i=$((i + 2))
done
status=0
for t in "${targets[@]}"; do
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz_$t.log" |
    sed "s/^/fuzz_$t: /" | tail -2
  if [ "$(cat "build-fuzz/fuzz_$t.status")" != 0 ]; then
    echo "fuzz_$t: FAILED, see build-fuzz/fuzz_$t.log and build-fuzz/crashes/$t/" >&2
    tail -40 "build-fuzz/fuzz_$t.log" >&2
    status=1
  fi
done
exit $status
