#!/usr/bin/env bash
# Seed 002 rendered once, with subtitles, and checked on the decoded file:
#  - timing: every seventh line starts in the decoded book where script
#    --timing says, plus that line's own lead-in (the silence before its
#    first sound, heard alone through preview), within 10 ms;
#  - levels: the book's true peak is at most -1 dBTP (ffmpeg's ebur128
#    filter and libebur128), and no spoken line is more than 1 LU under
#    the -20 LUFS target;
#  - subtitles: the .vtt is WebVTT whose cue times increase, one cue per
#    spoken line with that line's text and speaker as the script gives
#    them, each cue starting within 20 ms of the speech heard there.
#  - the m4b (rendered in the same run, beside in m4b/) has subtitles of its
#    own, timed as the m4b lays its units: the same cues, the speech heard
#    in the decoded m4b within 5 ms of them at the median and within 20 ms
#    for 95% of them (not all: where a unit opens with a line, as a
#    chapter's title, AAC's pre-echo rises out of the silence before it).
set -u
bin=$1
report=$2
book=$3
[ -f "$book" ] || { echo "seed: no $book (../shared belongs beside the project)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" render -q --no-cache --subtitles --format opus,m4b -o "$tmp/out" "$book" || exit 1
"$bin" script --timing --format jsonl "$book" >"$tmp/timing.jsonl" || exit 1
opus=$(find "$tmp/out" -name '*.opus' | head -n 1)
vtt=${opus%.opus}.vtt
[ -f "$vtt" ] || { echo "seed: no subtitles beside $opus" >&2; exit 1; }
m4b=$(find "$tmp/out" -name '*.m4b' | head -n 1)
m4b_vtt=${m4b%.m4b}.vtt
[ -f "$m4b_vtt" ] || { echo "seed: no subtitles beside $m4b" >&2; exit 1; }
ffmpeg -v error -i "$m4b" -f s16le -ac 1 -ar 48000 "$tmp/m4b.pcm" || exit 1
ffmpeg -v error -i "$opus" -f s16le -ac 1 -ar 48000 "$tmp/book.pcm" || exit 1
ffmpeg -v error -i "$opus" -ac 1 -ar 48000 -c:a pcm_f32le "$tmp/book.wav" || exit 1
ffmpeg -hide_banner -nostats -i "$opus" -af ebur128=peak=true -f null - 2>"$tmp/ebur128.txt" || exit 1
python3 -c '
import json, sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    print(d["start"], d["duration"])' "$tmp/timing.jsonl" | "$report" "$tmp/book.wav" >"$tmp/levels" || exit 1

python3 - "$bin" "$book" "$tmp" "$vtt" "$m4b_vtt" <<'PY'
import array, html, json, re, subprocess, sys, wave
binary, book, tmp, vtt, m4b_vtt = sys.argv[1:6]
lines = [json.loads(l) for l in open(f"{tmp}/timing.jsonl")]
pcm = array.array("h")
pcm.frombytes(open(f"{tmp}/book.pcm", "rb").read())

def onset(samples, i, rate, threshold=300):
    while i < len(samples) and abs(samples[i]) < threshold:
        i += 1
    return i / rate

# timing
worst, checked = 0.0, 0
for l in lines[::7]:
    subprocess.run([binary, "preview", book, "--speaker", l["speaker"] or "narrator",
                    "--text", l["spoken"], "-o", f"{tmp}/line.wav", "-q"], check=True)
    with wave.open(f"{tmp}/line.wav") as w:
        alone = array.array("h")
        alone.frombytes(w.readframes(w.getnframes()))
        lead = onset(alone, 0, w.getframerate())
    # every line follows a pause of at least 300 ms
    heard = onset(pcm, max(int((l["start"] - 0.2) * 48000), 0), 48000)
    off = heard - (l["start"] + lead)
    worst = max(worst, abs(off))
    checked += 1
    assert abs(off) <= 0.010, (l["text"][:40], l["start"], off)
assert checked >= 20, checked
print(f"timing: {checked} lines, worst {worst * 1000:.1f} ms")

# levels
ff = open(f"{tmp}/ebur128.txt").read()
ff_peak = float(re.search(r"True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf) dBFS", ff).group(1))
assert ff_peak <= -1.0, ("ffmpeg true peak", ff_peak)
levels = open(f"{tmp}/levels").read().split("\n")
tp = float([l for l in levels if l.startswith("true-peak")][0].split()[1])
assert tp <= -1.0, ("libebur128 true peak", tp)
lufs = [(int(i), float(s), float(v)) for i, s, v, p in (l.split() for l in levels if l and not l.startswith("true")) if v != "none"]
assert len(lufs) == len(lines), (len(lufs), len(lines))
quiet = [x for x in lufs if x[2] < -21.0]
assert not quiet, ("lines more than 1 LU under -20 LUFS", quiet[:5])
print(f"levels: true peak {ff_peak:.1f} dBTP (ffmpeg), {tp:.2f} dBTP (libebur128); "
      f"{len(lufs)} lines, quietest {min(v for _, _, v in lufs):.2f} LUFS")

# subtitles
stamp = r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)"
def secs(m, k):
    h, mi, s, ms = (int(m.group(k + j)) for j in range(4))
    return h * 3600 + mi * 60 + s + ms / 1000
def read_vtt(path):
    text = open(path, encoding="utf-8").read()
    assert text.startswith("WEBVTT"), text[:20]
    blocks = text.split("\n\n")
    assert blocks[0].split("\n")[0].startswith("WEBVTT") and "-->" not in blocks[0]
    cues, notes = [], 0
    for b in blocks[1:]:
        b = b.strip("\n")
        if not b:
            continue
        if b.startswith("NOTE"):
            assert "-->" not in b, b
            notes += 1
            continue
        ident, timing, payload = b.split("\n", 2)
        m = re.fullmatch(stamp + " --> " + stamp, timing)
        assert m, timing
        v = re.fullmatch(r"<v ([^>]+)>(.*)</v>", payload)
        assert v, payload
        cues.append((secs(m, 1), secs(m, 5), html.unescape(v.group(1)), html.unescape(v.group(2))))
    return cues, notes
def heard_at(samples, cues, what):
    prev_end, worst = -1.0, 0.0
    for start, end, _, said in cues:
        assert start < end and start >= prev_end, (what, start, end, prev_end)
        prev_end = end
        heard = onset(samples, max(int((start - 0.1) * 48000), 0), 48000)
        worst = max(worst, abs(heard - start))
        assert abs(heard - start) <= 0.020, (what, said[:40], start, heard)
    return worst
cues, notes = read_vtt(vtt)
spoken = [l for l in lines if l["duration"] > 0]
assert len(cues) == len(spoken), (len(cues), len(spoken))
assert notes == len({l["chapter"] for l in lines}), notes
for (start, end, who, said), l in zip(cues, spoken):
    assert said == l["text"], (said, l["text"])
    assert who == (l["speaker"] or "Narrator"), (who, l["speaker"])
    assert abs(start - l["start"]) <= 0.001, (start, l["start"])   # the render's own timeline
worst = heard_at(pcm, cues, "opus")
print(f"subtitles: {len(cues)} cues, {notes} chapters, cue starts within {worst * 1000:.1f} ms of the speech")
m4b_cues, m4b_notes = read_vtt(m4b_vtt)
assert [c[2:] for c in m4b_cues] == [c[2:] for c in cues] and m4b_notes == notes
m4b_pcm = array.array("h")
m4b_pcm.frombytes(open(f"{tmp}/m4b.pcm", "rb").read())
offs = sorted(abs(onset(m4b_pcm, max(int((t - 0.1) * 48000), 0), 48000) - t)
              for t, _, _, _ in m4b_cues)
median, p95 = offs[len(offs) // 2], offs[len(offs) * 95 // 100]
assert median <= 0.005 and p95 <= 0.020, ("m4b cues off the speech", median, p95, offs[-5:])
drift = m4b_cues[-1][0] - cues[-1][0]
assert drift > 0.1, drift   # the m4b's own layout, not the Opus book's
print(f"m4b subtitles: cue starts within {median * 1000:.1f} ms of the speech at the median, "
      f"{p95 * 1000:.1f} ms for 95% (the last {drift:.2f} s later than in the Opus book)")
PY
