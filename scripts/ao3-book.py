#!/usr/bin/env python3
"""Build an AO3-style download (EPUB and HTML) from a plain-text story.

usage: ao3-book.py STORY.txt OUT_DIR [--author NAME] [--fandom NAME]

Writes OUT_DIR/<stem>.html and OUT_DIR/<stem>.epub laid out as Archive of
Our Own's Download button makes them: the HTML download (preface with the
work's tags, title, byline, summary and notes; each chapter's heading,
notes and end notes; the afterword) and the EPUB calibre makes from it
(files at the root, split at the preface, each chapter and the afterword,
an NCX with Preface / Chapter N / Afterword, the summary as the package's
description).  The summary, notes and end notes hold dialogue on purpose:
read as story, they would add speakers.

The story is read the way readers save AO3 works as text: `Actions`,
`Work Header`, the title, then `Chapter Text` before each chapter; or a
title line and the text.  Paragraphs are blank-line separated blocks.
Nothing is written into the repository: pass a temporary OUT_DIR.
"""
import argparse
import html
import os
import re
import zipfile

LEFTOVERS = {"Actions", "Work Header", "Notes:", "Summary:"}


def parse(text):
    """Title and chapters (lists of paragraphs) of an AO3-saved text."""
    blocks = [re.sub(r"\s+", " ", b).strip() for b in re.split(r"\n\s*\n", text)]
    blocks = [b.lstrip("\ufeff") for b in blocks if b.strip()]
    while blocks and blocks[0] in LEFTOVERS:
        blocks.pop(0)
    title = blocks.pop(0)
    chapters, cur = [], []
    for b in blocks:
        if b == "Chapter Text":
            if cur:
                chapters.append(cur)
            cur = []
            continue
        cur.append(b)
    if cur:
        chapters.append(cur)
    return title, chapters


def esc(s):
    return html.escape(s, quote=False)


def preface(title, author, fandom, url):
    return f"""<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>{esc(title)}</b><br/>
    Posted originally on the <a href="http://archiveofourown.org/">Archive of Our Own</a> at <a href="{url}">{url}</a>.
  </p>
  <div class="meta">
    <dl class="tags">
          <dt>Rating:</dt>
          <dd><a href="http://archiveofourown.org/tags/Teen%20And%20Up%20Audiences">Teen And Up Audiences</a></dd>
          <dt>Archive Warning:</dt>
          <dd><a href="http://archiveofourown.org/tags/No%20Archive%20Warnings%20Apply">No Archive Warnings Apply</a></dd>
          <dt>Fandom:</dt>
          <dd><a href="http://archiveofourown.org/tags/x">{esc(fandom)}</a></dd>
          <dt>Additional Tags:</dt>
          <dd><a href="http://archiveofourown.org/tags/y">Angst</a>, <a href="http://archiveofourown.org/tags/z">Fluff</a></dd>
        <dt>Language:</dt>
        <dd>English</dd>
        <dt>Series:</dt>
        <dd>Part 1 of
<a href="http://archiveofourown.org/series/1">Test Series</a></dd>
      <dt>Stats:</dt>
      <dd>
        Published: 2020-01-02
        Words: 1000
        Chapters: 1/1
      </dd>
    </dl>
    <h1>{esc(title)}</h1>
    <div class="byline">by <a rel="author" href="http://archiveofourown.org/users/{author}">{esc(author)}</a></div>
      <p>Summary</p>
      <blockquote class="userstuff"><p>"Summaries are never read," the summary said. "Not one word," Someone Else replied.</p></blockquote>
      <p>Notes</p>
        <blockquote class="userstuff"><p>"Thanks to my beta reader!" wrote the author.</p></blockquote>
        <div class="endnote-link">
          See the end of the work for <a href="#endnotes">more notes</a>
        </div>
  </div>
</div>
"""


def paragraphs(paras):
    out = []
    for p in paras:
        attr = ' align="center"' if re.fullmatch(r"[~*\-_=#+ ]+", p) else ""
        out.append(f"<p{attr}>{esc(p)}</p>")
    return "\n".join(out)


def chapter_html(n, paras, several):
    if not several:
        return f'<div class="userstuff">\n{paragraphs(paras)}\n</div>\n'
    return f"""<div class="meta group">
  <h2 class="heading">Chapter {n}</h2>
    <p>Chapter Notes</p>
      <blockquote class="userstuff"><p>"A note before chapter {n}," said the author.</p></blockquote>
</div>

<!--chapter content-->
<div class="userstuff">
{paragraphs(paras)}
</div>
<!--/chapter content-->

  <div class="meta" id="endnotes{n}">
    <p>Chapter End Notes</p>
    <blockquote class="userstuff"><p>"An end note for chapter {n}," said the author.</p></blockquote>
  </div>
"""


AFTERWORD = """<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
    <div class="meta">
        <div id="endnotes">
          <p>End Notes</p>
          <blockquote class="userstuff"><p>"Comments make my day," said the author.</p></blockquote>
        </div>
    </div>
  <p class="message">Please <a href="http://archiveofourown.org/works/1/comments/new">drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>
"""


def page(title, author, fandom, body, xml=False):
    head = "<?xml version='1.0' encoding='utf-8'?>\n" if xml else (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n')
    return f"""{head}<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
    <title>{esc(title)} - {esc(author)} - {esc(fandom)}</title>
  </head>
  <body>
{body}
  </body>
</html>
"""


def build(story, out_dir, author, fandom):
    with open(story, encoding="utf-8") as f:
        title, chapters = parse(f.read())
    stem = os.path.splitext(os.path.basename(story))[0]
    url = "http://archiveofourown.org/works/1"
    several = len(chapters) > 1
    chaps = [chapter_html(i + 1, c, several) for i, c in enumerate(chapters)]

    # the HTML download
    body = (preface(title, author, fandom, url) + '\n<div id="chapters" class="userstuff">\n' +
            "\n".join(chaps) + "</div>\n\n" + AFTERWORD)
    with open(os.path.join(out_dir, stem + ".html"), "w", encoding="utf-8") as f:
        f.write(page(title, author, fandom, f'<div id="main" class="works-show" role="main">\n{body}</div>'))

    # the EPUB: calibre splits before the preface, each chapter and the afterword
    name = re.sub(r"\W+", "_", title).strip("_") or "Work"
    parts = []   # (file, toc label, body)
    if several:
        parts.append(("Preface", preface(title, author, fandom, url)))
        for i, c in enumerate(chaps):
            parts.append((f"Chapter {i + 1}", f'<div id="chapters" class="userstuff">\n{c}</div>\n'))
    else:
        parts.append(("Preface", preface(title, author, fandom, url) +
                      f'<div id="chapters" class="userstuff">\n{chaps[0]}</div>\n'))
    parts.append(("Afterword", AFTERWORD))
    files = [(f"{name}_split_{i:03d}.xhtml", label,
              page(title, author, fandom, f'<div class="calibre">{b}</div>', xml=True))
             for i, (label, b) in enumerate(parts)]
    manifest = "\n".join(f'    <item href="{fn}" id="html{i}" media-type="application/xhtml+xml"/>'
                         for i, (fn, _, _) in enumerate(files))
    spine = "".join(f'<itemref idref="html{i}"/>' for i in range(len(files)))
    summary = esc('<p>"Summaries are never read," the summary said.</p>')
    opf = f"""<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uuid_id" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>{esc(title)}</dc:title>
    <dc:creator opf:role="aut" opf:file-as="{esc(author)}">{esc(author)}</dc:creator>
    <dc:publisher>Archive of Our Own</dc:publisher>
    <dc:description>{summary}</dc:description>
    <dc:subject>Fanworks</dc:subject>
    <dc:subject>Teen And Up Audiences</dc:subject>
    <dc:language>en</dc:language>
    <dc:date>2020-01-02T00:00:00+00:00</dc:date>
    <dc:identifier id="uuid_id" opf:scheme="uuid">00000000-0000-0000-0000-000000000001</dc:identifier>
    <meta name="calibre:series" content="Test Series"/>
    <meta name="calibre:series_index" content="1"/>
  </metadata>
  <manifest>
{manifest}
    <item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/>
  </manifest>
  <spine toc="ncx">{spine}</spine>
</package>
"""
    points = "\n".join(
        f'<navPoint id="np{i}" playOrder="{i}"><navLabel><text>{esc(label)}</text></navLabel>'
        f'<content src="{fn}"/></navPoint>' for i, (fn, label, _) in enumerate(files))
    ncx = f"""<?xml version='1.0' encoding='utf-8'?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="en">
  <head><meta content="00000000-0000-0000-0000-000000000001" name="dtb:uid"/></head>
  <docTitle><text>{esc(title)}</text></docTitle>
  <navMap>
{points}
  </navMap>
</ncx>
"""
    container = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
   <rootfiles>
      <rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>
   </rootfiles>
</container>
"""
    with zipfile.ZipFile(os.path.join(out_dir, stem + ".epub"), "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("toc.ncx", ncx, compress_type=zipfile.ZIP_DEFLATED)
        for fn, _, doc in files:
            z.writestr(fn, doc, compress_type=zipfile.ZIP_DEFLATED)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("story")
    ap.add_argument("out_dir")
    ap.add_argument("--author", default="test_author")
    ap.add_argument("--fandom", default="Test Fandom")
    a = ap.parse_args()
    build(a.story, a.out_dir, a.author, a.fandom)


if __name__ == "__main__":
    main()
