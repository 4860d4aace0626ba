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
    char *name;              /* section name ("narrator", the character's
                              * name, or the NAME of [pool:NAME]) */
    char **aliases;
    size_t n_aliases;
    dramatis_gender gender;
    struct voice voice;      /* keys not given hold defaults */
    unsigned set;            /* VOICE_SET_* bits */
    long line;               /* line of the section header; 0 for a
                              * [narrator] the map does not have */
    long voice_line;         /* line of the `voice =` key, 0 if none */
};

/* One `key = value` line of [pronunciations] or [overrides], as written. */
struct voicemap_pair {
    char *key;
    char *value;
    long line;
};

struct voicemap_slot {
    const char *name;        /* NULL: empty; owned by the character */
    size_t index;
};

struct dramatis_voicemap {
    char *path;              /* for messages */
    struct voicemap_entry narrator;   /* [narrator] */
    struct voicemap_entry narrator_female;   /* [narrator:female]: the
                                              * narrator when a woman tells
                                              * the story in the first person */
    struct voicemap_entry *characters;
    size_t n_characters;
    struct voicemap_entry *pool;      /* [pool:NAME] sections: parsed for
                                       * old maps; casting now draws on the
                                       * measured voice table */
    size_t n_pool;
    struct voicemap_pair *pronunciations;   /* [pronunciations]: word =
                                             * respelling or [[phonemes]] */
    size_t n_pronunciations;
    struct voicemap_pair *overrides;        /* [overrides]: CHAPTER first
                                             * words = speaker */
    size_t n_overrides;
    struct voicemap_pair *book;             /* [book]: title, author, ... as
                                             * given (see bookinfo.c) */
    size_t n_book;
    struct book_pauses pauses;        /* [pauses]: seconds by name */
    long pause_lines[BOOK_PAUSE_COUNT];
    char **warnings;         /* "file:line: unknown key 'x'" texts, for the
                              * CLI to print; parsing still succeeded */
    size_t n_warnings;
    /* every character's name and aliases, ASCII case folded, to the
     * character's index: open addressing, so a map loads in linear time */
    struct voicemap_slot *names;
    size_t names_cap, names_used;
};

/* Parses INI text; name is used in messages (file:line).  The sections
 * [pronunciations] and [overrides] hold free-form keys, [book] the book's
 * tags, [pauses] the pause table; every other section but [narrator] and
 * [pool:NAME] is a character. */
dramatis_status voicemap_parse(const char *name, const char *text,
                               struct dramatis_voicemap **out, struct dramatis_error *err);

/* What voicemap_set_pause() made of a line of [pauses]. */
enum voicemap_pause_result {
    VOICEMAP_PAUSE_SET = 0,
    VOICEMAP_PAUSE_UNKNOWN,   /* not a pause's name: a warning */
    VOICEMAP_PAUSE_BAD        /* a bad or repeated value: an error */
};

/* Sets the pause called key (reading.h's names) to value seconds, from
 * line of the map; what went wrong goes into message (pauses.c). */
enum voicemap_pause_result voicemap_set_pause(struct dramatis_voicemap *map, const char *key,
                                              const char *value, long line, char *message,
                                              size_t size);

/* Sets the book's title, author and metadata from the map's [book]
 * section (a cover = FILE is read relative to the map's folder). */
dramatis_status voicemap_apply_book(const struct dramatis_voicemap *map, struct dramatis_book *book,
                                    struct dramatis_error *err);

/* Whether key is one the [book] section knows. */
int voicemap_book_key(const char *key);

/* The built-in voices/default.ini ([narrator] and [narrator:female]). */
dramatis_status voicemap_default(struct dramatis_voicemap **out, struct dramatis_error *err);

/* The map's character section called name (ASCII case-insensitive), else
 * the one that lists name among its aliases; NULL if none. */
const struct voicemap_entry *voicemap_find(const struct dramatis_voicemap *map,
                                           const char *name);

/* Replaces book->characters with the map's characters (name, aliases,
 * gender), for when the user gives the cast.  A map without characters
 * leaves the book with none. */
dramatis_status voicemap_set_characters(const struct dramatis_voicemap *map, struct dramatis_book *book,
                              struct dramatis_error *err);

/* Gives book->narrator and every book character a voice.  The narrator
 * first: pool's [narrator] (its [narrator:female] when the first-person
 * narrator, the character aliased "I", is a woman), under the map's.  The
 * first-person narrator speaks in the narrator's voice; characters the map
 * gives a voice keep it; every other character, most dialogue lines first
 * (ties: book order), gets the usable measured voice (voice_table) of its
 * gender farthest from the narrator and from the characters it talks with
 * (voicespace.h), at the narrator's pace.  Deterministic.  map may be
 * NULL; pool NULL means the built-in default.  Does not check that voices
 * exist. */
dramatis_status voicemap_assign(const struct dramatis_voicemap *map,
                                const struct dramatis_voicemap *pool,
                                struct dramatis_book *book, struct dramatis_error *err);

#endif
