#!/usr/bin/env python3
"""Checks dramatis's output folder against Audiobookshelf's scanning rules.

The rules are those of the Audiobookshelf server (advplyr/audiobookshelf):
- server/utils/fileUtils.js recurseFiles/shouldIgnoreFile: paths with a part
  starting with "." are skipped, so are "@eaDir" and .part/.tmp/... files,
  and every folder holding a ".ignore" file; files are sorted by depth.
- server/utils/scandir.js groupFileItemsIntoLibraryItemDirs (book library):
  media files (audio and ebook extensions, server/utils/globals.js) make
  library items: the first folder on a file's path that already is an item
  takes it, else its own folder becomes one; root-level non-media files are
  dropped, other files join the item whose folder holds them.
- server/utils/scandir.js getBookDataFromDir: .../Author/Title/ names the book.
- server/utils/prober.js parseTags: tags come from ffprobe's format tags,
  or the audio stream's when the format has none (Ogg); chapters from
  ffprobe's chapters.
- server/scanner/AudioFileScanner.js setBookMetadataFromAudioMetaTags:
  title = album else title, authors = artist else album_artist, narrators =
  composer, description = description else comment, genres split on "/",
  "//" or ";"; getBookChaptersFromAudioFiles: one file -> its embedded
  chapters; several -> the first file's chapters if any, else one chapter
  per file, titled by the title tag when every file has a distinct one.
- server/scanner/BookScanner.js: the cover is an image file in the item's
  folder named cover.*, else the first image, else the embedded picture.

usage: abs_library.py DRAMATIS WORKDIR  (runs dramatis, checks, exits 0/1)
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

AUDIO = {'m4b', 'mp3', 'm4a', 'flac', 'opus', 'ogg', 'oga', 'mp4', 'aac', 'wma', 'aiff', 'wav',
         'webm', 'webma', 'mka', 'awb', 'caf', 'mpg', 'mpeg'}
EBOOK = {'epub', 'pdf', 'mobi', 'azw3', 'cbr', 'cbz'}
IMAGE = {'png', 'jpg', 'jpeg', 'webp'}
IGNORED_EXT = {'.part', '.tmp', '.crdownload', '.download', '.bak', '.old', '.temp', '.tempfile',
               '.tempfile~'}


def ext(name):
    return os.path.splitext(name)[1][1:].lower()


def recurse_files(root):
    """fileUtils.js recurseFiles: (relative dir, name, depth), least deep first."""
    items = []
    ignored_dirs = []
    for dirpath, dirs, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        rel = '' if rel == '.' else rel
        if rel and '.ignore' in files:
            ignored_dirs.append(rel)
        for name in files:
            path = os.path.join(rel, name) if rel else name
            if any(p.startswith('.') for p in path.split('/')):
                continue
            if '@eaDir' in path or os.path.splitext(path)[1].lower() in IGNORED_EXT:
                continue
            items.append((rel, name, path.count('/')))
    items = [i for i in items if not any(i[0] == d or i[0].startswith(d + '/') for d in ignored_dirs)]
    items.sort(key=lambda i: i[2])
    return items


def group_items(root):
    """scandir.js groupFileItemsIntoLibraryItemDirs for a book library."""
    files = [i for i in recurse_files(root) if i[2] > 0 or ext(i[1]) in AUDIO | EBOOK]
    media = [i for i in files if ext(i[1]) in AUDIO | EBOOK]
    other = [i for i in files if ext(i[1]) not in AUDIO | EBOOK]
    groups = {}
    for rel, name, _ in media:
        parts = [p for p in rel.split('/') if p]
        if not parts:
            groups[name] = name
            continue
        path = ''
        for i, part in enumerate(parts):
            path = part if not path else path + '/' + part
            rest = parts[i + 1:]
            if path in groups:
                groups[path].append('/'.join(rest + [name]))
                break
            if not rest:
                groups[path] = [name]
                break
            if len(rest) == 1 and re.match(r'^cd\d{1,3}$', rest[0], re.I):
                groups[path] = [rest[0] + '/' + name]
                break
    for rel, name, _ in other:
        parts = rel.split('/')
        path = ''
        for i, part in enumerate(parts):
            path = part if not path else path + '/' + part
            if path in groups and isinstance(groups[path], list):
                groups[path].append('/'.join(parts[i + 1:] + [name]))
                break
    return groups


def probe(path):
    out = subprocess.run(['ffprobe', '-v', 'error', '-show_format', '-show_streams', '-show_chapters',
                          '-of', 'json', path], capture_output=True, check=True, text=True).stdout
    return json.loads(out)


def tags_of(p):
    """prober.js: format tags, else the audio stream's; keys compared lowercased."""
    tags = p['format'].get('tags')
    if not tags:
        audio = [s for s in p['streams'] if s['codec_type'] == 'audio']
        tags = audio[0].get('tags', {}) if audio else {}
    return {k.lower(): v for k, v in tags.items()}


def first(tags, *keys):
    for k in keys:
        if tags.get(k, '').strip():
            return tags[k].strip()
    return None


def split_genres(value):
    for sep in ('/', '//', ';'):
        if sep in value:
            return [g.strip() for g in value.split(sep) if g.strip()]
    return [value]


def scan(root):
    """Every library item as Audiobookshelf would make it."""
    books = {}
    for item, files in group_items(root).items():
        if not isinstance(files, list):
            files = [item]
            item_dir = ''
        else:
            item_dir = item
        audio = [f for f in files if ext(f) in AUDIO]
        images = [f for f in files if ext(f) in IMAGE]
        probes = [(f, probe(os.path.join(root, item_dir, f))) for f in audio]

        def track(fp):
            t = tags_of(fp[1]).get('tracknumber') or tags_of(fp[1]).get('track')
            if t:
                return int(t.split('/')[0])
            m = re.search(r'\d{1,4}', os.path.basename(fp[0]))
            return int(m.group()) if m else 0
        probes.sort(key=track)
        book = {'path': item, 'audio': [f for f, _ in probes], 'chapters': [], 'cover': None,
                'files': sorted(files)}
        parts = item.split('/')
        book['title'] = parts[-1]
        book['authors'] = [parts[-3 if len(parts) > 2 else -2]] if len(parts) > 1 else []
        if probes:
            tags = tags_of(probes[0][1])
            book['title'] = first(tags, 'album', 'title') or book['title']
            a = first(tags, 'artist', 'album_artist', 'albumartist')
            if a:
                book['authors'] = [x.strip() for x in re.split(r',|;| & ', a) if x.strip()]
            book['narrators'] = [first(tags, 'composer')] if first(tags, 'composer') else []
            book['description'] = first(tags, 'description', 'comment')
            book['genres'] = split_genres(first(tags, 'genre') or '')
            book['language'] = first(tags, 'language', 'lang')
            durations = [float(p['format']['duration']) for _, p in probes]
            book['duration'] = sum(durations)
            if probes[0][1].get('chapters'):
                book['chapters'] = [c['tags'].get('title', '') for c in probes[0][1]['chapters']]
            elif len(probes) > 1:
                titles = {tags_of(p).get('title') for _, p in probes} - {None, book['title']}
                use = len(titles) == len(probes)
                book['chapters'] = [tags_of(p)['title'] if use else os.path.splitext(os.path.basename(f))[0]
                                    for f, p in probes]
            embedded = [s for s in probes[0][1]['streams']
                        if s['codec_type'] == 'video' and s.get('codec_name') in ('mjpeg', 'png')]
            book['embedded_cover'] = bool(embedded)
        cover = [f for f in images if re.search(r'(^|/)cover\.[^./]*$', f)] or images
        if cover:
            book['cover'] = cover[0]
        elif book.get('embedded_cover'):
            book['cover'] = '(embedded)'
        books[item] = book
    return books


failures = 0


def check(cond, what, detail=''):
    global failures
    if not cond:
        failures += 1
        print(f'FAIL: {what}: {detail}', file=sys.stderr)


def run(*args, env=None):
    r = subprocess.run(list(args), capture_output=True, text=True, env=env)
    check(r.returncode == 0, ' '.join(args), r.stderr)
    return r


def one_book(books, path, n_audio, what, ext_='opus'):
    check(list(books) == [path], f'{what}: one book at {path}', list(books))
    b = books.get(path)
    if not b:
        return None
    check(len(b['audio']) == n_audio and all(a.endswith('.' + ext_) for a in b['audio']),
          f'{what}: {n_audio} audio file(s)', b['audio'])
    check(b['title'] == 'The Small Test', f'{what}: title', b['title'])
    check(b['authors'] == ['Test Author'], f'{what}: author', b['authors'])
    check(b['chapters'] == ['Chapter 1: The Bench', 'Chapter 2: The Boat'], f'{what}: chapters',
          b['chapters'])
    check(b['cover'] == 'cover.jpg', f'{what}: cover', b['cover'])
    check(b.get('embedded_cover'), f'{what}: embedded cover', b)
    check(b['description'] == 'Two friends and a boat.', f'{what}: description', b['description'])
    check(b['narrators'] == ['espeak-ng'], f'{what}: narrators', b['narrators'])
    check('Audiobook' in b['genres'], f'{what}: genre', b['genres'])
    return b


def main():
    binary, work = sys.argv[1], sys.argv[2]
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'two_chapters.txt')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'xdg'))
    lib = os.path.join(work, 'library')
    a = os.path.join(work, 'a')
    os.makedirs(a)
    shutil.copy(src, os.path.join(a, 'book.txt'))
    # a cover beside the book, and the description from the map's [book]
    subprocess.run(['ffmpeg', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=navy:s=320x320',
                    '-frames:v', '1', os.path.join(a, 'cover.jpg')], check=True)
    with open(os.path.join(a, 'book.ini'), 'w') as f:
        f.write('[book]\ndescription = Two friends and a boat.\n')
    base = [binary, 'render', '-q', '-o', lib, '--voices', os.path.join(a, 'book.ini')]
    book = os.path.join(a, 'book.txt')
    path = 'Test Author/The Small Test'

    run(*base, book, env=env)
    one_book(scan(lib), path, 1, 'render')
    whole = open(os.path.join(lib, path, 'The Small Test.opus'), 'rb').read()
    # the user's own file in the book's folder survives every render
    with open(os.path.join(lib, path, 'notes.txt'), 'w') as f:
        f.write('mine')

    # subtitles are no media: the .vtt joins the book's item, never a book of its own
    run(*base, '--split', '--subtitles', book, env=env)
    b = one_book(scan(lib), path, 1, 'render --split --subtitles')
    check(len(glob.glob(os.path.join(lib, path, 'chapters', '0*.opus'))) == 2, 'chapter files written')
    check(len(glob.glob(os.path.join(lib, path, 'chapters', '0*.vtt'))) == 2, 'chapter subtitles written')
    check(b and 'The Small Test.vtt' in b['files'], 'the subtitles are the book\'s file', b)

    run(*base, '--split=only', '--subtitles', book, env=env)
    b = one_book(scan(lib), path, 2, 'render --split=only --subtitles')
    check(not os.path.exists(os.path.join(lib, path, 'chapters')), 'chapters/ of the earlier render removed')
    check(b and [f for f in b['files'] if f.endswith('.vtt')] ==
          ['01 - Chapter 1_ The Bench.vtt', '02 - Chapter 2_ The Boat.vtt'],
          'a .vtt beside each chapter file, none for the whole book', b)

    run(*base, book, env=env)
    one_book(scan(lib), path, 1, 're-render')
    left = sorted(os.listdir(os.path.join(lib, path)))
    check(left == ['.dramatis', 'The Small Test.opus', 'cover.jpg', 'notes.txt'], 're-render leaves', left)
    check(open(os.path.join(lib, path, 'The Small Test.opus'), 'rb').read() == whole, 're-render: same bytes')

    # a preview never lands in the library
    run(binary, 'preview', '-q', book, '--speaker', 'Mara', env=env)
    one_book(scan(lib), path, 1, 'after a preview')

    # another book of the same title from another file: both survive
    other = os.path.join(work, 'b', 'book.txt')
    os.makedirs(os.path.dirname(other))
    text = open(src, encoding='utf-8').read().replace('The tide', 'The wind')
    open(other, 'w', encoding='utf-8').write(text)
    run(binary, 'render', '-q', '-o', lib, other, env=env)
    books = scan(lib)
    check(sorted(books) == [path, path + ' (2)'], 'two books of the same title', sorted(books))
    check(open(os.path.join(lib, path, 'The Small Test.opus'), 'rb').read() == whole,
          'the first book is untouched')
    check(books.get(path + ' (2)', {}).get('audio') == ['The Small Test.opus'], 'the second book', books)
    # rendering either again goes to its own folder
    run(binary, 'render', '-q', '-o', lib, other, env=env)
    check(sorted(scan(lib)) == [path, path + ' (2)'], 'the second book rendered again', sorted(scan(lib)))

    # m4b: the book servers see, chapters, cover, tags
    m4b_lib = os.path.join(work, 'm4b')
    run(binary, 'render', '-q', '-o', m4b_lib, '--format', 'm4b,opus', '--voices',
        os.path.join(a, 'book.ini'), book, env=env)
    one_book(scan(m4b_lib), path, 1, 'm4b', 'm4b')
    check(os.path.exists(os.path.join(m4b_lib, path, 'opus', 'The Small Test.opus')),
          'the second format beside, in a skipped folder')
    # subtitles of both formats: one book still, each .vtt beside its own file
    run(binary, 'render', '-q', '-o', m4b_lib, '--format', 'm4b,opus', '--subtitles', '--voices',
        os.path.join(a, 'book.ini'), book, env=env)
    b = one_book(scan(m4b_lib), path, 1, 'm4b --subtitles', 'm4b')
    check(b and 'The Small Test.vtt' in b['files'], 'the m4b\'s subtitles in the item', b)
    check(os.path.exists(os.path.join(m4b_lib, path, 'opus', 'The Small Test.vtt')),
          'the Opus book\'s subtitles beside it, in the skipped folder')

    print(f'abs_library: {"ok" if failures == 0 else str(failures) + " failed"}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
