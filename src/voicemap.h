/* Voice maps: INI files naming the cast and how each character sounds. */
#ifndef DRAMATIS_VOICEMAP_H
#define DRAMATIS_VOICEMAP_H

#include "book.h"

/* Bits of voicemap_entry.set: which voice keys the map gave. */
enum {
    VOICE_SET_NAME = 1 << 0,
    VOICE_SET_RATE = 1 << 1,
    VOICE_SET_PITCH = 1 << 2,
    VOICE_SET_RANGE = 1 << 3,
    VOICE_SET_GAIN = 1 << 4
};

struct voicemap_entry {
    char *name;              /* section name */
    char **aliases;
    size_t n_aliases;
    dramatis_gender gender;
    struct voice voice;      /* keys not given hold defaults */
    unsigned set;            /* VOICE_SET_* bits */
    long line;               /* line of the section header */
    long voice_line;         /* line of the `voice =` key, 0 if none */
};

struct dramatis_voicemap {
    char *path;              /* for messages */
    struct voicemap_entry narrator;   /* [narrator] */
    struct voicemap_entry *characters;
    size_t n_characters;
    struct voicemap_entry *pool;      /* [pool:NAME] sections: voices for
                                       * automatic casting */
    size_t n_pool;
};

/* Parses INI text; name is used in messages (file:line). */
dramatis_status voicemap_parse(const char *name, const char *text,
                               struct dramatis_voicemap **out, struct dramatis_error *err);

/* The built-in voices/default.ini (narrator and casting pool). */
dramatis_status voicemap_default(struct dramatis_voicemap **out, struct dramatis_error *err);

/* Gives book->narrator and every book character a voice: the map's own
 * settings first, then distinct pool voices matched to gender, in order of
 * the characters.  map may be NULL.  Does not check that voices exist. */
dramatis_status voicemap_assign(const struct dramatis_voicemap *map,
                                const struct dramatis_voicemap *pool,
                                struct dramatis_book *book, struct dramatis_error *err);

#endif
