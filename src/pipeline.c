/* The public entry points that run the stages in order: import ->
 * segment, then cast ([book], [pauses]) -> attribute -> overrides ->
 * pronunciations (the map's and names of other origins) -> announcement ->
 * normaliser -> voices, and the render with its subtitles. */
#include "attribute.h"
#include "book.h"
#include "error.h"
#include "import.h"
#include "normalize.h"
#include "origin.h"
#include "override.h"
#include "reading.h"
#include "render.h"
#include "segment.h"
#include "subtitles.h"
#include "synth.h"
#include "voicemap.h"

#include <stdio.h>

dramatis_status dramatis_book_load(const char *path, struct dramatis_book **out,
                                   struct dramatis_error *err)
{
    return dramatis_book_load_format(path, NULL, out, err);
}

const char *dramatis_input_format_name(size_t i)
{
    size_t n = 0;

    while (import_table[n].name)
        n++;
    return i < n ? import_table[i].name : NULL;
}

dramatis_status dramatis_book_load_format(const char *path, const char *format,
                                          struct dramatis_book **out,
                                          struct dramatis_error *err)
{
    struct dramatis_book *book = NULL;
    dramatis_status st;

    *out = NULL;
    st = import_load(path, format, &book, err);
    if (st != DRAMATIS_OK)
        return st;
    st = segment_book(book, err);
    if (st != DRAMATIS_OK) {
        dramatis_book_free(book);
        return st;
    }
    *out = book;
    return DRAMATIS_OK;
}

/* Checks one voice a map gave; the message points at the map's line. */
static dramatis_status check_entry_voice(struct synth *synth, const struct dramatis_voicemap *map,
                                         const struct voicemap_entry *entry,
                                         struct dramatis_error *err)
{
    const char *near;

    if (!(entry->set & VOICE_SET_NAME) || synth_voice_exists(synth, entry->voice.name))
        return DRAMATIS_OK;
    near = synth_nearest_voice(synth, entry->voice.name);
    if (near)
        return error_set(err, DRAMATIS_ERR_VOICE, map->path, entry->voice_line,
                         "unknown voice '%s' (did you mean '%s'?)", entry->voice.name, near);
    return error_set(err, DRAMATIS_ERR_VOICE, map->path, entry->voice_line,
                     "unknown voice '%s' (see 'dramatis voices')", entry->voice.name);
}

static dramatis_status check_map_voices(const struct dramatis_voicemap *map,
                                        struct dramatis_error *err)
{
    struct synth *synth = NULL;
    dramatis_status st;
    size_t i;

    st = synth_new(&synth, err);
    if (st != DRAMATIS_OK)
        return st;
    st = check_entry_voice(synth, map, &map->narrator, err);
    for (i = 0; st == DRAMATIS_OK && i < map->n_characters; i++)
        st = check_entry_voice(synth, map, &map->characters[i], err);
    synth_free(synth);
    return st;
}

/* The narrator's opening: the title and author as they stand after the
 * map's [book], with the book's pronunciations (the map's and those found
 * by origin). */
static dramatis_status announce(struct dramatis_book *book, struct dramatis_error *err)
{
    dramatis_status st = book_announce(book);

    if (st == DRAMATIS_OK && book->announcement)
        st = origin_spoken_text(book, book->announcement, &book->spoken_announcement);
    return st == DRAMATIS_OK ? DRAMATIS_OK : error_set(err, st, NULL, 0, NULL);
}

dramatis_status dramatis_book_cast(struct dramatis_book *book,
                                   const struct dramatis_voicemap *map,
                                   struct dramatis_error *err)
{
    struct dramatis_voicemap *pool = NULL;
    dramatis_status st;

    if (map) {
        book->pauses = map->pauses;
        st = check_map_voices(map, err);
        if (st != DRAMATIS_OK)
            return st;
        st = voicemap_set_characters(map, book, err);
        if (st != DRAMATIS_OK)
            return st;
        st = voicemap_apply_book(map, book, err);
        if (st != DRAMATIS_OK)
            return st;
    }
    st = attribute_book(book, err);
    if (st != DRAMATIS_OK)
        return st;
    /* before voices: the pinned lines count towards who talks most */
    st = override_apply(book, map, err);
    if (st != DRAMATIS_OK)
        return st;
    st = origin_apply(book, map, err);
    if (st == DRAMATIS_OK)
        st = announce(book, err);
    if (st == DRAMATIS_OK)
        st = normalize_book(book, err);
    if (st != DRAMATIS_OK)
        return st;
    st = voicemap_default(&pool, err);
    if (st != DRAMATIS_OK)
        return st;
    st = voicemap_assign(map, pool, book, err);
    dramatis_voicemap_free(pool);
    return st;
}

dramatis_status dramatis_render(const struct dramatis_book *book,
                                const struct dramatis_render_options *options,
                                struct dramatis_error *err)
{
    return render_book(book, options, RENDER_UNIT_BYTES,
                       options && options->subtitles ? &subtitles_vtt : NULL, err);
}
