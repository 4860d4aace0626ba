#!/usr/bin/env bash
# CLI tests: exit codes, messages, the script contract and an end-to-end render.
set -u
bin=$1
src=$2
data=$src/tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect CODE PATTERN -- CMD...: exit code and a stderr pattern
expect() {
  local code=$1 pattern=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$code" ]; then fail "$*: exit $rc, wanted $code: $(cat "$tmp/err")"; return; fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
    fail "$*: stderr lacks /$pattern/: $(cat "$tmp/err")"; return
  fi
  pass
}

# usage and help
"$bin" --help >"$tmp/out" && grep -q "usage: dramatis" "$tmp/out" && pass || fail "--help"
"$bin" --version | grep -q "^dramatis [0-9]" && pass || fail "--version"
expect 2 "try 'dramatis --help'" -- "$bin"
expect 2 "unknown command 'sing'" -- "$bin" sing "$data/two_chapters.txt"
expect 2 "unknown option" -- "$bin" script --bogus "$data/two_chapters.txt"
expect 2 "missing BOOK" -- "$bin" render
expect 2 "unknown format" -- "$bin" script -f xml "$data/two_chapters.txt"

# bad input: a clear message naming the file, exit 1
expect 1 "^dramatis: $tmp/nope.txt: " -- "$bin" script "$tmp/nope.txt"
expect 1 "is a directory" -- "$bin" script "$tmp"
: >"$tmp/empty.txt"
expect 1 "empty" -- "$bin" script "$tmp/empty.txt"
printf 'Title\n\nGood line.\n\nBad \xff byte.\n' >"$tmp/bad.txt"
expect 1 "^dramatis: $tmp/bad.txt:5: invalid UTF-8 at byte 23" -- "$bin" script "$tmp/bad.txt"
printf 'Title\n\nHello\0world.\n' >"$tmp/nul.txt"
expect 1 "^dramatis: $tmp/nul.txt:3: NUL byte at byte 12: not a text file" -- "$bin" script "$tmp/nul.txt"
printf '[narrator]\nvoice = en-us\n[Mara\nvoice = en\n' >"$tmp/syntax.ini"
expect 1 "^dramatis: $tmp/syntax.ini:3: " -- "$bin" script --voices "$tmp/syntax.ini" "$data/two_chapters.txt"
printf '[narrator]\nvoice = en-us\n\n[Mara]\ngender = female\nvoice = en-uss\n' >"$tmp/voice.ini"
expect 1 "^dramatis: $tmp/voice.ini:6: unknown voice 'en-uss'" -- "$bin" script --voices "$tmp/voice.ini" "$data/two_chapters.txt"
expect 1 "missing.ini: No such file" -- "$bin" script --voices "$tmp/missing.ini" "$data/two_chapters.txt"

# an output folder that cannot be written: no .opus left behind
: >"$tmp/afile"
expect 1 "afile" -- "$bin" render -q -o "$tmp/afile" "$data/two_chapters.txt"
chmod 500 "$tmp" 2>/dev/null
if [ "$(id -u)" -ne 0 ]; then
  expect 1 "" -- "$bin" render -q -o "$tmp/locked" "$data/two_chapters.txt"
fi
chmod 700 "$tmp"

# the JSONL contract: keys, kinds, byte spans that point at the quoted words
if "$bin" script --format jsonl "$data/two_chapters.txt" >"$tmp/s.jsonl" 2>"$tmp/err"; then
  python3 - "$data/two_chapters.txt" "$tmp/s.jsonl" <<'PY' && pass || fail "jsonl contract"
import json, sys
raw = open(sys.argv[1], 'rb').read()
lines = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
assert lines, "no lines"
for o in lines:
    for k in ("chapter", "kind", "speaker", "voice", "src", "text"):
        assert k in o, (k, o)
    a, e = o["src"]
    span = " ".join(raw[a:e].decode("utf-8").split())
    if o["kind"] in ("dialogue", "narration"):
        assert span == o["text"], (span, o["text"])
    if o["kind"] == "narration":
        assert o["speaker"] is None, o
dialogue = [o for o in lines if o["kind"] == "dialogue"]
assert [o["text"] for o in dialogue][:2] == ["You're late,", "The tide was against me."], dialogue
assert all(o["speaker"] for o in dialogue), dialogue
assert dialogue[0]["speaker"] == "Mara" and dialogue[1]["speaker"] == "Tom", dialogue[:2]
assert not any('lighthouse' in o["text"] for o in dialogue), "scare quote read as dialogue"
assert {o["chapter"] for o in lines} == {1, 2}
PY
else
  fail "script jsonl: $(cat "$tmp/err")"
fi

# end to end: render, decode, check chapters and that script --timing predicts the length
out=$tmp/out-dir
if "$bin" render -q -o "$out" "$data/two_chapters.txt" 2>"$tmp/err"; then
  f="$out/The Small Test/The Small Test.opus"
  if [ -f "$f" ] && ! ls -a "$out/The Small Test" | grep -q part; then pass; else fail "render output: $(ls -a "$out"/*)"; fi
  opusinfo "$f" >"$tmp/opusinfo" 2>&1 && pass || fail "opusinfo: $(tail -5 "$tmp/opusinfo")"
  ffprobe -v error -show_chapters -show_format -show_streams -of json "$f" >"$tmp/probe.json" 2>"$tmp/err" || fail "ffprobe"
  "$bin" script --timing --format jsonl "$data/two_chapters.txt" >"$tmp/t.jsonl" || fail "script --timing"
  python3 - "$tmp/probe.json" "$tmp/t.jsonl" "$f" <<'PY' && pass || fail "chapters/duration"
import json, subprocess, sys
probe = json.load(open(sys.argv[1]))
chapters = probe["chapters"]
assert [c["tags"]["title"] for c in chapters] == ["Chapter 1: The Bench", "Chapter 2: The Boat"], chapters
assert float(chapters[0]["start_time"]) == 0.0
lines = [json.loads(l) for l in open(sys.argv[2])]
second = [l for l in lines if l["chapter"] == 2 and l["kind"] == "heading"][0]
# a chapter mark comes at the previous chapter's audio end: its title starts
# after the few ms of silence at the unit boundary
assert 0 <= second["start"] - float(chapters[1]["start_time"]) < 0.03, (chapters[1], second)
tags = {k.upper(): v for k, v in probe["format"].get("tags", {}).items()}
tags.update({k.upper(): v for s in probe.get("streams", []) for k, v in s.get("tags", {}).items()})
assert tags.get("ARTIST") == "Test Author" and tags.get("TITLE") == "The Small Test", tags
# decode every sample and compare with the predicted length (+ the 2.5 s chapter end pause)
pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", sys.argv[3], "-f", "s16le", "-ac", "1", "-ar", "48000", "-"],
                     capture_output=True, check=True).stdout
decoded = len(pcm) / 2 / 48000
predicted = lines[-1]["start"] + lines[-1]["duration"] + 2.5
assert abs(decoded - predicted) / predicted < 0.01, (decoded, predicted)
PY
else
  fail "render: $(cat "$tmp/err")"
fi

# tuning the cast: cast table, map written and extended, overrides, preview, voices
book=$data/two_chapters.txt
"$bin" cast "$book" >"$tmp/cast.txt" 2>"$tmp/err" && grep -q "^Mara " "$tmp/cast.txt" && grep -q "^Tom " "$tmp/cast.txt" \
  && pass || fail "cast table: $(cat "$tmp/cast.txt" "$tmp/err")"
"$bin" cast -q "$book" --write "$tmp/cast.ini" >/dev/null 2>"$tmp/err" && grep -q "^\[Mara\]" "$tmp/cast.ini" \
  && "$bin" script --voices "$tmp/cast.ini" "$book" >/dev/null 2>&1 && pass || fail "cast --write: $(cat "$tmp/err")"
printf '; mine\n[narrator]\nvoice  =  en-gb-x-rp   ; calm\n' >"$tmp/user.ini"
cp "$tmp/user.ini" "$tmp/user.orig"
"$bin" cast -q "$book" --write "$tmp/user.ini" >/dev/null 2>&1
cmp -s -n "$(wc -c <"$tmp/user.orig")" "$tmp/user.ini" "$tmp/user.orig" && grep -q "^; added by dramatis cast" "$tmp/user.ini" \
  && grep -q "^\[Tom\]" "$tmp/user.ini" && pass || fail "cast --write keeps the user's lines: $(cat "$tmp/user.ini")"
key=$("$bin" script --format jsonl "$book" | python3 -c 'import json,sys; print([json.loads(l) for l in sys.stdin if "key" in l][1]["key"])')
printf '[overrides]\n%s = Mara\n1 words nobody says = Tom\n' "$key" >"$tmp/ov.ini"
expect 0 "ov.ini:3: override '1 words nobody says' matches no quote" -- "$bin" script --format jsonl --voices "$tmp/ov.ini" "$book"
python3 -c 'import json,sys; l=[json.loads(x) for x in open(sys.argv[1]) if sys.argv[2] in x]; assert l[0]["speaker"]=="Mara" and l[0]["rule"]=="override", l' \
  "$tmp/out" "\"key\":\"$key\"" && pass || fail "override pins $key"
expect 1 "no speaker 'Nobody'.*known: narrator, Mara, Tom" -- "$bin" preview "$book" --speaker Nobody -o "$tmp/p.opus"
expect 0 "" -- "$bin" preview -q "$book" --speaker mara -o "$tmp/p.opus"
opusinfo "$tmp/p.opus" >/dev/null 2>&1 && pass || fail "preview opus"
expect 0 "" -- "$bin" preview -q "$book" --speaker Tom --text "Hello there." -o "$tmp/p.wav"
[ "$(head -c 4 "$tmp/p.wav")" = RIFF ] && pass || fail "preview wav"
expect 2 "missing --speaker" -- "$bin" preview "$book"

# a first-person narrator nobody names is a speaker apart from the narration's
# voice: the cast lists it, --write gives it a section, and a map, an override
# and preview reach it by its name
first=$tmp/first.txt
printf 'Told by Me\n\nHolmes was at his desk when I came in.\n\n"You look tired," said Holmes.\n\n"I am," said I.\n\n"Sit down," said he.\n\n"Thank you," I answered.\n\n"Have you eaten?" asked Holmes.\n\n"Not yet," I replied.\n' >"$first"
"$bin" cast "$first" >"$tmp/cast1.txt" 2>"$tmp/err" && grep -q "^(narrator) " "$tmp/cast1.txt" \
  && pass || fail "first-person narrator in the cast: $(cat "$tmp/cast1.txt" "$tmp/err")"
"$bin" cast -q "$first" --write "$tmp/first.ini" >/dev/null 2>"$tmp/err" && grep -q "^\[(narrator)\]$" "$tmp/first.ini" \
  && pass || fail "cast --write names the first-person narrator: $(cat "$tmp/first.ini" "$tmp/err")"
printf '[narrator]\nvoice = en-gb-x-rp\n\n[Holmes]\ngender = male\n\n[(narrator)]\nvoice = en-us+m3\n\n[overrides]\n1 have you eaten = (narrator)\n' >"$tmp/first-map.ini"
"$bin" script --format jsonl --voices "$tmp/first-map.ini" "$first" >"$tmp/first.jsonl" 2>"$tmp/err" && python3 - "$tmp/first.jsonl" <<'PY' && pass || fail "first-person narrator voiced and pinned: $(cat "$tmp/err")"
import json, sys
d = {o["text"]: o for o in map(json.loads, open(sys.argv[1])) if o["kind"] == "dialogue"}
for text in ("I am,", "Thank you,", "Not yet,", "Have you eaten?"):
    assert d[text]["speaker"] == "(narrator)" and d[text]["voice"] == "en-us+m3", d[text]
assert d["Have you eaten?"]["rule"] == "override", d
assert d["You look tired,"]["speaker"] == "Holmes", d
PY
expect 0 "" -- "$bin" preview -q "$first" --speaker "(narrator)" -o "$tmp/me.wav"
[ "$(head -c 4 "$tmp/me.wav")" = RIFF ] && pass || fail "preview of the first-person narrator"
expect 0 "" -- "$bin" preview -q "$first" --voices "$tmp/first-map.ini" --speaker "(NARRATOR)" -o "$tmp/me.opus"
"$bin" voices | grep -q "^en-us " && pass || fail "voices"

# render: the same bytes whatever --jobs; --split files from the same packets
if "$bin" render -q --no-cache --jobs 1 -o "$tmp/j1" "$data/two_chapters.txt" &&
   "$bin" render -q --no-cache --jobs 2 --split -o "$tmp/j2" "$data/two_chapters.txt"; then
  d="$tmp/j2/The Small Test"
  cmp -s "$tmp/j1/The Small Test/The Small Test.opus" "$d/The Small Test.opus" && pass || fail "--jobs 1 and 2 differ"
  for f in "$d"/*.opus; do
    opusinfo "$f" >"$tmp/opusinfo" 2>&1 && ! grep -qi warning "$tmp/opusinfo" && pass || fail "opusinfo $f: $(tail -3 "$tmp/opusinfo")"
    ffprobe -v error "$f" && pass || fail "ffprobe $f"
  done
  grep -q "^01 - Chapter 1_ The Bench.opus$" "$d/The Small Test.m3u8" && pass || fail "m3u8: $(cat "$d/The Small Test.m3u8")"
  # the book decodes to its chapters end to end; each mark at its chapter's first sample
  python3 - "$d" <<'PY' && pass || fail "book vs chapter files"
import glob, os, re, struct, subprocess, sys
d = sys.argv[1]
def decode(f):
    pcm = subprocess.run(["opusdec", "--quiet", "--float", "--rate", "48000", f, "-"],
                         capture_output=True, check=True).stdout
    return struct.unpack("<%df" % (len(pcm) // 4), pcm)
book_file = os.path.join(d, "The Small Test.opus")
book = decode(book_file)
info = subprocess.run(["opusinfo", book_file], capture_output=True, text=True).stdout
marks = [((int(h) * 60 + int(m)) * 60 + int(s)) * 48000 + int(ms) * 48
         for h, m, s, ms in re.findall(r"CHAPTER\d{3}=(\d+):(\d\d):(\d\d)\.(\d{3})", info)]
files = sorted(glob.glob(os.path.join(d, "[0-9][0-9] - *.opus")))
assert len(files) == len(marks) == 2, (files, marks)
pos = 0
for mark, f in zip(marks, files):
    ch = decode(f)
    assert pos - 48 < mark <= pos, (f, pos, mark)   # marks are whole milliseconds
    # the same audio, apart from the first 20 ms after the boundary
    diff = max(abs(a - b) for a, b in zip(book[pos + 960:pos + len(ch)], ch[960:]))
    assert diff < 1e-3, (f, diff)
    pos += len(ch)
assert pos == len(book), (pos, len(book))
PY
else
  fail "render --jobs/--split"
fi

# render: the cache says what it reused; --progress json is one object a line
out=$tmp/cache
"$bin" render -o "$out" "$data/two_chapters.txt" 2>"$tmp/err1" && grep -q "rendered chapters 1-2" "$tmp/err1" && pass || fail "first render: $(cat "$tmp/err1")"
"$bin" render --progress json -o "$out" "$data/two_chapters.txt" 2>"$tmp/err2" && grep -q "reused chapters 1-2" "$tmp/err2" && pass || fail "second render: $(cat "$tmp/err2")"
grep '^{' "$tmp/err2" | python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin]
assert lines and lines[-1]["finished"] and lines[-1]["units_reused"] == lines[-1]["units"], lines' && pass || fail "progress json: $(cat "$tmp/err2")"
"$bin" render --clear-cache -o "$out" "$data/two_chapters.txt" 2>"$tmp/err3" && grep -q "rendered chapters 1-2" "$tmp/err3" && pass || fail "--clear-cache: $(cat "$tmp/err3")"
"$bin" render -o "$out" "$data/two_chapters.txt" 2>"$tmp/err4" && ! grep -q "^{\|ETA" "$tmp/err4" && pass || fail "progress off a terminal: $(cat "$tmp/err4")"
expect 2 "jobs must be" -- "$bin" render --jobs 0 "$data/two_chapters.txt"
expect 2 "progress mode" -- "$bin" render --progress loud "$data/two_chapters.txt"

# reading it right: the announcement, the spoken field, [pauses], subtitles
"$bin" --help | grep -q -- "--subtitles" && "$bin" --help | grep -q -- "--no-announce" && pass || fail "--help lists --subtitles and --no-announce"
printf 'The Ledger of 1743\nby Ann Fell\n\nChapter IV\n\nIt cost \xc2\xa35 -- _too_ much, &c.\n' >"$tmp/ledger.txt"
"$bin" script --format jsonl "$tmp/ledger.txt" >"$tmp/ledger.jsonl" 2>"$tmp/err" && python3 - "$tmp/ledger.jsonl" <<'PY' && pass || fail "spoken: $(cat "$tmp/err")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert [l["kind"] for l in lines[:3]] == ["announcement", "heading", "narration"], lines
assert lines[0]["text"] == "The Ledger of 1743, by Ann Fell", lines[0]
assert lines[0]["spoken"] == "The Ledger of 17 43, by Ann Fell", lines[0]
assert lines[1]["spoken"] == "Chapter 4", lines[1]
assert lines[2]["text"] == "It cost \u00a35 -- _too_ much, &c.", lines[2]
assert lines[2]["spoken"] == '<speak>It cost 5 pounds <break time="300ms"/><emphasis>too</emphasis> much, et cetera</speak>', lines[2]
PY
"$bin" script --no-announce --format jsonl "$tmp/ledger.txt" | head -n 1 | grep -q '"kind":"heading"' && pass || fail "script --no-announce"
printf '[pauses]\ndash = 0.12\n' >"$tmp/pauses.ini"
"$bin" script --format jsonl --voices "$tmp/pauses.ini" "$tmp/ledger.txt" | grep -q 'break time=\\"120ms\\"' && pass || fail "[pauses] dash"
printf '[pauses]\nparagraph = forever\n' >"$tmp/bad-pause.ini"
expect 1 "^dramatis: $tmp/bad-pause.ini:2: pause 'paragraph' must be 0 to 10 seconds" -- "$bin" script --voices "$tmp/bad-pause.ini" "$tmp/ledger.txt"
out=$tmp/subs
if "$bin" render -q --subtitles --split --no-announce -o "$out" "$data/two_chapters.txt" 2>"$tmp/err"; then
  d="$out/The Small Test"
  python3 - "$d" <<'PY' && pass || fail "render --subtitles --split"
import glob, os, re, sys
d = sys.argv[1]
book = open(os.path.join(d, "The Small Test.vtt"), encoding="utf-8").read()
assert book.startswith("WEBVTT - The Small Test\n\n"), book[:40]
cues = re.findall(r"\n(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n<v ([^>]*)>(.*)</v>\n", book)
assert cues[0][2:] == ("Narrator", "Chapter 1: The Bench"), cues[0]   # no announcement
assert ("Mara", "You're late,") in [c[2:] for c in cues], cues
assert ("Tom", "The tide was against me.") in [c[2:] for c in cues], cues
assert book.count("\nNOTE ") == 2, book
chapters = sorted(glob.glob(os.path.join(d, "[0-9][0-9] - *.vtt")))
assert [os.path.basename(c) for c in chapters] == ["01 - Chapter 1_ The Bench.vtt", "02 - Chapter 2_ The Boat.vtt"], chapters
second = open(chapters[1], encoding="utf-8").read()
first = re.search(r"\n(\d\d):(\d\d):(\d\d)\.(\d{3}) --> ", second)
assert first and first.group(1, 2, 3) == ("00", "00", "00") and int(first.group(4)) < 50, second[:120]
assert not glob.glob(os.path.join(d, ".*part")), os.listdir(d)
PY
else
  fail "render --subtitles: $(cat "$tmp/err")"
fi

echo "cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
