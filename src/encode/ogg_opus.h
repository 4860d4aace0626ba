/* Ogg Opus writer with chapter marks (the only opus/ogg user). */
#ifndef DRAMATIS_OGG_OPUS_H
#define DRAMATIS_OGG_OPUS_H

#include "dramatis.h"
#include "tags.h"

#include <stddef.h>

/* Speech defaults: espeak-ng's audio is band-limited mono speech, which
 * Opus codes transparently enough at VoIP-like rates. */
#define OGG_OPUS_DEFAULT_BITRATE 24000   /* bits per second */
#define OGG_OPUS_DEFAULT_COMPLEXITY 5    /* 0-10 */

/* Chapter comments number 001-999 (the Vorbis chapter extension has three
 * digits, and ffmpeg reads no more). */
#define OGG_OPUS_MAX_CHAPTERS 999

struct ogg_opus_chapter {
    const char *name;
    unsigned long long start;   /* first sample, at the input rate */
};

/* The tags of a book file (the m4b writer takes them too); any string may
 * be NULL or empty, and is then left out. */
struct ogg_opus_tags {
    const char *title;
    const char *album;
    const char *artist;
    const struct ogg_opus_chapter *chapters;
    size_t n_chapters;
    const char *album_artist;
    const char *date;
    const char *language;       /* BCP 47 */
    const char *description;
    const char *comment;
    const char *composer;       /* the narrator, as audiobook servers read it */
    const char *publisher;
    const char *series;
    const char *series_part;
    const char *const *genres;
    size_t n_genres;
    const struct encode_picture *picture;   /* the front cover, or NULL */
};

struct ogg_opus_writer;

/* Opens path for writing mono audio at input rate `rate` (resampled to 48 kHz
 * by the encoder).  Tags, chapter marks included, go into the header; tags
 * may be NULL, and NULL or empty title, album or artist are left out.
 * bitrate 0 and complexity < 0 mean the speech defaults; a negative
 * bitrate, a complexity > 10 or more than OGG_OPUS_MAX_CHAPTERS chapters
 * fail with DRAMATIS_ERR_ARG (Opus clamps bitrates into 500-300000).
 * Write and close failures of the file (a full disk) are reported, which
 * libopusenc's own file writer does not do.  On failure nothing is left at
 * path. */
dramatis_status ogg_opus_writer_open(const char *path, int rate, const struct ogg_opus_tags *tags,
                                     int bitrate, int complexity,
                                     struct ogg_opus_writer **out, struct dramatis_error *err);
dramatis_status ogg_opus_writer_write(struct ogg_opus_writer *w, const float *samples, size_t n,
                                      struct dramatis_error *err);
/* Flushes, closes and frees w; the file is complete only when this returns
 * OK, and is removed when it does not.  A stream given no samples gets one
 * of silence (libopusenc 0.2.1 asserts on ending an empty stream). */
dramatis_status ogg_opus_writer_close(struct ogg_opus_writer *w, struct dramatis_error *err);
/* Closes without finishing (after an error), removes the partial file (if
 * a regular file) and frees w; NULL does nothing. */
void ogg_opus_writer_abort(struct ogg_opus_writer *w);

/* Formats the chapter comment pair for chapter index (0-based; index 0 is
 * CHAPTER001, as in the chapter extension's examples) starting at sample
 * `start` of rate: "CHAPTER001=00:01:02.345" and "CHAPTER001NAME=Title"
 * (three digits, milliseconds rounded down; a NULL name is "").  Hours take
 * as many digits as they need, though ffmpeg reads only two (99:59:59.999).
 * DRAMATIS_ERR_ARG for index >= OGG_OPUS_MAX_CHAPTERS, rate <= 0 or an
 * output buffer too small. */
dramatis_status ogg_opus_chapter_comment(size_t index, unsigned long long start, int rate,
                                         const char *name, char *time_out, size_t time_size,
                                         char *name_out, size_t name_size);

/* The libopus version string (for cache keys: another encoder, other audio). */
const char *ogg_opus_version(void);

/* ---- unit writer (src/ogg_unit.c): libopus directly, one stream per unit.
 * libopusenc drives libopus through its multistream API, and libopus 1.3
 * re-detects the CPU (cpuid, which traps under virtualisation) on every
 * multistream call: a quarter of the encode time.  The single-stream API
 * does not, so units are encoded with it, resampled by speexdsp (the
 * resampler libopusenc embeds, at the same quality) to 24 kHz: espeak-ng's
 * 22050 Hz audio holds nothing above 11 kHz, which Opus codes fully from
 * 24 kHz input (super-wideband) for a fifth less work than from 48 kHz. */

struct ogg_opus_unit_writer;

/* Opens path for one unit of mono audio at rate (resampled for Opus),
 * with the voice signal type; bitrate and complexity as
 * ogg_opus_writer_open() takes them.  On failure nothing is left at path. */
dramatis_status ogg_opus_unit_open(const char *path, int rate, int bitrate, int complexity,
                                   struct ogg_opus_unit_writer **out, struct dramatis_error *err);
dramatis_status ogg_opus_unit_write(struct ogg_opus_unit_writer *w, const float *samples,
                                    size_t n, struct dramatis_error *err);
/* Encodes what is left, ends the stream exactly at the last input sample
 * (its final granule position), closes and frees w; on failure the file is
 * removed. */
dramatis_status ogg_opus_unit_close(struct ogg_opus_unit_writer *w, struct dramatis_error *err);
/* Frees w and removes its file; NULL does nothing. */
void ogg_opus_unit_abort(struct ogg_opus_unit_writer *w);

/* ---- joining units (src/ogg_join.c): a unit is one Ogg Opus stream written
 * by ogg_opus_writer; units are joined by copying their packets. */

/* What a unit holds, in 48 kHz samples.  Its audio is [preskip, end_granule)
 * of what its packets decode to; the packets run on to packet_samples (the
 * encoder's last frame is padded). */
struct ogg_opus_unit_info {
    unsigned preskip;
    unsigned long long end_granule;
    unsigned long long packet_samples;
    size_t n_packets;
};

/* What ogg_opus_unit_close() makes of in_samples input samples at rate
 * with these settings, without encoding them: the info that
 * ogg_opus_unit_scan() reads from such a unit (tested to agree), so line
 * times in a book can be known from sample counts alone. */
dramatis_status ogg_opus_unit_layout(int rate, int bitrate, int complexity,
                                     unsigned long long in_samples,
                                     struct ogg_opus_unit_info *info, struct dramatis_error *err);

/* Reads the unit at path; DRAMATIS_ERR_ENCODE if it is damaged. */
dramatis_status ogg_opus_unit_scan(const char *path, struct ogg_opus_unit_info *info,
                                   struct dramatis_error *err);

struct ogg_opus_join_unit {
    const char *path;
    const struct ogg_opus_unit_info *info;
};

/* Writes to path one Ogg Opus stream of the units' packets in order (all
 * units must come from the same encoder settings).  Headers are the first
 * unit's OpusHead and new OpusTags from tags (chapter starts in 48 kHz
 * samples of the joined stream) and track (TRACKNUMBER, may be NULL).
 * The stream plays every unit's packets, its pre-skip is the first unit's
 * and its end is the last unit's audio end, so a unit's pad and the next
 * unit's encoder delay (together < 30 ms of silence at a unit boundary) stay
 * in it.  lead_in (may be NULL) is the unit played before units[0] in a
 * longer join: its trailing packets start this stream, pre-skipped but for
 * its pad, so that the stream decodes to exactly the samples the longer
 * join holds from the lead-in's audio end onwards.  serialno makes the
 * output reproducible.  On failure nothing is left at path. */
dramatis_status ogg_opus_join(const char *path, const struct ogg_opus_tags *tags,
                              const char *track, const struct ogg_opus_join_unit *lead_in,
                              const struct ogg_opus_join_unit *units, size_t n_units,
                              int serialno, struct dramatis_error *err);

#endif
