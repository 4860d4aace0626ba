/* The one data model that flows through the pipeline:
 * book -> chapter -> paragraph -> segment {kind, text, span, speaker, voice}. */
#ifndef DRAMATIS_BOOK_H
#define DRAMATIS_BOOK_H

#include "dramatis.h"

#include <stddef.h>

enum segment_kind {
    SEGMENT_NARRATION = 0,
    SEGMENT_DIALOGUE
};

/* How one speaker sounds: an espeak-ng voice and its settings. */
struct voice {
    char name[64];  /* espeak-ng voice, optionally "+variant": "en-us+f3" */
    int rate;       /* words per minute (espeak-ng: 80-450) */
    int pitch;      /* 0-100 */
    int range;      /* pitch range 0-100 */
    double gain;    /* dB added after loudness levelling */
};

struct segment {
    enum segment_kind kind;
    size_t start, end;   /* byte span in book->text; for dialogue, the words
                          * inside the quote marks, marks excluded */
    char *text;          /* the span, whitespace folded (what the script shows) */
    char *spoken;        /* what is read aloud when it differs from text
                          * (pronunciations applied); NULL: read text */
    int continued;       /* dialogue that goes on a quote left open at the end
                          * of the previous paragraph (one speech) */
    int speaker;         /* index into book->characters; -1: the narrator */
    const char *rule;    /* attribution rule that decided (static string) */
    double confidence;   /* 0..1, how sure that rule is */
};

struct paragraph {
    size_t start, end;       /* byte span in book->text */
    int scene_break_before;  /* a scene-break marker preceded it */
    struct segment *segments;
    size_t n_segments;
};

struct chapter {
    char *title;             /* spoken by the narrator; never NULL */
    char *spoken_title;      /* title with pronunciations applied; NULL: title */
    size_t title_start, title_end;  /* span of the heading; both 0 if none */
    struct paragraph *paragraphs;
    size_t n_paragraphs;
};

struct character {
    char *name;              /* the voice map's section name, or discovered */
    char **aliases;          /* other names the text uses */
    size_t n_aliases;
    dramatis_gender gender;
    struct voice voice;
};

/* A word read otherwise than by espeak-ng's English rules: from the voice
 * map's [pronunciations], or found by its origin (romanised Japanese). */
struct pronunciation {
    char *word;              /* as the text writes it: "Iruka" */
    char *spoken;            /* what espeak-ng gets: "[[phonemes]]" or a respelling */
    char *origin;            /* "map", or a language code: "ja" */
    char *hint;              /* a respelling for people ("ee-ROO-kah"), or NULL */
};

/* What the book says about itself, beyond title and author: for the
 * output's tags, cover and announcement.  Every field may be NULL. */
struct book_meta {
    char *language;          /* BCP 47: "en", "en-GB" */
    char *description;       /* a summary (AO3's, an EPUB's) as plain text */
    char *date;              /* publication date as the source gives it */
    char *publisher;
    char *series;
    char *series_index;      /* "3", "2.5" */
    char *genre;             /* besides "Audiobook": the fandom, a subject */
    char *narrator;          /* who reads it, for the tags ([book] narrator) */
    char *comment;           /* the tags' comment ([book] comment) */
    unsigned char *cover;    /* image bytes, cover_size of them */
    size_t cover_size;
    char *cover_mime;        /* "image/jpeg" or "image/png" */
};

/* The pauses of a reading: the silences the render puts between lines and
 * the normaliser puts inside them.  A voice map's [pauses] section sets
 * them by name (reading.h has the names and the defaults). */
enum book_pause {
    BOOK_PAUSE_SPEECH_TAG = 0,   /* between the parts of a paragraph: a
                                  * quote and its speech tag */
    BOOK_PAUSE_PARAGRAPH,        /* between paragraphs */
    BOOK_PAUSE_SCENE_BREAK,      /* at a scene break, instead of a paragraph's */
    BOOK_PAUSE_TITLE,            /* after a chapter title */
    BOOK_PAUSE_CHAPTER_END,      /* at the end of a chapter */
    BOOK_PAUSE_ANNOUNCEMENT,     /* after the book's title and author */
    BOOK_PAUSE_DASH,             /* a dash between words, inside a line */
    BOOK_PAUSE_ELLIPSIS,         /* an ellipsis inside a line */
    BOOK_PAUSE_COUNT
};

struct book_pauses {
    long ms[BOOK_PAUSE_COUNT];   /* milliseconds, where set says so */
    unsigned set;                /* bit 1 << pause: ms holds the map's value;
                                  * otherwise the default applies */
};

struct book_source;          /* source.h */

struct dramatis_book {
    char *path;
    char *text;              /* the input bytes as read (offsets index these),
                              * or the text extracted from markup */
    size_t size;
    char *title;
    char *author;            /* NULL when unknown */
    struct book_meta meta;
    struct book_source *source;   /* NULL for UTF-8 plain text; else where the
                                   * extracted text is in which document */
    struct chapter *chapters;
    size_t n_chapters;
    struct character *characters;
    size_t n_characters;
    struct voice narrator;
    struct book_pauses pauses;
    char *announcement;      /* what the narrator reads first: the title and
                              * author ("Emma, by Jane Austen"); NULL: none */
    char *spoken_announcement;   /* as spoken (pronunciations, normaliser);
                                  * NULL: announcement */
    int no_announce;         /* the announcement is not read */
    struct pronunciation *pronunciations;   /* the map's, then those found */
    size_t n_pronunciations;
    char **warnings;         /* "file:line: message" from casting (an
                              * override that matches no quote, ...) */
    size_t n_warnings;
};

/* Frees every field of meta and zeroes it. */
void book_meta_cleanup(struct book_meta *meta);

/* The speaker attribution adds for a first-person narrator (`"I am," said
 * I`) whom the cast leaves out, with the alias `I`.  Not "narrator": that
 * name is the narration's own voice (`[narrator]` in a voice map,
 * `--speaker narrator`), and a speaker called so could not be given a
 * voice, previewed or named in an override.  The parentheses say it is a
 * role, not a name, and keep it what annotated corpora call that person
 * ("Narrator", punctuation aside). */
#define BOOK_FIRST_PERSON_NAME "(narrator)"
/* Frees the pronunciations of a book and empties the list. */
void book_pronunciations_clear(struct dramatis_book *book);

/* Frees the characters (names, aliases) of a book and empties the list. */
void book_characters_clear(struct dramatis_book *book);

/* Adds a character (copies name and aliases); its index in *index. */
dramatis_status book_character_add(struct dramatis_book *book, const char *name,
                                   const char *const *aliases, size_t n_aliases,
                                   dramatis_gender gender, size_t *index);

/* Gives character c one more alias (a copy), unless it has it already. */
dramatis_status book_character_alias(struct dramatis_book *book, size_t c, const char *alias);

/* Appends a formatted warning to book->warnings. */
dramatis_status book_warn(struct dramatis_book *book, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The speaker a user names (case folded, names then aliases): a character
 * index, -1 for "narrator", or -2 when nobody in the cast has that name. */
int book_find_speaker(const struct dramatis_book *book, const char *name);

/* The cast's names, comma-separated, for messages ("" when none); free() it. */
char *book_cast_names(const struct dramatis_book *book);

/* Name of a segment's speaker, or NULL for the narrator. */
const char *book_speaker_name(const struct dramatis_book *book, const struct segment *seg);

/* The voice a segment is read with. */
const struct voice *book_segment_voice(const struct dramatis_book *book,
                                       const struct segment *seg);

#endif
