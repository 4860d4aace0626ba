/* M4B books (AAC in MP4 with chapters and a cover) through libavcodec and
 * libavformat, the only users of either: workers encode each unit's
 * samples into a small AAC unit file, and the book is joined from those
 * units' packets without encoding again, as the Opus book is. */
#ifndef DRAMATIS_M4B_H
#define DRAMATIS_M4B_H

#include "ogg_opus.h"

/* Speech in AAC-LC, mono, at the synthesis rate (no resampling): 48 kbit/s
 * with libavcodec's fast coder.  On seed 002 it scores 24.4 dB segmental
 * SNR against the Opus book (ffmpeg -c:a aac from that book, 71 kbit/s
 * at 48 kHz: 23.0 dB), and its default coder (twoloop) took four times as
 * long for 19.1 dB. */
#define M4B_DEFAULT_BITRATE 48000

/* What an AAC unit holds, in samples at its rate. */
struct m4b_unit_info {
    int rate;
    unsigned priming;                 /* encoder delay before the audio */
    unsigned long long samples;       /* every packet's samples, priming too */
    size_t n_packets;
};

struct m4b_unit_writer;

/* Opens path for one unit of mono float audio at rate, encoded as AAC at
 * bitrate (0: M4B_DEFAULT_BITRATE).  On failure nothing is left at path. */
dramatis_status m4b_unit_open(const char *path, int rate, int bitrate,
                              struct m4b_unit_writer **out, struct dramatis_error *err);
dramatis_status m4b_unit_write(struct m4b_unit_writer *w, const float *samples, size_t n,
                               struct dramatis_error *err);
/* Encodes what is left, closes and frees w; on failure the file is removed. */
dramatis_status m4b_unit_close(struct m4b_unit_writer *w, struct dramatis_error *err);
/* Frees w and removes its file; NULL does nothing. */
void m4b_unit_abort(struct m4b_unit_writer *w);

/* Reads the unit at path; DRAMATIS_ERR_ENCODE if it is damaged. */
dramatis_status m4b_unit_scan(const char *path, struct m4b_unit_info *info,
                              struct dramatis_error *err);

/* libavcodec's version, for cache keys. */
const char *m4b_version(void);

struct m4b_join_unit {
    const char *path;
    const struct m4b_unit_info *info;
};

/* Writes to path an MP4 audiobook (the "ipod" muxer, moov first) of the
 * units' packets in order: tags as iTunes atoms, chapter starts (in samples
 * at the units' rate, counted from the first unit's audio, after its
 * priming) as both a Nero chpl list and a QuickTime chapter track, and
 * tags->picture as covr.  track (may be NULL) numbers a chapter file.  The
 * first unit's priming is declared in the edit list; each later unit's
 * priming and padding stay (silence inside a pause).  On failure nothing
 * is left at path. */
dramatis_status m4b_join(const char *path, const struct ogg_opus_tags *tags, const char *track,
                         const struct m4b_join_unit *units, size_t n_units,
                         struct dramatis_error *err);

#endif
