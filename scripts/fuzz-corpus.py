#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (tests/fuzz/).

usage: fuzz-corpus.py OUT_DIR

Makes OUT_DIR/epub, OUT_DIR/html and OUT_DIR/markdown from small books
written here and from tests/data/two_chapters.txt turned into an AO3-style
download by scripts/ao3-book.py: EPUB 2 and 3 (nav, NCX, landmarks, cover,
notes), AO3's and Project Gutenberg's HTML, Markdown with front matter;
OUT_DIR/text and OUT_DIR/attribute from the test book and small texts
(indented paragraphs, CRLF, dialogue); OUT_DIR/voicemap from the test
maps; OUT_DIR/cache and OUT_DIR/ogg_join from an Ogg Opus file encoded
here by opusenc (opus-tools) and a unit's line timings.
"""
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CONTAINER = ('<?xml version="1.0"?><container version="1.0" '
             'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
             '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
             '</rootfiles></container>')

XHTML = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
         'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head><body>{}</body></html>')

OPF3 = '''<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Lamps</dc:title>
<dc:creator>A. Writer</dc:creator><dc:language>en</dc:language>
<dc:description>&lt;p&gt;A &lt;i&gt;summary&lt;/i&gt;.&lt;/p&gt;</dc:description>
<meta property="belongs-to-collection" id="c">Series</meta><meta refines="#c" property="group-position">1</meta>
</metadata><manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="a" href="Text/a.xhtml" media-type="application/xhtml+xml"/>
<item id="b" href="Text/b%20c.xhtml" media-type="application/xhtml+xml"/>
<item id="img" href="c.png" media-type="image/png" properties="cover-image"/>
</manifest><spine><itemref idref="nav"/><itemref idref="a"/><itemref idref="b"/></spine></package>'''

NAV3 = XHTML.format('<nav epub:type="toc"><ol><li><a href="Text/a.xhtml">One</a><ol>'
                    '<li><a href="Text/b%20c.xhtml#two">Two</a></li></ol></li></ol></nav>'
                    '<nav epub:type="landmarks"><ol><li><a epub:type="cover" href="c.xhtml">C</a>'
                    '</li></ol></nav>')

OPF2 = '''<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tides</dc:title>
<meta name="calibre:series" content="S"/><meta name="cover" content="img"/></metadata>
<manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="a" href="a.html" media-type="application/xhtml+xml"/>
<item id="img" href="c.jpg" media-type="image/jpeg"/></manifest>
<spine toc="ncx"><itemref idref="a"/></spine>
<guide><reference type="cover" href="c.html"/></guide></package>'''

NCX2 = ('<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>'
        '<navPoint id="p"><navLabel><text>Part</text></navLabel><content src="a.html"/>'
        '<navPoint id="q"><navLabel><text>Ch</text></navLabel><content src="a.html#x"/></navPoint>'
        '</navPoint></navMap></ncx>')

GUTENBERG = '''<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The Project Gutenberg eBook of Mills, by A. Stone</title>
<meta name="dcterms.creator" content="Stone, A."></head><body>
<section class="pg-boilerplate" id="pg-header"><p>Licence.</p>
<div id="pg-start-separator">*** START OF THE PROJECT GUTENBERG EBOOK MILLS ***</div></section>
<h1>MILLS</h1><table><tr><td><a href="#c1">I</a></td></tr></table>
<h2 id="c1">CHAPTER I.</h2><h3>Water</h3><p>It <i>turned</i>.<span class="pagenum">[Pg 1]</span></p>
<p>&ldquo;Rain,&rdquo; said he.<a class="fnanchor" href="#f1">[1]</a></p><hr>
<div class="footnote"><p id="f1">Note.</p></div><h2>CHAPTER II.</h2><p>Dry.</p>
<section class="pg-boilerplate" id="pg-footer">*** END OF THE PROJECT GUTENBERG EBOOK MILLS ***</section>
</body></html>'''

MARKDOWN = '''---
title: "Glass"
author: N. Avery
---

# Book

## Chapter One

"Climb," said *Ivy*, and
pointed up.  \\*Not\\* &amp; **strong** `code`.

* * *

> "Quote," said Rook.

- a list item

```
code block
```

## Chapter Two

![alt](x.png) <span>html</span>
Line one\\
line two
'''


def write_epub(path, files):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in files:
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def main():
    out = sys.argv[1]
    for d in ("epub", "html", "markdown"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    write_epub(os.path.join(out, "epub", "epub3.epub"), [
        ("META-INF/container.xml", CONTAINER), ("OEBPS/content.opf", OPF3),
        ("OEBPS/nav.xhtml", NAV3),
        ("OEBPS/Text/a.xhtml", XHTML.format(
            '<section epub:type="chapter"><h1>One</h1><p>"Hi," said <em>Ann</em>.'
            '<a epub:type="noteref" href="#n">1</a></p><aside epub:type="footnote" id="n">'
            '<p>n</p></aside></section>')),
        ("OEBPS/Text/b c.xhtml", XHTML.format(
            '<p>Before.</p><div id="two"><h2>Two</h2><p>&#8220;Yes&#8221; &amp; no.</p>'
            '<hr/><p><q>Go</q>, said Bo.</p></div>')),
        ("OEBPS/c.png", b"\x89PNG\r\n\x1a\n" + bytes(16)),
    ])
    write_epub(os.path.join(out, "epub", "epub2.epub"), [
        ("META-INF/container.xml", CONTAINER), ("OEBPS/content.opf", OPF2),
        ("OEBPS/toc.ncx", NCX2),
        ("OEBPS/a.html", '<html xmlns="http://www.w3.org/1999/xhtml"><body><h2>Part</h2>'
                         '<h3 id="x">Ch</h3><p>Fog&nbsp;came.</p><br/><p>x<sup><a href="#y">2</a>'
                         '</sup></p></body></html>'),
        ("OEBPS/c.jpg", b"\xff\xd8\xff\xe0" + bytes(8)),
    ])
    with tempfile.TemporaryDirectory() as tmp:
        story = os.path.join(HERE, "..", "tests", "data", "two_chapters.txt")
        subprocess.run([sys.executable, os.path.join(HERE, "ao3-book.py"), story, tmp], check=True)
        for name in os.listdir(tmp):
            kind = "epub" if name.endswith(".epub") else "html"
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            with open(os.path.join(out, kind, "ao3-" + name), "wb") as f:
                f.write(data)
    with open(os.path.join(out, "html", "gutenberg.html"), "w") as f:
        f.write(GUTENBERG)
    with open(os.path.join(out, "markdown", "story.md"), "w") as f:
        f.write(MARKDOWN)
    # inputs that once failed: front matter looked for past a 4-byte file
    for i, data in enumerate([b"-\x01>>", b"---\r", b"---\r\n"]):
        with open(os.path.join(out, "markdown", "regression-%d.md" % i), "wb") as f:
            f.write(data)

    text_seeds(out)
    audio_seeds(out)


TEXTS = [
    'Chapter 1\n\n    "Who is there?" asked Mara, looking at the\ndoor.\n'
    '    Nobody answered, said Tom.\n\nChapter 2\n\n"Yes," she said.\n',
    'CHAPTER I.\r\nDown the Hole\r\n\r\n\u201cOh dear!\u201d said the Rabbit. '
    '\u2018Quite,\u2019 said Alice.\r\n',
    '# One\n\n"Hi," Ann said. "And you?"\n\n"Me," said Bo, "too."\n',
]


def text_seeds(out):
    data = os.path.join(HERE, "..", "tests", "data")
    for kind in ("text", "attribute", "voicemap"):
        os.makedirs(os.path.join(out, kind), exist_ok=True)
    with open(os.path.join(data, "two_chapters.txt"), "rb") as f:
        book = f.read()
    for kind in ("text", "attribute"):
        with open(os.path.join(out, kind, "two_chapters.txt"), "wb") as f:
            f.write(book)
        for i, text in enumerate(TEXTS):
            with open(os.path.join(out, kind, "text-%d.txt" % i), "w") as f:
                f.write(text)
    for name in os.listdir(data):
        if name.endswith(".ini"):
            with open(os.path.join(data, name), "rb") as f:
                ini = f.read()
            with open(os.path.join(out, "voicemap", name), "wb") as f:
                f.write(ini)


def audio_seeds(out):
    """A second of speech-like audio as Ogg Opus, and line timings."""
    for kind in ("cache", "ogg_join"):
        os.makedirs(os.path.join(out, kind), exist_ok=True)
    rate = 24000
    samples = b"".join(struct.pack("<h", int(8000 * math.sin(i * 0.05) * math.sin(i * 0.0007)))
                       for i in range(rate))
    wav = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(samples), b"WAVE", b"fmt ", 16,
                      1, 1, rate, rate * 2, 2, 16, b"data", len(samples)) + samples
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "a.wav")
        dst = os.path.join(tmp, "a.opus")
        with open(src, "wb") as f:
            f.write(wav)
        subprocess.run(["opusenc", "--quiet", "--speech", "--bitrate", "16", src, dst], check=True)
        with open(dst, "rb") as f:
            opus = f.read()
    for kind in ("cache", "ogg_join"):
        with open(os.path.join(out, kind, "unit.opus"), "wb") as f:
            f.write(opus)
    with open(os.path.join(out, "cache", "unit.lines"), "w") as f:
        f.write("dramatis-lines-1 22050 2\n0 11025\n11025 11025\n")


if __name__ == "__main__":
    main()
