#!/usr/bin/env python3
"""The seeds as AO3 downloads read like the seeds as text.

usage: seed_formats.py DRAMATIS SOURCE_DIR

For each story in SOURCE_DIR/../shared/seeds, scripts/ao3-book.py builds
the AO3-style EPUB and HTML download in a temporary folder; `dramatis
script` on each must give the plain text's chapters and, segment by
segment, the same kinds, words and speakers.  `src` must point at those
words: in `dramatis text` with --src text, and in the named document
(tags and entities aside) by default.  The attribution score is then taken
with ../shared/tools/score-attribution: the scorer counts bytes of the
corpus's novel_text.txt, so each download segment is placed there by
finding its words in order (only the words: speakers play no part in the
placing), and the score must equal the plain text's.  Prints
'N passed, N failed'; exits 1 on any failure or a missing ../shared.
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def run(*args):
    r = subprocess.run(args, capture_output=True)
    if r.returncode != 0:
        raise SystemExit("command failed: %s\n%s" % (" ".join(args), r.stderr.decode()))
    return r.stdout


def script(dramatis, book, *extra):
    # segments of the text only: the announcement is made of the title and
    # author, which an AO3 download knows and the plain text does not
    out = run(dramatis, "script", book, "--format", "jsonl", "--no-announce", *extra)
    return [json.loads(l) for l in out.decode().splitlines()]


def fold(s):
    return re.sub(r"\s+", " ", s).strip()


def markup_text(raw):
    """What the bytes of a document span say: tags out, entities decoded."""
    return fold(html.unescape(re.sub(r"<[^>]*>", "", raw)))


def place(segments, plain):
    """src in the plain text's bytes, found from the segments' words in order."""
    out, cursor = [], 0
    for s in segments:
        if s["kind"] == "heading":
            out.append(s)
            continue
        words = s["text"].encode()
        # the plain text may wrap or double spaces where the segment has one
        pat = re.compile(rb"\s+".join(re.escape(w) for w in words.split()))
        m = pat.search(plain, cursor)
        if m is None:
            return None, s["text"]
        cursor = m.end()
        t = dict(s)
        t["src"] = [m.start(), m.end()]
        out.append(t)
    return out, None


def score(tool, book_dir, segments, tmp, name):
    path = os.path.join(tmp, name + ".jsonl")
    with open(path, "w") as f:
        for s in segments:
            f.write(json.dumps(s) + "\n")
    out = run(tool, book_dir, path).decode()
    return [l for l in out.splitlines() if l.startswith("accuracy")][-1]


def main():
    dramatis, source = sys.argv[1], sys.argv[2]
    shared = os.path.join(source, "..", "shared")
    seeds = os.path.join(shared, "seeds")
    if not os.path.isdir(seeds):
        print("FAIL: %s is missing" % seeds)
        print("0 passed, 1 failed")
        return 1
    tool = os.path.join(shared, "tools", "score-attribution")
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(seeds)):
            if not name.endswith(".txt"):
                continue
            stem = name[:-4]
            txt = os.path.join(seeds, name)
            run(sys.executable, os.path.join(source, "scripts", "ao3-book.py"), txt, tmp)
            plain = script(dramatis, txt)
            plain_bytes = open(txt, "rb").read()
            book_dir = os.path.join(shared, "corpus", stem)
            plain_score = score(tool, book_dir, plain, tmp, stem + "-plain")
            for ext in ("epub", "html"):
                book = os.path.join(tmp, stem + "." + ext)
                what = "%s.%s" % (stem, ext)
                segs = script(dramatis, book)
                heads = [(s["chapter"], s["text"]) for s in plain if s["kind"] == "heading"]
                check(heads == [(s["chapter"], s["text"]) for s in segs if s["kind"] == "heading"],
                      what + ": the plain text's chapters and titles")
                body = [(s["chapter"], s["kind"], s["speaker"], s["text"])
                        for s in plain if s["kind"] != "heading"]
                got = [(s["chapter"], s["kind"], s["speaker"], s["text"])
                       for s in segs if s["kind"] != "heading"]
                check(len(body) == len(got), "%s: %d segments, the plain text %d"
                      % (what, len(got), len(body)))
                diff = [(a, b) for a, b in zip(body, got) if a != b]
                check(not diff, "%s: segments differ from the plain text's, first %s"
                      % (what, diff[:1]))
                # src in `dramatis text`
                text = run(dramatis, "text", book)
                segs_t = script(dramatis, book, "--src", "text")
                bad = [s for s in segs_t if s["kind"] != "heading" and
                       fold(text[s["src"][0]:s["src"][1]].decode()) != s["text"]]
                check(not bad, "%s: --src text offsets, first miss %s" % (what, bad[:1]))
                # src in the named document
                docs = {}
                if ext == "epub":
                    with zipfile.ZipFile(book) as z:
                        docs = {n: z.read(n) for n in z.namelist()}
                else:
                    docs = {book: open(book, "rb").read()}
                bad = [s for s in segs if s["kind"] != "heading" and
                       (s.get("doc") not in docs or
                        markup_text(docs[s["doc"]][s["src"][0]:s["src"][1]].decode()) != s["text"])]
                check(not bad, "%s: document offsets, first miss %s" % (what, bad[:1]))
                # the attribution score, the segments placed in novel_text.txt
                placed, miss = place(segs, plain_bytes)
                check(placed is not None, "%s: segment not found in the plain text: %r"
                      % (what, miss))
                if placed is not None:
                    got_score = score(tool, book_dir, placed, tmp, stem + "-" + ext)
                    check(got_score == plain_score, "%s: %s, the plain text %s"
                          % (what, got_score, plain_score))
                    print("%s: %s (plain text: %s)" % (what, got_score, plain_score))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
