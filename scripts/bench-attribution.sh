#!/usr/bin/env bash
# Speaker attribution benchmark: runs `dramatis script` on every book of the
# shared corpus with and without its cast, scores each with the shared scorer,
# and prints accuracy per book, per quote type and pooled, with the time taken.
#
# usage: scripts/bench-attribution.sh [BUILD_DIR] [SHARED_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/dramatis
shared=${2:-$top/../shared}
[ -x "$bin" ] || { echo "bench-attribution: no $bin (build first)" >&2; exit 1; }
[ -d "$shared/corpus" ] || { echo "bench-attribution: no $shared/corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for book in "$shared"/corpus/*/; do
  name=$(basename "$book")
  "$shared/tools/corpus-cast" "$book" >"$tmp/$name.ini"
  for mode in cast nocast; do
    args=()
    [ "$mode" = cast ] && args=(--voices "$tmp/$name.ini")
    start=$EPOCHREALTIME
    "$bin" script "$book/novel_text.txt" "${args[@]}" --format jsonl >"$tmp/$name.$mode.jsonl"
    end=$EPOCHREALTIME
    "$shared/tools/score-attribution" "$book" "$tmp/$name.$mode.jsonl" --json \
      | sed -n 1p | python3 -c 'import json,sys; o=json.load(sys.stdin); a,e=sys.argv[1].split(":"); o["seconds"]=float(e)-float(a); o["mode"]=sys.argv[2]; o["bytes"]=int(sys.argv[3]); print(json.dumps(o))' \
        "$start:$end" "$mode" "$(stat -c %s "$book/novel_text.txt")" >>"$tmp/results.jsonl"
  done
done

python3 - "$tmp/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
types = sorted({t for r in rows for t in r["by_type"]})
for mode in ("cast", "nocast"):
    print(f"\n{'with the cast' if mode == 'cast' else 'without a cast'}")
    print(f"  {'book':<30} {'accuracy':>9} {'quotes':>7} " + " ".join(f"{t:>10}" for t in types) + f" {'seconds':>8}")
    pooled = {"novels": [0, 0], "seeds": [0, 0], "all": [0, 0]}
    for r in (r for r in rows if r["mode"] == mode):
        cells = []
        for t in types:
            v = r["by_type"].get(t)
            cells.append(f"{v['accuracy']:9.1f}%" if v else f"{'-':>10}")
        print(f"  {r['book']:<30} {r['accuracy']:8.1f}% {r['quotes']:>7} " + " ".join(cells) + f" {r['seconds']:8.3f}")
        group = "seeds" if r["book"][:3].isdigit() else "novels"
        for g in (group, "all"):
            pooled[g][0] += r["correct"]
            pooled[g][1] += r["quotes"]
    for g, (ok, n) in pooled.items():
        if n:
            print(f"  pooled {g:<23} {100.0 * ok / n:8.1f}% {n:>7}")
    secs = sum(r["seconds"] for r in rows if r["mode"] == mode)
    mb = sum(r["bytes"] for r in rows if r["mode"] == mode) / 1e6
    print(f"  total time {secs:.2f} s for {mb:.2f} MB of text")
PY
