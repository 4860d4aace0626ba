#!/usr/bin/env bash
# Builds the importers' libFuzzer targets with clang (build-fuzz/), writes
# their seed corpora, and runs each for SECONDS (default 30); exits 1 if
# one of them finds a crash, a leak, undefined behaviour or a timeout.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     TARGET: epub html markdown
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(epub html markdown)

cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDRAMATIS_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}" >/dev/null

work=build-fuzz/corpus
rm -rf "$work/seeds"
python3 scripts/fuzz-corpus.py "$work/seeds"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "build-fuzz/crashes/$t"
  echo "fuzz_$t: ${seconds}s"
  # -timeout: an input that takes a second is a hang; -rss_limit_mb: a blow-up
  if ! build-fuzz/fuzz_$t "$work/$t" "$work/seeds/$t" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="build-fuzz/crashes/$t/" \
      -print_final_stats=1 2>"build-fuzz/fuzz_$t.log"; then
    echo "fuzz_$t: FAILED, see build-fuzz/fuzz_$t.log and build-fuzz/crashes/$t/" >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" "build-fuzz/fuzz_$t.log" | tail -3
done
exit $status
