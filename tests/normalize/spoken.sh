#!/usr/bin/env bash
# What the shared novels and excerpts speak (the script's "spoken" field):
# no emphasis underscores, no [Illustration], no &c., no year read as
# thousands, no mark espeak-ng would name aloud, and valid SSML wherever
# there is any.
set -u
bin=$1
shared=$2
[ -d "$shared/corpus" ] || { echo "spoken: no $shared/corpus (../shared belongs beside the project)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for book in "$shared"/seeds/*.txt "$shared"/corpus/*/novel_text.txt "$shared"/corpus-excerpts/*/novel_text.txt; do
  n=$((n + 1))
  "$bin" script --format jsonl "$book" >"$tmp/$n.jsonl" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
done
python3 - "$tmp"/*.jsonl <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET

year = re.compile(r"(?<![\d,.])(1\d{3}|20[1-9]\d)(?![\d,.]\d|\d)")
bad_marks = re.compile(r"[_*~\\#|^{}]")
lines = checked = ssml = 0
for path in sys.argv[1:]:
    for raw in open(path, encoding="utf-8"):
        o = json.loads(raw)
        spoken = o["spoken"]
        lines += 1
        # [[phonemes]] are espeak-ng's own input: not read as text
        said = re.sub(r"\[\[.*?\]\]", " ", spoken)
        if said.startswith("<speak>"):
            ssml += 1
            root = ET.fromstring(said)           # well-formed, escaped
            assert root.tag == "speak", said
            assert {e.tag for e in root.iter()} <= {"speak", "break", "emphasis"}, said
            said = "".join(root.itertext())
        assert "_" not in said, (o["text"], spoken)
        assert "[Illustration" not in said, (o["text"], spoken)
        assert "&c" not in said, (o["text"], spoken)
        for m in year.finditer(said):
            assert int(m.group(1)) % 100 == 0, ("year read as thousands", m.group(1), spoken)
        assert not bad_marks.search(said), ("mark read aloud", bad_marks.search(said).group(0), spoken)
        checked += o["text"] != spoken
print(f"spoken: {lines} lines of {len(sys.argv) - 1} books, {checked} rewritten, {ssml} as SSML")
PY
