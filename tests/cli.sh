#!/usr/bin/env bash
# CLI tests: exit codes, messages, the script contract and an end-to-end render.
set -u
. "$(dirname "$0")/harness.sh"

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
  f="$out/Test Author/The Small Test/The Small Test.opus"
  if [ -f "$f" ] && ! ls -a "$out/Test Author/The Small Test" | grep -q part; then pass; else fail "render output: $(ls -aR "$out")"; fi
  [ -d "$XDG_CACHE_HOME/dramatis/units" ] && [ ! -e "$out/Test Author/The Small Test/.cache" ] && pass || fail "cache in its place"
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
assert tags.get("ALBUM_ARTIST") == "Test Author" and tags.get("GENRE") == "Audiobook", tags
assert tags.get("LANGUAGE") == "en" and "narrator" in tags.get("COMMENT", ""), tags
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
# a first-person narrator the book names (others call them Beth) is found
# without a cast and speaks in the narrator's voice; cast --write marks them I
named=$tmp/named.txt
printf 'Told by Beth\n\nOrrin was at the window when I came in.\n\n"You look tired, Beth," said Orrin.\n\n"I am," said I.\n\n"Sit down, Beth," said he.\n\n"Thank you," I answered.\n\n"Have you eaten, Beth?" asked Orrin.\n\n"Not yet," I replied.\n' >"$named"
"$bin" script --format jsonl "$named" >"$tmp/named.jsonl" 2>"$tmp/err" && python3 - "$tmp/named.jsonl" <<'PY' && pass || fail "named first-person narrator in the narrator's voice: $(cat "$tmp/err")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
narration = {o["voice"] for o in rows if o["kind"] != "dialogue"}
d = {o["text"]: o for o in rows if o["kind"] == "dialogue"}
assert len(narration) == 1, narration
for text in ("I am,", "Thank you,", "Not yet,"):
    assert d[text]["speaker"] == "Beth" and d[text]["voice"] in narration, d[text]
assert d["You look tired, Beth,"]["voice"] not in narration, d
PY
"$bin" cast -q "$named" --write "$tmp/named.ini" >/dev/null 2>"$tmp/err" && grep -A3 "^\[Beth\]$" "$tmp/named.ini" | grep -q "^aliases = .*\bI\b" \
  && pass || fail "cast --write marks the named narrator I: $(cat "$tmp/named.ini" "$tmp/err")"
# names of another origin: listed by cast, said so by preview --text
printf 'Tea\n\nChapter 1\n\n"Morning, Iruka-sensei," said Naruto to Iruka.\n\n"Hi," said Iruka.\n' >"$tmp/ja.txt"
sed 's/-sensei//' "$tmp/ja.txt" >"$tmp/en.txt"
"$bin" cast "$tmp/ja.txt" 2>/dev/null | grep -q "^Iruka  *ja  *ee-ROO-kah \[\[i:\*'u:kA:\]\]" && pass || fail "cast lists Iruka as Japanese"
"$bin" cast "$tmp/en.txt" 2>/dev/null | grep -q "^Iruka  *en .*English rules" && pass || fail "cast: no honorific, English rules"
"$bin" preview -q "$tmp/ja.txt" --speaker narrator --text "Iruka" -o "$tmp/ja.wav" \
  && "$bin" preview -q "$tmp/en.txt" --speaker narrator --text "Iruka" -o "$tmp/en.wav" \
  && ! cmp -s "$tmp/ja.wav" "$tmp/en.wav" && pass || fail "preview --text says Iruka as the book does"
# the names reach espeak-ng as phonemes, the honorific joined to the name;
# the announcement is made from the map's [book] and said with the book's
# pronunciations, the map's and those found
printf '[book]\ntitle = Tea with Iruka\nauthor = Ann Fell\n\n[pronunciations]\nFell = Fel\n' >"$tmp/ja.ini"
"$bin" script --format jsonl --voices "$tmp/ja.ini" "$tmp/ja.txt" >"$tmp/ja.jsonl" 2>"$tmp/err" && python3 - "$tmp/ja.jsonl" <<'PY' && pass || fail "Japanese names in the spoken field: $(cat "$tmp/err")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines[0]["kind"] == "announcement" and lines[0]["text"] == "Tea with Iruka, by Ann Fell", lines[0]
assert lines[0]["spoken"] == "Tea with [[i:*'u:kA:]], by Ann Fel", lines[0]
said = {l["text"]: l["spoken"] for l in lines}
assert said["Morning, Iruka-sensei,"] == "Morning, [[i:*'u:kA:]]-[[s'EnseI]],", said
assert said["said Iruka."] == "said [[i:*'u:kA:]].", said
PY
"$bin" voices | grep -q "^en-us " && pass || fail "voices"

# render: the same bytes whatever --jobs; --split files from the same packets
if "$bin" render -q --no-cache --jobs 1 -o "$tmp/j1" "$data/two_chapters.txt" &&
   "$bin" render -q --no-cache --jobs 2 --split -o "$tmp/j2" "$data/two_chapters.txt"; then
  d="$tmp/j2/Test Author/The Small Test"
  cmp -s "$tmp/j1/Test Author/The Small Test/The Small Test.opus" "$d/The Small Test.opus" && pass || fail "--jobs 1 and 2 differ"
  for f in "$d"/*.opus "$d"/chapters/*.opus; do
    opusinfo "$f" >"$tmp/opusinfo" 2>&1 && ! grep -qi warning "$tmp/opusinfo" && pass || fail "opusinfo $f: $(tail -3 "$tmp/opusinfo")"
    ffprobe -v error "$f" && pass || fail "ffprobe $f"
  done
  grep -q "^01 - Chapter 1_ The Bench.opus$" "$d/chapters/The Small Test.m3u8" && pass || fail "m3u8: $(cat "$d/chapters/The Small Test.m3u8")"
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
files = sorted(glob.glob(os.path.join(d, "chapters", "[0-9][0-9] - *.opus")))
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

# m4b: the same bytes whatever --jobs; AAC in MP4 with both chapter lists and the cover
if "$bin" render -q --no-cache --jobs 1 --format m4b -o "$tmp/m1" "$data/two_chapters.txt" &&
   "$bin" render -q --no-cache --jobs 2 --format m4b -o "$tmp/m2" "$data/two_chapters.txt"; then
  m="$tmp/m2/Test Author/The Small Test/The Small Test.m4b"
  cmp -s "$tmp/m1/Test Author/The Small Test/The Small Test.m4b" "$m" && pass || fail "m4b: --jobs 1 and 2 differ"
  ffprobe -v error -show_chapters -show_streams -show_format -of json "$m" >"$tmp/m4b.json" && python3 - "$tmp/m4b.json" "$m" <<'PY' && pass || fail "m4b contents"
import json, subprocess, sys
p = json.load(open(sys.argv[1]))
assert [c["tags"]["title"] for c in p["chapters"]] == ["Chapter 1: The Bench", "Chapter 2: The Boat"], p["chapters"]
kinds = [(s["codec_type"], s.get("codec_name")) for s in p["streams"]]
assert ("audio", "aac") in kinds, kinds
tags = p["format"]["tags"]
assert tags["title"] == "The Small Test" and tags["artist"] == "Test Author" and tags["genre"] == "Audiobook", tags
data = open(sys.argv[2], "rb").read()
# Nero chpl for most players, a QuickTime chapter track (tref chap) for Apple's; moov first
assert b"chpl" in data and b"chap" in data and data.index(b"moov") < data.index(b"mdat"), "chapter atoms"
assert b"stik" in data and b"aART" in data, "audiobook media type, album artist"
# the first unit's encoder priming is declared (edit list), so players start at its audio
elst = data.index(b"elst")
assert int.from_bytes(data[elst + 16:elst + 20], "big") > 0, "priming in the edit list"
pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", sys.argv[2], "-f", "s16le", "-"], capture_output=True, check=True).stdout
assert len(pcm) / 2 / 22050 > 0.9 * float(p["format"]["duration"]), "decodes"
PY
else
  fail "render --format m4b"
fi
expect 1 "cover is neither a JPEG nor a PNG" -- "$bin" render -q --cover "$data/two_chapters.txt" -o "$tmp/badcover" "$data/two_chapters.txt"
[ ! -e "$tmp/badcover/Test Author/The Small Test/The Small Test.opus" ] && pass || fail "a bad cover renders nothing"

# a render that fails half-way keeps its folder: the next render comes back to it
d="$tmp/fail/Test Author/The Small Test"
"$bin" render -q -o "$tmp/fail" "$data/two_chapters.txt" && : >"$d/chapters" || fail "render before the failure"
expect 1 "chapters" -- "$bin" render -q --split -o "$tmp/fail" "$data/two_chapters.txt"
grep -q "^file The Small Test.opus$" "$d/.dramatis" && "$bin" render -q -o "$tmp/fail" "$data/two_chapters.txt" \
  && [ ! -e "$tmp/fail/Test Author/The Small Test (2)" ] && [ -f "$d/chapters" ] && pass || fail "after a failed render: $(ls -R "$tmp/fail")"

# render: the cache says what it reused; --progress json is one object a line
out=$tmp/cache
export XDG_CACHE_HOME=$tmp/xdg2
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

# command-line manners: each command's help, options that do not apply
"$bin" render --help >"$tmp/out" && grep -q "^usage: dramatis render" "$tmp/out" && grep -q -- "--split" "$tmp/out" \
  && ! grep -q -- "--speaker" "$tmp/out" && pass || fail "render --help: $(cat "$tmp/out")"
"$bin" script -h >"$tmp/out" && grep -q -- "--timing" "$tmp/out" && ! grep -q -- "--jobs" "$tmp/out" && pass || fail "script -h"
expect 2 "script: option '--split' does not apply" -- "$bin" script --split "$data/two_chapters.txt"
expect 2 "option '-j' does not apply" -- "$bin" cast -j 2 "$data/two_chapters.txt"
expect 2 "unknown format list" -- "$bin" render --format mp3 "$data/two_chapters.txt"
expect 2 "unknown format list" -- "$bin" render --format opus,opus "$data/two_chapters.txt"
expect 2 "the command comes first" -- "$bin" -q render "$data/two_chapters.txt"
"$bin" --generate-man | grep -q '^\.TH DRAMATIS 1' && pass || fail "man page"
"$bin" --generate-completion >"$tmp/compl" && bash -c ". '$tmp/compl' && complete -p dramatis" >/dev/null && pass || fail "completion"

# previews go to the cache's previews folder, never into a library
(cd "$tmp" && "$bin" preview -q "$data/two_chapters.txt" --speaker Mara) && [ -f "$XDG_CACHE_HOME/dramatis/previews/preview-Mara.opus" ] \
  && [ ! -e "$tmp/out/preview-Mara.opus" ] && pass || fail "preview location: $(find "$XDG_CACHE_HOME" "$tmp/out" 2>/dev/null | head)"
"$bin" cache >"$tmp/out" && grep -q "^$XDG_CACHE_HOME/dramatis$" "$tmp/out" && grep -q "MB in [1-9]" "$tmp/out" && pass || fail "cache: $(cat "$tmp/out")"
"$bin" cache --clear -q >"$tmp/out" && grep -q "0.0 MB in 0 books" "$tmp/out" && [ ! -e "$XDG_CACHE_HOME/dramatis/previews/preview-Mara.opus" ] \
  && pass || fail "cache --clear: $(cat "$tmp/out")"

# reading it right: the announcement, the spoken field, [pauses], subtitles
"$bin" render --help >"$tmp/out" && grep -q -- "--subtitles" "$tmp/out" && grep -q -- "--no-announce" "$tmp/out" \
  && "$bin" script --help >"$tmp/out" && grep -q -- "--no-announce" "$tmp/out" && ! grep -q -- "--subtitles" "$tmp/out" \
  && "$bin" --generate-man | grep -q 'subtitles' && "$bin" --generate-completion | grep -q -- '--no-announce' \
  && pass || fail "--subtitles and --no-announce in help, man page and completion"
expect 2 "script: option '--subtitles' does not apply" -- "$bin" script --subtitles "$data/two_chapters.txt"
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
  d="$out/Test Author/The Small Test"
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
# each chapter file's subtitles beside it in chapters/, with its name
chapters = sorted(glob.glob(os.path.join(d, "chapters", "[0-9][0-9] - *.vtt")))
assert [os.path.basename(c) for c in chapters] == ["01 - Chapter 1_ The Bench.vtt", "02 - Chapter 2_ The Boat.vtt"], chapters
for c in chapters:
    assert os.path.exists(c[:-4] + ".opus"), c
second = open(chapters[1], encoding="utf-8").read()
first = re.search(r"\n(\d\d):(\d\d):(\d\d)\.(\d{3}) --> ", second)
assert first and first.group(1, 2, 3) == ("00", "00", "00") and int(first.group(4)) < 50, second[:120]
# written through the manifest, nothing half-written left
manifest = open(os.path.join(d, ".dramatis"), encoding="utf-8").read().split("\n")
for rel in ("The Small Test.vtt", "chapters/01 - Chapter 1_ The Bench.vtt", "chapters/02 - Chapter 2_ The Boat.vtt"):
    assert "file " + rel in manifest, (rel, manifest)
left = [f for _, _, fs in os.walk(d) for f in fs if f.endswith(".part")]
assert not left, left
PY
  # a render without them removes them, as it does any file it no longer writes
  "$bin" render -q --no-announce -o "$out" "$data/two_chapters.txt" && [ -f "$d/The Small Test.opus" ] \
    && [ ! -e "$d/The Small Test.vtt" ] && [ ! -e "$d/chapters" ] && pass || fail "stale subtitles removed: $(ls -R "$d")"
  "$bin" render -q --subtitles --split=only -o "$out" "$data/two_chapters.txt" && [ ! -e "$d/The Small Test.vtt" ] \
    && [ -f "$d/01 - Chapter 1_ The Bench.vtt" ] && [ -f "$d/02 - Chapter 2_ The Boat.vtt" ] && pass \
    || fail "--split=only: a .vtt beside each chapter file only: $(ls "$d")"
else
  fail "render --subtitles: $(cat "$tmp/err")"
fi
# subtitles follow each format's own file: the m4b's cues are timed as the
# m4b lays its units (every later unit's AAC priming stays in it), the Opus book's
# as the Opus book does
m=$tmp/subs-m4b
if "$bin" render -q --subtitles --format m4b,opus -o "$m" "$data/two_chapters.txt" 2>"$tmp/err"; then
  d="$m/Test Author/The Small Test"
  ffprobe -v error -show_chapters -of json "$d/The Small Test.m4b" >"$tmp/m4b-ch.json" \
    && ffprobe -v error -show_chapters -of json "$d/opus/The Small Test.opus" >"$tmp/opus-ch.json" \
    && python3 - "$d" "$tmp/m4b-ch.json" "$tmp/opus-ch.json" <<'PY' && pass || fail "subtitles of m4b and opus"
import json, os, re, sys
d = sys.argv[1]
def cues(path):
    text = open(path, encoding="utf-8").read()
    return [(int(h) * 3600 + int(mi) * 60 + int(s) + int(ms) / 1000, said)
            for h, mi, s, ms, said in re.findall(r"\n(\d\d):(\d\d):(\d\d)\.(\d{3}) --> .*\n<v [^>]*>(.*)</v>\n", text)]
m4b, opus = cues(os.path.join(d, "The Small Test.vtt")), cues(os.path.join(d, "opus", "The Small Test.vtt"))
assert [c[1] for c in m4b] == [c[1] for c in opus] and len(m4b) > 5, (m4b, opus)
for vtt, chapters in ((m4b, sys.argv[2]), (opus, sys.argv[3])):
    start = float(json.load(open(chapters))["chapters"][1]["start_time"])
    heading = [t for t, said in vtt if said == "Chapter 2: The Boat"][0]
    # the title follows its chapter mark by the unit boundary's silence
    assert 0 <= heading - start < 0.1, (heading, start)
# the m4b runs longer: each later unit keeps its priming
assert m4b[-1][0] > opus[-1][0], (m4b[-1], opus[-1])
PY
else
  fail "render --subtitles --format m4b,opus: $(cat "$tmp/err")"
fi

summary cli
