#!/usr/bin/env bash
# The input formats on the command line: sniffing by content and extension,
# --input-format, '-' for standard input, `dramatis text`, `--src`, and bad
# input as `dramatis: FILE: message` with exit 1.
set -u
. "$(dirname "$0")/../harness.sh"

cat >"$tmp/story.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>The Kettle</title></head><body>
<h1>The Kettle</h1>
<p>"Tea?" asked <em>Mara</em>.</p>
<p>"Please," said Tom.</p>
</body></html>
HTML

# HTML by its content, whatever its name; tags never read
cp "$tmp/story.html" "$tmp/story.txt"
# (the titles are checked without the announcement, which would say the
# book's title instead of a chapter heading that only repeats it)
for f in story.html story.txt; do
  "$bin" script "$tmp/$f" >"$tmp/out" 2>"$tmp/err" && pass || fail "script $f: $(cat "$tmp/err")"
  grep -q '<p>\|</em>\|DOCTYPE' "$tmp/out" && fail "$f: tags read aloud" || pass
  head -n 1 "$tmp/out" | grep -q '^The Kettle$' && pass || fail "$f: announced title"
  "$bin" script --no-announce "$tmp/$f" | grep -q '^== The Kettle ==' && pass || fail "$f: title"
done
# --input-format text reads the same file as text, tags and all
"$bin" text --input-format text "$tmp/story.html" | grep -q '<p>"Tea?"' && pass || fail "--input-format text"
expect 2 "unknown input format 'pdf'" -- "$bin" script --input-format pdf "$tmp/story.html"

# dramatis text: the extracted text; --src text offsets index it
"$bin" text "$tmp/story.html" >"$tmp/text" && pass || fail "dramatis text"
# (the <h1> repeating the title is the book's title, not text)
printf '"Tea?" asked _Mara_.\n\n"Please," said Tom.\n\n' | cmp -s - "$tmp/text" && pass \
  || fail "dramatis text output: $(cat -A "$tmp/text")"
"$bin" script -f jsonl "$tmp/story.html" >"$tmp/doc.jsonl"
"$bin" script -f jsonl --src text "$tmp/story.html" >"$tmp/text.jsonl"
grep -q "\"doc\":\"$tmp/story.html\",\"src\":\[[0-9]*,[0-9]*\]" "$tmp/doc.jsonl" && pass || fail "doc field"
grep -q '"doc"' "$tmp/text.jsonl" && fail "--src text prints doc" || pass
python3 - "$tmp" <<'PY' && pass || fail "src offsets"
import json, sys
t = sys.argv[1]
html = open(t + "/story.html", "rb").read()
text = open(t + "/text", "rb").read()
for a, b in zip(open(t + "/doc.jsonl"), open(t + "/text.jsonl")):
    a, b = json.loads(a), json.loads(b)
    if a["kind"] != "dialogue":
        continue
    assert html[a["src"][0]:a["src"][1]].decode() == a["text"], a
    assert text[b["src"][0]:b["src"][1]].decode() == b["text"], b
PY
# plain UTF-8 text keeps its bytes: no doc field, the same offsets both ways
printf 'Title\n\n"Hi," said Tom.\n' >"$tmp/plain.txt"
"$bin" script -f jsonl "$tmp/plain.txt" >"$tmp/p1"
"$bin" script -f jsonl --src text "$tmp/plain.txt" >"$tmp/p2"
cmp -s "$tmp/p1" "$tmp/p2" && ! grep -q '"doc"' "$tmp/p1" && pass || fail "plain text src"
"$bin" text "$tmp/plain.txt" | cmp -s - "$tmp/plain.txt" && pass || fail "text of plain text"
expect 2 "unknown --src" -- "$bin" script --src bytes "$tmp/plain.txt"

# standard input
"$bin" script --no-announce - <"$tmp/story.html" >"$tmp/out" 2>"$tmp/err" && grep -q '^== The Kettle ==' "$tmp/out" \
  && pass || fail "stdin html: $(cat "$tmp/err")"
printf 'Just words, "said" nobody.\n' | "$bin" script --no-announce - | grep -q '^== Untitled ==' && pass || fail "stdin title"
printf '# Dawn\n\n"Up," said *Ivy*.\n' | "$bin" text --input-format markdown - \
  | grep -qx '"Up," said _Ivy_.' && pass || fail "stdin markdown"

# bad input: `dramatis: FILE: message`, exit 1
printf 'PK\003\004garbage' >"$tmp/broken.epub"
expect 1 "^dramatis: $tmp/broken.epub: not a readable EPUB" -- "$bin" script "$tmp/broken.epub"
printf '%%PDF-1.4\n\000\001\002' >"$tmp/paper.pdf"
expect 1 "^dramatis: $tmp/paper.pdf: not a supported format" -- "$bin" script "$tmp/paper.pdf"
printf '<html><body><script>x</script></body></html>' >"$tmp/blank.html"
expect 1 "^dramatis: $tmp/blank.html: nothing to read" -- "$bin" script "$tmp/blank.html"
"$bin" script --help | grep -q -- '--input-format' && pass || fail "script --help lists --input-format"

summary formats
