#!/usr/bin/env bash
# script --timing against the rendered file: every seventh line starts in
# the decoded book where --timing says, plus that line's own lead-in
# (the silence before its first sound, heard alone through preview),
# within 10 ms.
set -u
bin=$1
book=$2
[ -f "$book" ] || { echo "timing: no $book (../shared belongs beside the project)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" render -q --no-cache -o "$tmp/out" "$book" || exit 1
"$bin" script --timing --format jsonl "$book" >"$tmp/timing.jsonl" || exit 1
opus=$(find "$tmp/out" -name '*.opus' | head -n 1)
ffmpeg -v error -i "$opus" -f s16le -ac 1 -ar 48000 "$tmp/book.pcm" || exit 1

python3 - "$bin" "$book" "$tmp" <<'PY'
import array, json, subprocess, sys, wave
binary, book, tmp = sys.argv[1:4]
lines = [json.loads(l) for l in open(f"{tmp}/timing.jsonl")]
pcm = array.array("h")
pcm.frombytes(open(f"{tmp}/book.pcm", "rb").read())

def onset(samples, i, rate, threshold=300):
    while i < len(samples) and abs(samples[i]) < threshold:
        i += 1
    return i / rate

worst, checked = 0.0, 0
for l in lines[::7]:
    subprocess.run([binary, "preview", book, "--speaker", l["speaker"] or "narrator",
                    "--text", l["text"], "-o", f"{tmp}/line.wav", "-q"], check=True)
    with wave.open(f"{tmp}/line.wav") as w:
        alone = array.array("h")
        alone.frombytes(w.readframes(w.getnframes()))
        lead = onset(alone, 0, w.getframerate())
    # every line follows a pause of at least 250 ms
    heard = onset(pcm, max(int((l["start"] - 0.2) * 48000), 0), 48000)
    off = heard - (l["start"] + lead)
    worst = max(worst, abs(off))
    checked += 1
    assert abs(off) <= 0.010, (l["text"][:40], l["start"], off)
assert checked >= 20, checked
print(f"timing: {checked} lines, worst {worst * 1000:.1f} ms")
PY
