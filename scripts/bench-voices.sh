#!/usr/bin/env bash
# Voice benchmark: can a listener tell the cast apart?  For both seeds
# (cast discovered) and the three shared novels (cast from corpus-cast),
# renders `dramatis preview` WAVs of the narrator and the six most
# talkative characters, measures each voice's mean pitch and timbre from
# the audio (scripts/voicemeter.py), and prints:
#   - every voice: mean pitch (Hz), pitch range, accent
#   - every pair of the narrator and a top-6 character, and every two top-6
#     characters who talk to each other (lines within 3 dialogue lines of a
#     chapter): the pitch difference in semitones, whether the accent
#     differs, the distance measured from the audio (2 semitones count 1,
#     another accent 0.5, the usual timbre difference of two variants 0.5),
#     and PASS when the pitch differs by at least 2 semitones or the accent
#     (base voice) differs
#   - a listener test in numbers: the narrator's one-second chunks given to
#     the nearest voice (pitch and timbre) among narrator and top 6; the
#     share that goes to a character
#   - pace: words a minute of the narrator and each speaker on seed 002
#     (`script --timing`: words of their lines over the lines' durations),
#     and of every seed 002 voice reading one passage (characters within
#     10% of the narrator)
#
# usage: scripts/bench-voices.sh [BUILD_DIR] [SHARED_DIR]
# exit 1 when a pair fails, the first-person narrator's quotes do not use
# the narrator's voice, the narrator's pace on seed 002 is not 150-165, or
# a character reads the passage more than 10% faster or slower.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/build}/dramatis
shared=${2:-$top/../shared}
[ -x "$bin" ] || { echo "bench-voices: no $bin (build first)" >&2; exit 1; }
[ -d "$shared/corpus" ] || { echo "bench-voices: no $shared/corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

books=("seed000:$shared/seeds/000_8414831067124d50.txt:"
       "seed002:$shared/seeds/002_b23dee7aa56a2902.txt:")
# BENCH_NOVELS="TheSignOfTheFour" for a quicker run
for name in ${BENCH_NOVELS:-AlicesAdventuresInWonderland PrideAndPrejudice TheSignOfTheFour}; do
  "$shared/tools/corpus-cast" "$shared/corpus/$name" >"$tmp/$name.ini"
  books+=("$name:$shared/corpus/$name/novel_text.txt:$tmp/$name.ini")
done

for entry in "${books[@]}"; do
  IFS=: read -r key book map <<<"$entry"
  args=()
  [ -n "$map" ] && args=(--voices "$map")
  mkdir -p "$tmp/$key"
  "$bin" cast -q "$book" "${args[@]}" >"$tmp/$key/cast.txt" 2>"$tmp/$key/cast.err"
  "$bin" script --format jsonl "$book" "${args[@]}" >"$tmp/$key/script.jsonl" 2>/dev/null
  /usr/bin/python3 - "$tmp/$key/cast.txt" >"$tmp/$key/speakers.txt" <<'PY'
import re, sys
row = re.compile(r"^(?P<name>.+?)\s+(?P<gender>female|male|unknown|-)\s+(?P<lines>\d+)\s+"
                 r"(?P<words>\d+)\s+(?P<first>\d+|-)\s+(?P<voice>\S+)\s+(?P<pitch>\d+)\s+"
                 r"(?P<rate>\d+)\s*(?P<aliases>.*)$")
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() == "":
        break
    m = row.match(line.rstrip("\n"))
    if m and m["name"] != "character":
        rows.append(m)
for m in rows[:7]:   # the narrator, then the six with most lines
    teller = "I" in [a.strip() for a in m["aliases"].split(",")]
    print("\t".join([m["name"], m["voice"], m["pitch"], m["rate"], "teller" if teller else "-"]))
PY
  while IFS=$'\t' read -r who voice pitch rate teller; do
    "$bin" preview -q "$book" "${args[@]}" --speaker "$who" --lines 12 \
      -o "$tmp/$key/$(echo "$who" | tr -c 'A-Za-z0-9\n' _).wav" 2>/dev/null || true
  done <"$tmp/$key/speakers.txt"
done

"$bin" script --timing --format jsonl "$shared/seeds/002_b23dee7aa56a2902.txt" >"$tmp/timing002.jsonl"
# pace on one text: every seed 002 voice reads the voice table's passage
passage=$(/usr/bin/python3 -c 'import importlib.util,sys; s=importlib.util.spec_from_file_location("m", sys.argv[1]); m=importlib.util.module_from_spec(s); s.loader.exec_module(m); print(m.PASSAGE)' "$top/scripts/measure-voices.py")
mkdir -p "$tmp/pace"
while IFS=$'\t' read -r who voice pitch rate teller; do
  "$bin" preview -q "$shared/seeds/002_b23dee7aa56a2902.txt" --speaker "$who" --text "$passage" \
    -o "$tmp/pace/$(echo "$who" | tr -c 'A-Za-z0-9\n' _).wav" 2>/dev/null || true
done <"$tmp/seed002/speakers.txt"
echo "$passage" >"$tmp/pace/passage.txt"

/usr/bin/python3 - "$tmp" "$top" "${books[@]}" <<'PY'
import json, math, os, re, sys
top = sys.argv[2]
sys.path.insert(0, os.path.join(top, "scripts"))
import numpy as np
import voicemeter as vm

tmp = sys.argv[1]
keys = [b.split(":")[0] for b in sys.argv[3:]]
table = open(os.path.join(top, "src/cast/voice_table.c")).read()
timbre_unit = 2 * float(re.search(r"voice_table_timbre_median = ([\d.]+)", table).group(1))
failures = 0


def accent(voice):
    return voice.split("+")[0].lower()


def chunks(path):
    """Per second of speech: mean pitch (semitones) and timbre."""
    x, rate = vm.read_wav(path)
    out = []
    for i in range(0, len(x) - rate, rate):
        m = vm.measure(x[i:i + rate], rate)
        if m["f0_hz"] > 0 and m["voiced"] > 0.3:
            out.append(np.array([12 * math.log2(m["f0_hz"] / 100) / 2.0] +
                                [c / timbre_unit for c in m["mfcc"]]))
    return out


for key in keys:
    d = os.path.join(tmp, key)
    speakers = [l.rstrip("\n").split("\t") for l in open(os.path.join(d, "speakers.txt"), encoding="utf-8")]
    lines = [json.loads(l) for l in open(os.path.join(d, "script.jsonl"), encoding="utf-8")]
    # who talks with whom: dialogue lines within 3 of each other in a chapter
    talks, recent, chapter = set(), [], None
    for r in lines:
        if r["chapter"] != chapter:
            chapter, recent = r["chapter"], []
        if r["kind"] != "dialogue" or r["speaker"] is None:
            continue
        for other in recent:
            if other != r["speaker"]:
                talks.add(frozenset((other, r["speaker"])))
        recent = ([r["speaker"]] + recent)[:3]
    voices = {}
    print(f"\n== {key}")
    print(f"  {'speaker':<28} {'voice':<24} {'pitch':>5} {'rate':>4} {'mean Hz':>8} {'range st':>8}")
    for name, voice, pitch, rate, teller in speakers:
        wav = os.path.join(d, re.sub(r"[^A-Za-z0-9]", "_", name) + ".wav")
        if not os.path.exists(wav):
            print(f"  {name:<28} (no lines to preview)")
            continue
        m = vm.measure_file(wav)
        voices[name] = dict(voice=voice, pitch=pitch, teller=teller == "teller", m=m, wav=wav)
        print(f"  {name[:28]:<28} {voice:<24} {pitch:>5} {rate:>4} {m['f0_hz']:8.1f} {m['f0_sd_st']:8.2f}"
              + ("   tells the story (I)" if teller == "teller" else ""))
    narr = voices.get("narrator")
    for name, v in voices.items():
        if v["teller"]:
            same = v["voice"] == narr["voice"] and v["pitch"] == narr["pitch"]
            print(f"  first-person narrator {name}: {'shares' if same else 'does NOT share'} the narrator's voice")
            failures += 0 if same else 1
    print(f"  {'pair':<48} {'semitones':>9} {'accent':>8} {'distance':>8}")
    names = [n for n in voices if n != "narrator" and not voices[n]["teller"]]
    pairs = [("narrator", n) for n in names]
    pairs += [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if frozenset((a, b)) in talks]
    for a, b in pairs:
        va, vb = voices[a], voices[b]
        st = abs(12 * math.log2(va["m"]["f0_hz"] / vb["m"]["f0_hz"]))
        other = accent(va["voice"]) != accent(vb["voice"])
        timbre = float(np.linalg.norm(np.array(va["m"]["mfcc"]) - np.array(vb["m"]["mfcc"])))
        # as src/cast/voicespace.c weighs them: accent 0.5, pace left out
        dist = math.sqrt((st / 2) ** 2 + (0.25 if other else 0) + (timbre / timbre_unit) ** 2)
        ok = st >= 2 or other
        failures += 0 if ok else 1
        print(f"  {(a + ' / ' + b)[:48]:<48} {st:9.2f} {'other' if other else 'same':>8} {dist:8.2f}  {'PASS' if ok else 'FAIL'}")
    # the listener test: narrator chunks given to the nearest voice
    cents = {n: chunks(v["wav"]) for n, v in voices.items() if not v["teller"]}
    cents = {n: c for n, c in cents.items() if c}
    if "narrator" in cents and len(cents) > 1:
        means = {n: np.mean(c, axis=0) for n, c in cents.items()}
        wrong = sum(1 for c in cents["narrator"]
                    if min(means, key=lambda n: np.linalg.norm(c - means[n])) != "narrator")
        print(f"  narrator's one-second chunks nearest a character: {wrong}/{len(cents['narrator'])}"
              f" ({100.0 * wrong / len(cents['narrator']):.0f}%)")

rows = [json.loads(l) for l in open(os.path.join(tmp, "timing002.jsonl"), encoding="utf-8")]
print("\n== pace on seed 002 (script --timing: words of the lines / their durations)")
words, secs = {}, {}
for r in rows:
    if r["kind"] == "heading":
        continue
    who = r["speaker"] or "narrator" if r["kind"] == "dialogue" else "narrator"
    words[who] = words.get(who, 0) + len(r["text"].split())
    secs[who] = secs.get(who, 0.0) + r["duration"]
for who in sorted(words, key=lambda w: -words[w]):
    print(f"  {who:<12} {words[who]:6d} words {secs[who]:8.1f} s {60 * words[who] / secs[who]:6.1f} words a minute")
print("  the same passage in every voice (words over time from first to last sound):")
passage_words = len(open(os.path.join(tmp, "pace", "passage.txt")).read().split())
pace = {}
for wav in sorted(os.listdir(os.path.join(tmp, "pace"))):
    if wav.endswith(".wav"):
        pace[wav[:-4]] = 60 * passage_words / vm.measure_file(os.path.join(tmp, "pace", wav))["seconds"]
for who, wpm in sorted(pace.items(), key=lambda kv: kv[0] != "narrator"):
    rel = wpm / pace["narrator"] - 1 if "narrator" in pace else 0.0
    print(f"  {who:<12} {wpm:6.1f} words a minute ({100 * rel:+.1f}% of the narrator's)")
    if abs(rel) > 0.10:
        failures += 1
narr_wpm = 60 * words["narrator"] / secs["narrator"]
if not 150 <= narr_wpm <= 165:
    print(f"  narrator pace {narr_wpm:.1f} is outside 150-165")
    failures += 1
print(f"\nbench-voices: {failures} failure(s)")
sys.exit(1 if failures else 0)
PY
