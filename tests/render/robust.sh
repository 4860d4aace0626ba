#!/usr/bin/env bash
# Nothing lost (issue 14): concurrent renders of one book, damaged cache
# units, links planted in the folders a render writes, limits known before
# synthesis, what killed renders leave, previews and maps written safely.
# Concurrency is tested deterministically: the test holds a render's lock
# itself (flock) and checks what the second render does.
set -u
. "$(dirname "$0")/../harness.sh"

book=$data/two_chapters.txt
folder="Test Author/The Small Test"

# a whole Ogg Opus file: every page's CRC, decodable to its end
valid_opus() {
  opusinfo "$1" >"$tmp/opusinfo" 2>&1 && ! grep -qiE "warning|error|corrupt" "$tmp/opusinfo" &&
    ffmpeg -v error -i "$1" -f null - 2>"$tmp/ffmpeg" && [ ! -s "$tmp/ffmpeg" ]
}

# ---- 1. two renders of one book: a lock per book folder and per book cache

"$bin" render -q -o "$tmp/lib" "$book" 2>"$tmp/err" && pass || fail "first render: $(cat "$tmp/err")"
cp "$tmp/lib/$folder/The Small Test.opus" "$tmp/first.opus"
[ ! -e "$tmp/lib/$folder/.dramatis.lock" ] && pass || fail "the book's lock file stays after a render"

# the book folder held by another render (the test holds its lock):
# refused at once, naming the process, the finished book untouched
exec 9>"$tmp/lib/$folder/.dramatis.lock"
flock 9
echo 4242 >&9
"$bin" render -q -o "$tmp/lib" --bitrate 16000 "$book" 2>"$tmp/err" 9>&-
rc=$?
[ "$rc" -eq 1 ] && grep -q "another render is writing this book (process 4242): wait for it" "$tmp/err" &&
  pass || fail "render of a locked book: exit $rc: $(cat "$tmp/err")"
cmp -s "$tmp/first.opus" "$tmp/lib/$folder/The Small Test.opus" && pass ||
  fail "a refused render changed the book"
exec 9>&-

# the book's cache held by another render (into another folder): refused
cache=$(ls -d "$XDG_CACHE_HOME"/dramatis/units/*/)
exec 9>"${cache}.lock"
flock 9
"$bin" render -q -o "$tmp/lib2" "$book" 2>"$tmp/err" 9>&-
rc=$?
[ "$rc" -eq 1 ] && grep -q "another render of this book is using its cache" "$tmp/err" &&
  grep -q -- "--no-cache" "$tmp/err" && pass || fail "render of a book whose cache is held: exit $rc: $(cat "$tmp/err")"
# --no-cache does not need the cache: it renders
"$bin" render -q --no-cache -o "$tmp/lib2" "$book" 2>"$tmp/err" 9>&- && valid_opus "$tmp/lib2/$folder/The Small Test.opus" &&
  pass || fail "--no-cache render beside a held cache: $(cat "$tmp/err")"
exec 9>&-

# two renders started together, with the same and with other settings:
# each one writes a whole book or refuses clearly; the book is whole
for settings in "" "--bitrate 16000"; do
  rm -rf "$tmp/race"
  # shellcheck disable=SC2086
  "$bin" render -q --jobs 1 -o "$tmp/race" $settings "$book" 2>"$tmp/err1" &
  a=$!
  "$bin" render -q --jobs 1 -o "$tmp/race" "$book" 2>"$tmp/err2" &
  b=$!
  wait $a; rc1=$?
  wait $b; rc2=$?
  ok=1
  for k in 1 2; do
    rc=$([ $k -eq 1 ] && echo $rc1 || echo $rc2)
    if [ "$rc" -ne 0 ] && ! grep -q "another render" "$tmp/err$k"; then ok=0; fi
  done
  [ $((rc1 + rc2)) -lt 2 ] || ok=0
  [ $ok -eq 1 ] && valid_opus "$tmp/race/$folder/The Small Test.opus" &&
    [ "$(find "$tmp/race" -name '.*.part' | wc -l)" -eq 0 ] && pass ||
    fail "two renders at once ($settings): $rc1/$rc2: $(cat "$tmp/err1" "$tmp/err2")"
done

# ---- 2. a damaged cache unit is rendered again, never reused

rm -rf "$XDG_CACHE_HOME" "$tmp/lib"
"$bin" render -q --jobs 1 -o "$tmp/lib" "$book" 2>/dev/null
cp "$tmp/lib/$folder/The Small Test.opus" "$tmp/whole.opus"
unit=$(ls "$XDG_CACHE_HOME"/dramatis/units/*/*.opus | head -1)
size=$(stat -c %s "$unit")
cp "$unit" "$tmp/unit.opus"
damage() {   # how: truncate N, or flip N
  cp "$tmp/unit.opus" "$unit"
  if [ "$1" = truncate ]; then
    truncate -s "$2" "$unit"
  else
    python3 -c "import sys; p=sys.argv[1]; n=int(sys.argv[2]); b=bytearray(open(p,'rb').read()); b[n]^=0x5a; open(p,'wb').write(b)" "$unit" "$2"
  fi
}
for how in "truncate $((size / 3))" "truncate $((size - 1))" "truncate $((size - 200))" \
           "flip $((size - 1))" "flip $((size - 30))" "flip $((size / 2))"; do
  # shellcheck disable=SC2086
  damage $how
  "$bin" render -o "$tmp/lib" "$book" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 0 ] && grep -q "cached unit was damaged or incomplete: rendering it again" "$tmp/err" &&
    cmp -s "$tmp/whole.opus" "$tmp/lib/$folder/The Small Test.opus" && pass ||
    fail "unit damaged ($how): exit $rc, same book: $(cmp "$tmp/whole.opus" "$tmp/lib/$folder/The Small Test.opus" 2>&1): $(cat "$tmp/err")"
done
# a unit of the right length whose timings say another length is not used
cp "$tmp/unit.opus" "$unit"
for lines in "$(dirname "$unit")"/*.lines; do
  python3 - "$lines" <<'PY'
import sys
p = sys.argv[1]
head, rest = open(p).read().split('\n', 1)
magic, samples, n = head.split(' ')
open(p, 'w').write('%s %d %s\n%s' % (magic, int(samples) + 960, n, rest))
PY
done
"$bin" render -o "$tmp/lib" "$book" 2>"$tmp/err"
cmp -s "$tmp/whole.opus" "$tmp/lib/$folder/The Small Test.opus" && pass || fail "damaged timings: $(cat "$tmp/err")"
# an undamaged cache is reused without a note
"$bin" render -o "$tmp/lib" "$book" 2>"$tmp/err"
grep -q "reused chapters 1-2" "$tmp/err" && ! grep -q damaged "$tmp/err" && pass || fail "whole cache reused: $(cat "$tmp/err")"

# ---- 3. links planted in the book's folder and the cache are never followed

echo "precious" >"$tmp/victim"
d="$tmp/lib/$folder"
for name in ".The Small Test.opus.part" ".dramatis.part" ".dramatis.lock" "cover.jpg.part" \
            ".ignore"; do
  ln -sf "$tmp/victim" "$d/$name"
done
for f in "$(dirname "$unit")"/*.opus "$(dirname "$unit")"/*.lines; do
  ln -sf "$tmp/victim" "$f.tmp.$$"
done
"$bin" render -q --clear-cache --split -o "$tmp/lib" "$book" 2>"$tmp/err"
[ "$(cat "$tmp/victim")" = precious ] && pass || fail "a planted link was followed: $(cat "$tmp/err")"
[ -L "$d/.dramatis.lock" ] && pass || fail "a planted link was removed or replaced"
rm -f "$d/.dramatis.lock"

# a folder on the way is a link into someone's files: a manifest planted
# to list a file there as stale does not remove it, and no chapter file
# is written through a chapters/ link
mkdir -p "$tmp/home"
echo "mine" >"$tmp/home/secret"
ln -s "$tmp/home" "$d/sub"
python3 - "$d/.dramatis" <<'PY'
import sys
p = sys.argv[1]
text = open(p).read()
open(p, 'w').write(text + "file sub/secret\n")
PY
"$bin" render -q -o "$tmp/lib" "$book" 2>"$tmp/err"
[ -e "$tmp/home/secret" ] && pass || fail "a planted manifest removed a file through a link: $(cat "$tmp/err")"
rm -rf "$d/chapters" "$d/sub"
ln -s "$tmp/home" "$d/chapters"
"$bin" render -q --split -o "$tmp/lib" "$book" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "is a link, not a folder" "$tmp/err" && [ "$(ls "$tmp/home")" = secret ] &&
  pass || fail "chapters/ as a link: exit $rc: $(cat "$tmp/err"); $(ls "$tmp/home")"
rm -f "$d/chapters"

# ---- 4. limits: a long title, many chapters

# a title of 245 bytes, and one of multi-byte characters: cut at a
# character boundary, within the file system's limit
python3 - "$tmp/long.html" "$tmp/wide.html" <<'PY'
import sys
page = ('<html><head><title>%s</title></head><body><h1>Chapter 1</h1>'
        '<p>"Hello," said Tom.</p></body></html>')
open(sys.argv[1], 'w').write(page % ("T" + "itle " * 48 + "Tale"))
open(sys.argv[2], 'w').write(page % ("a" + "Ж" * 150))
PY
for f in long wide; do
  "$bin" render -q -o "$tmp/names" "$tmp/$f.html" 2>"$tmp/err" && pass ||
    fail "render of the $f title: $(cat "$tmp/err")"
done
python3 - "$tmp/names" <<'PY' && pass || fail "names of long titles"
import os, sys
for root, dirs, files in os.walk(sys.argv[1]):
    for n in dirs + files:
        b = n.encode('utf-8', 'surrogateescape')
        b.decode('utf-8')  # whole characters only
        assert len(b) <= 255, n
books = [f for r, d, fs in os.walk(sys.argv[1]) for f in fs if f.endswith('.opus')]
assert len(books) == 2, books
assert any(f.startswith('a' + 'Ж' * 99 + '.opus') for f in books), books
assert any(f.startswith('Title itle') and len(f.encode()) <= 205 for f in books), books
PY

# 1,000 chapters: rendered whole; the Opus file's chapter marks (at most
# 999) group them two to a mark, each at its first chapter
python3 - "$tmp/many.txt" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write("Many Chapters\n\n")
    for i in range(1, 1001):
        f.write("Chapter %d\n\nHi.\n\n" % i)
PY
"$bin" render -q -o "$tmp/many" "$tmp/many.txt" 2>"$tmp/err"
rc=$?
m=$(find "$tmp/many" -name '*.opus' | head -1)
if [ "$rc" -eq 0 ] && valid_opus "$m"; then
  ffprobe -v error -show_chapters -of json "$m" >"$tmp/ch.json"
  python3 - "$tmp/ch.json" <<'PY' && pass || fail "1,000 chapters' marks"
import json, sys
ch = json.load(open(sys.argv[1]))['chapters']
assert len(ch) == 500, len(ch)
assert ch[0]['tags']['title'] == 'Chapter 1 - Chapter 2', ch[0]
assert ch[499]['tags']['title'] == 'Chapter 999 - Chapter 1000', ch[499]
starts = [float(c['start_time']) for c in ch]
assert starts == sorted(starts) and len(set(starts)) == 500
PY
else
  fail "1,000 chapters: exit $rc: $(cat "$tmp/err")"
fi

# an output folder that can be made but whose files' paths would pass the
# system's limit (4,096 bytes): refused before synthesis, not after it
deep=$(python3 - "$tmp/deep" <<'PY'
import sys
# the book's folder, "<deep>/Test Author/The Small Test", takes 4,070 bytes
base, room = sys.argv[1], 4070 - len("/Test Author/The Small Test") - len(sys.argv[1])
parts = []
while room > 0:
    n = min(200, room - 1)
    parts.append('d' * n)
    room -= n + 1
print(base + '/' + '/'.join(parts))
PY
)
rm -rf "$XDG_CACHE_HOME"
"$bin" render -q -o "$deep" "$book" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "give -o a shorter folder" "$tmp/err" &&
  [ -z "$(find "$XDG_CACHE_HOME" -name '*.opus' 2>/dev/null)" ] &&
  pass || fail "deep output folder: exit $rc: $(cat "$tmp/err")"

# ---- 7. what killed renders leave; previews; maps behind links

# a killed --no-cache render's folder of units and a killed join's part file
mkdir -p "$d/.units-AbC123"
: >"$d/.units-AbC123/0123456789abcdef.opus"
: >"$d/.units-AbC123/.0123456789abcdef.opus.x1Y2z3.part"
: >"$d/.The Small Test.opus.Zz9Yy8.part"
: >"$d/.keep-me"
touch -d '1 hour ago' "$d/.units-AbC123" "$d/.The Small Test.opus.Zz9Yy8.part"
"$bin" render -q -o "$tmp/lib" "$book" 2>"$tmp/err"
[ ! -e "$d/.units-AbC123" ] && [ ! -e "$d/.The Small Test.opus.Zz9Yy8.part" ] && [ -e "$d/.keep-me" ] &&
  pass || fail "leftovers of killed renders: $(ls -a "$d")"
# --no-cache interrupted (SIGTERM while its workers run): the next render
# removes its folder of units
"$bin" render -q --no-cache --jobs 1 -o "$tmp/lib" --clear-cache "$book" 2>/dev/null &
k=$!
for _ in $(seq 100); do ls -d "$d"/.units-* >/dev/null 2>&1 && break; sleep 0.05; done
kill -9 $k 2>/dev/null
wait $k 2>/dev/null
sleep 1.1   # the sweep takes what is older than the render that sweeps
"$bin" render -q --no-cache -o "$tmp/lib" "$book" 2>"$tmp/err"
[ -z "$(ls -d "$d"/.units-* 2>/dev/null)" ] && pass || fail "a killed --no-cache render's units stay: $(ls -a "$d")"

# a preview that fails keeps the file at its -o path
"$bin" preview --speaker Mara -o "$tmp/p.opus" "$book" 2>/dev/null
cp "$tmp/p.opus" "$tmp/p.before"
( trap '' XFSZ; ulimit -f 1; "$bin" preview --speaker Tom -o "$tmp/p.opus" "$book" ) 2>"$tmp/err"
rc=$?
[ "$rc" -ne 0 ] && cmp -s "$tmp/p.opus" "$tmp/p.before" && [ -z "$(ls -a "$tmp" | grep '\.part$')" ] &&
  pass || fail "failed preview: exit $rc: $(cat "$tmp/err")"

# cast --write on a map that is a link: the map it points to gets the cast
mkdir -p "$tmp/maps"
printf '[narrator]\nvoice = en-us\n' >"$tmp/maps/real.ini"
ln -s maps/real.ini "$tmp/map.ini"
"$bin" cast --write "$tmp/map.ini" "$book" >/dev/null 2>"$tmp/err"
[ -L "$tmp/map.ini" ] && grep -q '^\[Mara\]' "$tmp/maps/real.ini" && pass ||
  fail "cast --write through a link: $(cat "$tmp/err"); $(ls -l "$tmp")"

summary robust
