#!/usr/bin/env bash
# Project Gutenberg files as downloaded, end to end: the chapter marks of
# `script --format jsonl` and of a rendered book (ffprobe), its title and
# author tags, and not a spoken line from the licence, the title pages or
# the footer.  Headers and footers are written here; the books' text is the
# shared corpus (the test fails without it).
#
# usage: gutenberg.sh DRAMATIS SHARED_DIR
set -u
bin=$1
corpus=$2/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

for f in PrideAndPrejudice AlicesAdventuresInWonderland; do
  [ -f "$corpus/$f/novel_text.txt" ] || { echo "FAIL: no $corpus/$f/novel_text.txt" >&2; exit 1; }
done

# What a book's script says: its headings, and any spoken line that is not story.
check_script() {   # NAME FILE EXPECTED_HEADINGS_FILE NOT_READ_REGEX
  if ! "$bin" script --format jsonl "$2" >"$tmp/$1.jsonl" 2>"$tmp/err"; then
    fail "$1: script: $(cat "$tmp/err")"
    return
  fi
  python3 - "$tmp/$1.jsonl" "$3" "$4" "$1" <<'PY' || fail "$1: script"
import json, re, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
heads = [l["text"] for l in lines if l["kind"] == "heading"]
want = [l.rstrip("\n") for l in open(sys.argv[2])]
assert heads == want, (sys.argv[4], len(heads), [h for h in heads if h not in want][:5])
# the title and author are announced once, first (from the header)
assert [l["kind"] for l in lines].count("announcement") == 1 and lines[0]["kind"] == "announcement", lines[:2]
bad = [l["text"] for l in lines if l["kind"] not in ("heading", "announcement") and re.search(sys.argv[3], l["text"])]
assert not bad, (sys.argv[4], bad[:5])
PY
}

# Pride and Prejudice in today's layout, with the first volume's title page
# (the corpus has the second's and third's): 61 marks, `Volume 2: Chapter 1`.
{
  printf 'The Project Gutenberg eBook of Pride and Prejudice\n\n'
  printf 'This ebook is for the use of anyone anywhere in the United States and\n'
  printf 'most other parts of the world at no cost and with almost no restrictions\n'
  printf 'whatsoever.\n\nTitle: Pride and Prejudice\n\nAuthor: Jane Austen\n\n'
  printf 'Release date: June 1, 1998 [eBook #1342]\n\nLanguage: English\n\n\n'
  printf '*** START OF THE PROJECT GUTENBERG EBOOK PRIDE AND PREJUDICE ***\n\n\n'
  awk '/^END OF VOL\. I\./ { on = 1; next } on && /^CHAPTER I\./ { exit }
       on { sub(/^VOL\. II\./, "VOL. I."); print }' "$corpus/PrideAndPrejudice/novel_text.txt"
  cat "$corpus/PrideAndPrejudice/novel_text.txt"
  printf '\n\n*** END OF THE PROJECT GUTENBERG EBOOK PRIDE AND PREJUDICE ***\n\n'
  printf 'Updated editions will replace the previous one.\n\nSTART: FULL LICENSE\n'
} >"$tmp/pg1342.txt"
awk '/^CHAPTER I\./ { v++; n = 0 } /^CHAPTER / { printf "Volume %d: Chapter %d\n", v, ++n }' \
  "$corpus/PrideAndPrejudice/novel_text.txt" >"$tmp/pp.want"
[ "$(wc -l <"$tmp/pp.want")" = 61 ] || fail "P&P: the corpus has $(wc -l <"$tmp/pp.want") chapters"
check_script pp "$tmp/pg1342.txt" "$tmp/pp.want" \
  'Gutenberg|Illustration|Sensibility|Volumes|Printed for|PREJUDICE|END OF|1813|Jane Austen|LICENSE'

# Alice in the older layout: `End of Project Gutenberg's ...` before the END line.
{
  printf "Project Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll\n\n"
  printf 'This eBook is for the use of anyone anywhere at no cost and with\n'
  printf 'almost no restrictions whatsoever.\n\n\n'
  printf "Title: Alice's Adventures in Wonderland\n\nAuthor: Lewis Carroll\n\n"
  printf 'Posting Date: June 25, 2008 [EBook #11]\nRelease Date: March, 1994\n\n'
  printf 'Language: English\n\n\n'
  printf "*** START OF THIS PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***\n\n\n\n"
  printf "ALICE'S ADVENTURES IN WONDERLAND\n\nLewis Carroll\n\nTHE MILLENNIUM FULCRUM EDITION 3.0\n\n\n\n"
  cat "$corpus/AlicesAdventuresInWonderland/novel_text.txt"
  printf "\n\n\n\nEnd of Project Gutenberg's Alice's Adventures in Wonderland, by Lewis Carroll\n\n"
  printf "*** END OF THIS PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***\n\n"
  printf '***** This file should be named 11.txt or 11.zip *****\n'
} >"$tmp/pg11.txt"
awk 'h { sub(/\r$/, ""); printf "Chapter %d: %s\n", ++n, $0; h = 0 } /^CHAPTER / { h = 1 }' \
  "$corpus/AlicesAdventuresInWonderland/novel_text.txt" >"$tmp/alice.want"
check_script alice "$tmp/pg11.txt" "$tmp/alice.want" \
  "Gutenberg|MILLENNIUM|Lewis Carroll|ADVENTURES|Wonderland, by"
head -n 1 "$tmp/alice.jsonl" | grep -q '"text":"Alice.s Adventures in Wonderland, by Lewis Carroll"' \
  || fail "alice: announcement from the header: $(head -n 1 "$tmp/alice.jsonl")"

# A small book rendered: its marks, title and author as a player shows them.
cat >"$tmp/keeper.txt" <<'EOF'
The Project Gutenberg eBook of The Lantern Keeper

Title: The Lantern Keeper

Author: Ann Weller

Language: English

*** START OF THE PROJECT GUTENBERG EBOOK THE LANTERN KEEPER ***

[Illustration]

THE LANTERN KEEPER:

A Novel.

In Two Volumes.

VOL. I.

London:
Printed for J. Smith.
1820.

CONTENTS

CHAPTER I.    The Lamp
CHAPTER II.   The Boy

CHAPTER I.

The keeper lit the lamp at dusk, and it burned all night over the bay.

CHAPTER II.

"Is it lit?" asked the boy.

END OF VOL. I.

[Illustration: THE HARBOUR.]

THE LANTERN KEEPER:

VOL. II.

CHAPTER I.

The ships came home.

*** END OF THE PROJECT GUTENBERG EBOOK THE LANTERN KEEPER ***

Updated editions will replace the previous one.
EOF
if "$bin" render -q --no-cache -o "$tmp/out" "$tmp/keeper.txt" 2>"$tmp/err"; then
  ffprobe -v error -show_chapters -show_format -show_streams -of json \
    "$tmp/out/Ann Weller/The Lantern Keeper/The Lantern Keeper.opus" >"$tmp/probe.json" 2>"$tmp/err" ||
    fail "ffprobe: $(cat "$tmp/err")"
  python3 - "$tmp/probe.json" <<'PY' || fail "rendered chapters and tags"
import json, sys
probe = json.load(open(sys.argv[1]))
marks = [c["tags"]["title"] for c in probe["chapters"]]
assert marks == ["Volume 1: Chapter 1", "Volume 1: Chapter 2", "Volume 2: Chapter 1"], marks
tags = {k.upper(): v for k, v in probe["format"].get("tags", {}).items()}
tags.update({k.upper(): v for s in probe.get("streams", []) for k, v in s.get("tags", {}).items()})
assert tags.get("TITLE") == "The Lantern Keeper" and tags.get("ARTIST") == "Ann Weller", tags
PY
else
  fail "render: $(cat "$tmp/err")"
fi
printf '%s\n' "Volume 1: Chapter 1" "Volume 1: Chapter 2" "Volume 2: Chapter 1" >"$tmp/keeper.want"
check_script keeper "$tmp/keeper.txt" "$tmp/keeper.want" \
  'Gutenberg|Illustration|KEEPER|Novel|Volumes|London|Printed|1820|CONTENTS|Lamp|END OF|Updated'

[ "$failures" = 0 ] && echo "gutenberg: all passed"
exit $((failures > 0))
