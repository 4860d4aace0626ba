#!/usr/bin/env bash
# Growth benchmark (issue 14): how the time of what grows with a book
# grows.  `dramatis script` on one chapter of 10k and 40k quotes, and on a
# map of 5k, 10k and 20k characters (a one-line book: the map's load and
# look-ups dominate), each as a ratio to the smaller run in the same run
# of this script.  Linear time gives 4 and 2, 4; quadratic 16 and 4, 16.
#
# usage: scripts/bench-growth.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/dramatis
[ -x "$bin" ] || { echo "bench-growth: no $bin (build first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" <<'PY'
import random, sys
tmp = sys.argv[1]
for n in (10000, 40000):
    with open("%s/quotes-%d.txt" % (tmp, n), "w") as f:
        f.write("Chapter 1\n\n")
        for i in range(n):
            f.write('"Line %d of the talk," said %s.\n\n' % (i, ("Mara", "Tom", "Ann")[i % 3]))
rng = random.Random(14)
for n in (5000, 10000, 20000):
    names = set()
    while len(names) < n:
        names.add("".join(rng.choice("abcdefghijklmnop") for _ in range(9)).capitalize())
    with open("%s/map-%d.ini" % (tmp, n), "w") as f:
        f.write("[narrator]\nvoice = en\n\n")
        for name in sorted(names):
            f.write("[%s]\nvoice = en+m3\naliases = %s Jr\n\n" % (name, name))
with open("%s/one.txt" % tmp, "w") as f:
    f.write('Chapter 1\n\n"Hello," said Tom.\n')
PY

seconds() {   # command...: wall seconds
  local start=$EPOCHREALTIME
  "$@" >/dev/null
  python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$EPOCHREALTIME"
}

q10=$(seconds "$bin" script "$tmp/quotes-10000.txt")
q40=$(seconds "$bin" script "$tmp/quotes-40000.txt")
m5=$(seconds "$bin" script --voices "$tmp/map-5000.ini" "$tmp/one.txt")
m10=$(seconds "$bin" script --voices "$tmp/map-10000.ini" "$tmp/one.txt")
m20=$(seconds "$bin" script --voices "$tmp/map-20000.ini" "$tmp/one.txt")
python3 - "$q10" "$q40" "$m5" "$m10" "$m20" <<'PY'
import sys
q10, q40, m5, m10, m20 = map(float, sys.argv[1:])
print("script, one chapter: 10k quotes %.2f s, 40k %.2f s: x%.1f (linear: x4)" % (q10, q40, q40 / q10))
print("voice map: 5k characters %.2f s, 10k %.2f s, 20k %.2f s: x%.1f, x%.1f (linear: x2, x4)"
      % (m5, m10, m20, m10 / m5, m20 / m5))
PY
