/* Cache keys of rendered units: a hash of everything that decides their audio. */
#include "render.h"

#include "level.h"
#include "ogg_opus.h"

#include <stdio.h>
#include <string.h>

#ifndef DRAMATIS_ESPEAK_VERSION
#define DRAMATIS_ESPEAK_VERSION "unknown"
#endif

/* Bump when the unit layout or the walk changes what a key's audio is. */
#define RENDER_CACHE_FORMAT "dramatis-unit-3"

unsigned long long render_fnv1a(unsigned long long h, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Strings are hashed with their terminator, so "ab"+"c" differs from "a"+"bc". */
static unsigned long long hash_str(unsigned long long h, const char *s)
{
    if (s == NULL)
        return render_fnv1a(h, "\xff", 1);
    return render_fnv1a(h, s, strlen(s) + 1);
}

static unsigned long long hash_num(unsigned long long h, long long v)
{
    char text[32];
    int n = snprintf(text, sizeof text, "%lld;", v);

    return render_fnv1a(h, text, n > 0 ? (size_t)n : 0);
}

static unsigned long long hash_voice(unsigned long long h, const struct voice *v)
{
    char gain[64];

    /* %a is exact, so any change of the gain changes the key */
    snprintf(gain, sizeof gain, "%a", v->gain);
    h = hash_str(h, v->name);
    h = hash_num(h, v->rate);
    h = hash_num(h, v->pitch);
    h = hash_num(h, v->range);
    return hash_str(h, gain);
}

unsigned long long render_unit_key(const struct dramatis_book *book,
                                   const struct render_unit *unit,
                                   const struct render_settings *settings)
{
    const struct chapter *ch = &book->chapters[unit->chapter];
    unsigned long long h = RENDER_FNV_BASIS;
    char target[64];
    size_t p, s;

    h = hash_str(h, RENDER_CACHE_FORMAT);
    h = hash_str(h, DRAMATIS_VERSION);
    h = hash_str(h, DRAMATIS_ESPEAK_VERSION);
    h = hash_str(h, ogg_opus_version());
    h = hash_num(h, settings->rate);
    h = hash_num(h, settings->bitrate);
    h = hash_num(h, settings->complexity);
    snprintf(target, sizeof target, "%a %a %d", AUDIO_TARGET_LUFS, AUDIO_PEAK_MAX,
             AUDIO_LEVEL_MIN_MS);
    h = hash_str(h, target);
    h = hash_num(h, AUDIO_PAUSE_SEGMENT_MS);
    h = hash_num(h, AUDIO_PAUSE_PARAGRAPH_MS);
    h = hash_num(h, AUDIO_PAUSE_SCENE_MS);
    h = hash_num(h, AUDIO_PAUSE_TITLE_MS);
    h = hash_num(h, AUDIO_PAUSE_CHAPTER_MS);
    h = hash_num(h, unit->first);
    h = hash_num(h, unit->last);
    if (unit->first) {
        h = hash_str(h, ch->spoken_title ? ch->spoken_title : ch->title);
        h = hash_voice(h, &book->narrator);
    }
    for (p = unit->p0; p < unit->p1; p++) {
        const struct paragraph *para = &ch->paragraphs[p];
        /* the pause before a paragraph is the unit's when p > 0 */
        h = hash_num(h, p > 0 ? (para->scene_break_before ? 2 : 1) : 0);
        h = hash_num(h, (long long)para->n_segments);
        for (s = 0; s < para->n_segments; s++) {
            const struct segment *seg = &para->segments[s];
            h = hash_str(h, seg->spoken ? seg->spoken : seg->text);
            h = hash_voice(h, book_segment_voice(book, seg));
        }
    }
    return h;
}
