#!/usr/bin/env bash
# Speaker attribution benchmark.  Runs `dramatis script` on every book of
# the shared corpus and of the corpus excerpts, with the cast printed by
# tools/corpus-cast and without one, scores each with the shared scorer
# (tools/score-attribution), and prints
#   - accuracy per book, the per-book mean and the pooled figure of each
#     group (seeds, novels, excerpts);
#   - accuracy by quote type and by the evidence that decided (the
#     script's `rule`), and by confidence band;
#   - the same figures book-held-out: the scorer's weights are learned from
#     the corpus, so scripts/train-attribution.py trains them on all books
#     but one, scores that one, for every book (skipped with --quick);
#   - the CPU time of `script` (user + system: other work on the machine
#     does not count) on the three novels in one file, and on
#     synthetic chapters of 5,000 to 40,000 quotes (time must grow
#     linearly: 40k at most 5x the time of 10k).
#
# usage: scripts/bench-attribution.sh [--quick] [BUILD_DIR] [SHARED_DIR]
set -euo pipefail
quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
bin=$build/dramatis
shared=${2:-$top/../shared}
[ -x "$bin" ] || { echo "bench-attribution: no $bin (build first)" >&2; exit 1; }
[ -d "$shared/corpus" ] || { echo "bench-attribution: no $shared/corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$bin" "$shared" "$tmp" <<'PY'
import importlib.machinery, importlib.util, json, os, subprocess, sys, time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

binary, shared, tmp = sys.argv[1:4]
loader = importlib.machinery.SourceFileLoader("scorer", os.path.join(shared, "tools", "score-attribution"))
scorer = importlib.util.module_from_spec(importlib.util.spec_from_loader("scorer", loader))
loader.exec_module(scorer)

books = []
for sub in ("corpus", "corpus-excerpts"):
    root = os.path.join(shared, sub)
    for b in sorted(os.listdir(root)):
        if os.path.isdir(os.path.join(root, b)):
            group = "excerpts" if sub != "corpus" else ("seeds" if b[:3].isdigit() else "novels")
            books.append((os.path.join(root, b), group))


def quotes_scored(book, script):
    """Per gold quote: (type, right, rule, confidence), as the scorer decides."""
    _, alias_to_ids = scorer.load_characters(book + "/character_info.csv")
    segs = scorer.load_script(script)
    meta = {}
    with open(script) as f:
        for line in f:
            o = json.loads(line)
            if o.get("kind") == "dialogue":
                meta[tuple(o["src"])] = (o.get("rule", "none"), o.get("confidence", 0.0))
    starts = [s[0] for s in segs]
    out = []
    for q in scorer.load_quotes(book + "/quotation_info.csv"):
        votes, best_seg = defaultdict(int), None
        for a, e in q["spans"]:
            for ov, kind, spk in scorer.overlapping(segs, starts, a, e):
                if kind == "dialogue":
                    votes[spk] += ov
        pred = max(votes, key=votes.get) if votes else None
        for a, e in q["spans"]:
            for s in segs:
                if s[2] == "dialogue" and s[3] == pred and min(s[1], e) > max(s[0], a):
                    best_seg = (s[0], s[1])
                    break
            if best_seg:
                break
        if q["type"] == "NonSpeech" or q["speaker"] == "_none":
            ok = pred is None
        else:
            gold = alias_to_ids.get(scorer.norm(q["speaker"]), set())
            ok = bool(pred) and bool(gold & alias_to_ids.get(scorer.norm(pred), set()))
        rule, conf = meta.get(best_seg, ("none", 0.0)) if best_seg else ("narration", 0.0)
        out.append((q["type"], ok, rule, conf))
    return out


def run(job):
    book, group, mode = job
    name = os.path.basename(book)
    args = [binary, "script", book + "/novel_text.txt", "--format", "jsonl"]
    if mode == "cast":
        cast = os.path.join(tmp, name + ".ini")
        with open(cast, "w") as f:
            f.write(subprocess.run([os.path.join(shared, "tools", "corpus-cast"), book],
                                   capture_output=True, text=True, check=True).stdout)
        args += ["--voices", cast]
    out = os.path.join(tmp, f"{name}.{mode}.jsonl")
    t0 = time.perf_counter()
    with open(out, "w") as f:
        subprocess.run(args, stdout=f, stderr=subprocess.DEVNULL, check=True)
    secs = time.perf_counter() - t0
    r = json.loads(subprocess.run([os.path.join(shared, "tools", "score-attribution"), book, out, "--json"],
                                  capture_output=True, text=True, check=True).stdout.splitlines()[0])
    r.update(group=group, mode=mode, seconds=secs, quotes_detail=quotes_scored(book, out))
    return r


with ThreadPoolExecutor(2) as ex:
    rows = list(ex.map(run, [(b, g, m) for b, g in books for m in ("cast", "nocast")]))

res = {(r["book"], r["mode"]): r for r in rows}
print("Share of quotes given to the right speaker (tools/score-attribution), in-sample weights:")
print(f"\n  {'book':<36} {'with cast':>16} {'no cast':>16} {'seconds':>8}")
for b, g in books:
    if g == "excerpts":
        continue
    n = os.path.basename(b)
    c, o = res[(n, "cast")], res[(n, "nocast")]
    print(f"  {n[:36]:<36} {c['accuracy']:6.1f}% ({c['correct']:>4}/{c['quotes']:<4}) "
          f"{o['accuracy']:6.1f}% ({o['correct']:>4}/{o['quotes']:<4}) {c['seconds']:8.2f}")
summary = {}
for g in ("seeds", "novels", "excerpts"):
    cells = []
    for m in ("cast", "nocast"):
        rs = [r for r in rows if r["group"] == g and r["mode"] == m]
        ok, n = sum(r["correct"] for r in rs), sum(r["quotes"] for r in rs)
        mean = sum(r["accuracy"] for r in rs) / len(rs)
        summary[(g, m)] = (mean, 100.0 * ok / n)
        cells.append(f"{mean:5.1f} / {100.0 * ok / n:5.1f}")
    print(f"  {g + ': per-book mean / pooled':<36} {cells[0]:>16} {cells[1]:>16}")

print("\nBy quote type (pooled over the books of each group):")
for g in ("seeds", "novels", "excerpts"):
    for m in ("cast", "nocast"):
        t = defaultdict(lambda: [0, 0])
        for r in rows:
            if r["group"] == g and r["mode"] == m:
                for k, v in r["by_type"].items():
                    t[k][0] += v["correct"]
                    t[k][1] += v["total"]
        cells = "  ".join(f"{k} {100.0 * a / n:5.1f}% ({n})" for k, (a, n) in sorted(t.items()))
        print(f"  {g:<9} {m:<7} {cells}")

print("\nBy the evidence that decided (all books; share of quotes, accuracy):")
for m in ("cast", "nocast"):
    ev = defaultdict(lambda: [0, 0])
    for r in rows:
        if r["mode"] == m:
            for typ, ok, rule, conf in r["quotes_detail"]:
                ev[rule][0] += ok
                ev[rule][1] += 1
    total = sum(n for _, n in ev.values())
    print(f"  {m}:")
    for k, (a, n) in sorted(ev.items(), key=lambda kv: -kv[1][1]):
        print(f"    {k:<20} {100.0 * n / total:5.1f}%  {100.0 * a / n:5.1f}% right ({n})")

print("\nBy confidence (accuracy in each band):")
bands = [(0.9, 1.01), (0.8, 0.9), (0.6, 0.8), (0.4, 0.6), (0.0, 0.4)]
for scope in ("excerpts", "all"):
    for m in ("cast", "nocast"):
        cnt = defaultdict(lambda: [0, 0])
        for r in rows:
            if r["mode"] == m and (scope == "all" or r["group"] == "excerpts"):
                for typ, ok, rule, conf in r["quotes_detail"]:
                    if rule in ("narration", "none"):
                        continue
                    for lo, hi in bands:
                        if lo <= conf < hi:
                            cnt[(lo, hi)][0] += ok
                            cnt[(lo, hi)][1] += 1
        cells = "  ".join(f"{lo:.1f}-{min(hi, 1.0):.1f}: {100.0 * cnt[(lo, hi)][0] / cnt[(lo, hi)][1]:5.1f}% ({cnt[(lo, hi)][1]})"
                          for lo, hi in bands if cnt[(lo, hi)][1])
        print(f"  {scope:<9} {m:<7} {cells}")
PY

if [ "$quick" = 0 ]; then
  echo
  echo "Book-held-out (each book scored with weights trained on all the others):"
  if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
    /usr/bin/python3 "$top/scripts/train-attribution.py" --build "$build" --shared "$shared" \
      --rounds 1 --held-out | sed -n '/^in-sample/,$p'
  else
    echo "  (skipped: scripts/train-attribution.py needs python3-numpy; scripts/install-deps.sh installs it)"
  fi
fi

echo
echo "Speed of 'dramatis script' on one core:"
cat "$shared"/corpus/{AlicesAdventuresInWonderland,PrideAndPrejudice,TheSignOfTheFour}/novel_text.txt >"$tmp/three.txt"
words=$(wc -w <"$tmp/three.txt")
: >"$tmp/times"
for run in 1 2 3; do
  /usr/bin/time -f "%U %S %M" -o "$tmp/time" taskset -c 0 "$bin" script "$tmp/three.txt" --format jsonl >/dev/null
  cat "$tmp/time" >>"$tmp/times"
done
read -r secs kb < <(python3 -c "import sys; r = [l.split() for l in open(sys.argv[1])]; print(f'{min(float(u) + float(s) for u, s, m in r):.2f}', max(int(m) for u, s, m in r))" "$tmp/times")
echo "  the three novels in one file ($words words): ${secs} s of CPU, $((kb / 1024)) MB"
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
names = ["Ada", "Bram", "Cora", "Dov"]
for n in (5000, 10000, 20000, 40000):
    with open(f"{tmp}/synthetic-{n}.txt", "w") as f:
        f.write("Synthetic\n\nChapter 1\n\n")
        for i in range(n):
            a, b = names[i % 4], names[(i + 1) % 4]
            if i % 500 == 0 and i:
                f.write(f"Chapter {i // 500 + 1}\n\n")
            if i % 3 == 0:
                f.write(f'"Line {i} of the talk, {b}," said {a}.\n\n')
            elif i % 3 == 1:
                f.write(f'"Line {i}, and more," she answered.\n\n')
            else:
                f.write(f'"Line {i}."\n\n{a} looked at {b} for a while.\n\n')
PY
base=""
for n in 5000 10000 20000 40000; do
  # the least of three runs: a busy machine only ever adds time
  : >"$tmp/times"
  for run in 1 2 3; do
    /usr/bin/time -f "%U %S" -o "$tmp/time" taskset -c 0 "$bin" script "$tmp/synthetic-$n.txt" --format jsonl >/dev/null
    cat "$tmp/time" >>"$tmp/times"
  done
  secs=$(python3 -c "import sys; print(f'{min(float(u) + float(s) for u, s in (l.split() for l in open(sys.argv[1]))):.2f}')" "$tmp/times")
  [ "$n" = 10000 ] && base=$secs
  ratio=""
  [ -n "$base" ] && ratio=$(python3 -c "print(f'{$secs / max($base, 0.001):.2f}x the 10k time')")
  echo "  $n quotes: ${secs} s $ratio"
done
