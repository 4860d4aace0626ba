/* The [pauses] section of a voice map: the book's pause table, in seconds. */
#include "voicemap.h"

#include "reading.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum voicemap_pause_result voicemap_set_pause(struct dramatis_voicemap *map, const char *key,
                                              const char *value, long line, char *message,
                                              size_t size)
{
    int p = book_pause_find(key);
    char *end;
    double seconds;

    if (p < 0) {
        snprintf(message, size, "unknown pause '%s' (known: speech_tag, paragraph, "
                 "scene_break, title, chapter_end, announcement, dash, ellipsis)", key);
        return VOICEMAP_PAUSE_UNKNOWN;
    }
    if (map->pauses.set & (1u << p)) {
        snprintf(message, size, "pause '%s' is already given at line %ld", key,
                 map->pause_lines[p]);
        return VOICEMAP_PAUSE_BAD;
    }
    seconds = strtod(value, &end);
    if (end == value || *end != '\0' || !isfinite(seconds) || seconds < 0 ||
        seconds * 1000.0 > BOOK_PAUSE_MAX_MS) {
        snprintf(message, size, "pause '%s' must be 0 to %d seconds, got '%s'", key,
                 BOOK_PAUSE_MAX_MS / 1000, value);
        return VOICEMAP_PAUSE_BAD;
    }
    map->pauses.ms[p] = lround(seconds * 1000.0);
    map->pauses.set |= 1u << p;
    map->pause_lines[p] = line;
    return VOICEMAP_PAUSE_SET;
}
