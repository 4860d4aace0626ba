/* Joins independently encoded Ogg Opus units into one stream without
 * encoding again: packets are copied, granule positions renumbered. */
#include "ogg_opus.h"

#include "buf.h"
#include "error.h"
#include "file.h"

#include <ogg/ogg.h>
#include <opus/opus.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OPUS_HEAD_MIN 19
#define READ_BLOCK 65536
/* Trailing packets kept for a lead-in; an end pad never spans more. */
#define LEAD_MAX 8
/* The pre-skip a lead-in leaves at least: libopus's look-ahead at 48 kHz. */
#define LEAD_MIN_PRESKIP 312

/* Reads the packets of one Ogg stream in order. */
struct unit_reader {
    FILE *file;
    const char *path;
    ogg_sync_state sync;
    ogg_stream_state stream;
    int have_stream;
    int eof;
    int eos;       /* the end-of-stream page was read */
};

static dramatis_status reader_open(struct unit_reader *r, const char *path,
                                   struct dramatis_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    ogg_sync_init(&r->sync);
    r->file = fopen(path, "rb");
    if (r->file == NULL)
        return error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot open: %s", strerror(errno));
    return DRAMATIS_OK;
}

static void reader_close(struct unit_reader *r)
{
    if (r->file)
        fclose(r->file);
    if (r->have_stream)
        ogg_stream_clear(&r->stream);
    ogg_sync_clear(&r->sync);
    r->file = NULL;
    r->have_stream = 0;
}

/* Next packet into *op (valid until the next call); 0 at the end of the
 * stream, 1 with a packet, -1 on a damaged or unreadable file.  Units are
 * read strictly, so that a damaged one is never taken for a shorter
 * whole one: every page's CRC must hold (libogg skips a page that fails
 * it), pages must follow in sequence in one stream, the last must end
 * the stream, and nothing may follow it, not even part of a page. */
static int reader_next(struct unit_reader *r, ogg_packet *op)
{
    ogg_page page;

    for (;;) {
        int got;

        if (r->have_stream) {
            int ret = ogg_stream_packetout(&r->stream, op);
            if (ret == 1)
                return 1;
            if (ret < 0)
                return -1;
        }
        for (got = ogg_sync_pageout(&r->sync, &page); got != 1;
             got = ogg_sync_pageout(&r->sync, &page)) {
            char *data;
            size_t n;

            if (got < 0)
                return -1;   /* bytes skipped: a page failed its CRC */
            if (r->eof)
                return r->eos && r->sync.fill == r->sync.returned ? 0 : -1;
            data = ogg_sync_buffer(&r->sync, READ_BLOCK);
            if (data == NULL)
                return -1;
            n = fread(data, 1, READ_BLOCK, r->file);
            if (ferror(r->file))
                return -1;
            if (n == 0)
                r->eof = 1;
            ogg_sync_wrote(&r->sync, (long)n);
        }
        if (!r->have_stream) {
            if (ogg_stream_init(&r->stream, ogg_page_serialno(&page)) != 0)
                return -1;
            r->have_stream = 1;
        }
        /* a unit holds one stream, and nothing after its end */
        if (ogg_page_serialno(&page) != r->stream.serialno || r->eos)
            return -1;
        if (ogg_stream_pagein(&r->stream, &page) != 0)
            return -1;
        r->eos = ogg_page_eos(&page) != 0;
    }
}

static dramatis_status damaged(const char *path, struct dramatis_error *err)
{
    return error_set(err, DRAMATIS_ERR_ENCODE, path, 0, "not a readable Ogg Opus unit");
}

/* Reads the OpusHead and skips the OpusTags of an open reader. */
static dramatis_status read_headers(struct unit_reader *r, unsigned char *head, size_t *head_len,
                                    struct dramatis_error *err)
{
    ogg_packet op;

    if (reader_next(r, &op) != 1 || op.bytes < OPUS_HEAD_MIN || op.bytes > 255 ||
        memcmp(op.packet, "OpusHead", 8) != 0 || op.packet[9] != 1)
        return damaged(r->path, err);
    if (head) {
        memcpy(head, op.packet, (size_t)op.bytes);
        *head_len = (size_t)op.bytes;
    }
    if (reader_next(r, &op) != 1 || op.bytes < 8 || memcmp(op.packet, "OpusTags", 8) != 0)
        return damaged(r->path, err);
    return DRAMATIS_OK;
}

static unsigned head_preskip(const unsigned char *head)
{
    return (unsigned)head[10] | (unsigned)head[11] << 8;
}

dramatis_status ogg_opus_unit_scan(const char *path, struct ogg_opus_unit_info *info,
                                   struct dramatis_error *err)
{
    struct unit_reader r;
    unsigned char head[255];
    size_t head_len;
    ogg_packet op;
    dramatis_status st;
    int ret;

    memset(info, 0, sizeof *info);
    st = reader_open(&r, path, err);
    if (st == DRAMATIS_OK)
        st = read_headers(&r, head, &head_len, err);
    if (st != DRAMATIS_OK)
        goto fail;
    info->preskip = head_preskip(head);
    for (ret = reader_next(&r, &op); ret == 1; ret = reader_next(&r, &op)) {
        int n = opus_packet_get_nb_samples(op.packet, op.bytes, 48000);
        if (n <= 0) {
            st = damaged(path, err);
            goto fail;
        }
        info->packet_samples += (unsigned long long)n;
        info->n_packets++;
        if (op.granulepos >= 0)
            info->end_granule = (unsigned long long)op.granulepos;
    }
    if (ret < 0 || info->n_packets == 0 || info->end_granule > info->packet_samples ||
        info->end_granule < info->preskip) {
        st = damaged(path, err);
        goto fail;
    }
fail:
    reader_close(&r);
    return st;
}

/* ---- the joined stream's writer */

struct joiner {
    FILE *file;
    const char *path;
    ogg_stream_state stream;
    ogg_int64_t packetno;
    int io_failed;
};

static void join_write_page(struct joiner *j, const ogg_page *page)
{
    if (fwrite(page->header, 1, (size_t)page->header_len, j->file) != (size_t)page->header_len ||
        fwrite(page->body, 1, (size_t)page->body_len, j->file) != (size_t)page->body_len)
        j->io_failed = 1;
}

/* Adds one packet; flush ends the page after it (headers sit alone). */
static dramatis_status join_packet(struct joiner *j, const unsigned char *data, long bytes,
                                   ogg_int64_t granule, int eos, int flush,
                                   struct dramatis_error *err)
{
    ogg_packet op;
    ogg_page page;

    op.packet = (unsigned char *)data;
    op.bytes = bytes;
    op.b_o_s = j->packetno == 0;
    op.e_o_s = eos;
    op.granulepos = granule;
    op.packetno = j->packetno++;
    if (ogg_stream_packetin(&j->stream, &op) != 0)
        return error_set(err, DRAMATIS_ERR_ENCODE, j->path, 0, "cannot add an Ogg packet");
    if (flush || eos) {
        while (ogg_stream_flush(&j->stream, &page) != 0)
            join_write_page(j, &page);
    } else {
        while (ogg_stream_pageout(&j->stream, &page) != 0)
            join_write_page(j, &page);
    }
    if (j->io_failed)
        return error_set(err, DRAMATIS_ERR_IO, j->path, 0, "cannot write: %s", strerror(errno));
    return DRAMATIS_OK;
}

static void put_le32(struct buf *b, unsigned long v, dramatis_status *st)
{
    unsigned char le[4];

    le[0] = (unsigned char)(v & 0xff);
    le[1] = (unsigned char)(v >> 8 & 0xff);
    le[2] = (unsigned char)(v >> 16 & 0xff);
    le[3] = (unsigned char)(v >> 24 & 0xff);
    if (*st == DRAMATIS_OK)
        *st = buf_add(b, le, 4);
}

/* Adds KEY=value; an empty value is left out unless keep_empty. */
static void put_comment(struct buf *b, const char *key, const char *value, int keep_empty,
                        unsigned long *count, dramatis_status *st)
{
    size_t klen = strlen(key), vlen;

    if (value == NULL || (value[0] == '\0' && !keep_empty))
        return;
    vlen = strlen(value);
    put_le32(b, (unsigned long)(klen + 1 + vlen), st);
    if (*st == DRAMATIS_OK)
        *st = buf_add(b, key, klen);
    if (*st == DRAMATIS_OK)
        *st = buf_add(b, "=", 1);
    if (*st == DRAMATIS_OK)
        *st = buf_add(b, value, vlen);
    (*count)++;
}

/* The OpusTags packet: vendor, tags, then chapter marks at 48 kHz. */
static dramatis_status make_tags(const struct ogg_opus_tags *tags, const char *track,
                                 struct buf *b, const char *path, struct dramatis_error *err)
{
    const char *vendor = opus_get_version_string();
    unsigned long count = 0;
    size_t count_at, i;
    dramatis_status st;

    if (tags && tags->n_chapters > OGG_OPUS_MAX_CHAPTERS)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0,
                         "too many chapters (%zu): chapter marks allow %d", tags->n_chapters,
                         OGG_OPUS_MAX_CHAPTERS);
    st = buf_add(b, "OpusTags", 8);
    put_le32(b, (unsigned long)strlen(vendor), &st);
    if (st == DRAMATIS_OK)
        st = buf_adds(b, vendor);
    count_at = b->len;
    put_le32(b, 0, &st);
    if (tags) {
        put_comment(b, "TITLE", tags->title, 0, &count, &st);
        put_comment(b, "ALBUM", tags->album, 0, &count, &st);
        put_comment(b, "ARTIST", tags->artist, 0, &count, &st);
        put_comment(b, "ALBUMARTIST", tags->album_artist, 0, &count, &st);
        put_comment(b, "DATE", tags->date, 0, &count, &st);
        put_comment(b, "LANGUAGE", tags->language, 0, &count, &st);
        for (i = 0; i < tags->n_genres; i++)
            put_comment(b, "GENRE", tags->genres[i], 0, &count, &st);
        /* ffmpeg reads DESCRIPTION as the comment too, the last one winning,
         * and Audiobookshelf takes that comment as the description */
        put_comment(b, "COMMENT", tags->comment, 0, &count, &st);
        put_comment(b, "DESCRIPTION", tags->description, 0, &count, &st);
        put_comment(b, "COMPOSER", tags->composer, 0, &count, &st);
        put_comment(b, "PUBLISHER", tags->publisher, 0, &count, &st);
        put_comment(b, "SERIES", tags->series, 0, &count, &st);
        put_comment(b, "SERIES-PART", tags->series_part, 0, &count, &st);
    }
    put_comment(b, "TRACKNUMBER", track, 0, &count, &st);
    put_comment(b, "ENCODER", "dramatis " DRAMATIS_VERSION, 0, &count, &st);
    for (i = 0; tags && st == DRAMATIS_OK && i < tags->n_chapters; i++) {
        const char *name = tags->chapters[i].name ? tags->chapters[i].name : "";
        char time[64];
        char key[32];

        st = ogg_opus_chapter_comment(i, tags->chapters[i].start, 48000, "", time, sizeof time,
                                      key, sizeof key);
        if (st != DRAMATIS_OK)
            return error_set(err, st, path, 0, "cannot format chapter mark %zu", i + 1);
        /* "CHAPTER001=..." is whole; the name comment is built here */
        put_le32(b, (unsigned long)strlen(time), &st);
        if (st == DRAMATIS_OK)
            st = buf_adds(b, time);
        count++;
        snprintf(key, sizeof key, "CHAPTER%03zuNAME", i + 1);
        put_comment(b, key, name, 1, &count, &st);
    }
    if (tags && tags->picture && st == DRAMATIS_OK) {
        /* "KEY=value" whole, as the chapter marks are */
        char *pic = encode_picture_comment(tags->picture);
        if (pic == NULL)
            return error_set(err, DRAMATIS_ERR_NOMEM, path, 0, "cover too large");
        put_le32(b, (unsigned long)strlen(pic), &st);
        if (st == DRAMATIS_OK)
            st = buf_adds(b, pic);
        count++;
        free(pic);
    }
    if (st != DRAMATIS_OK)
        return error_set(err, st, path, 0, "tags too large");
    b->data[count_at] = (char)(count & 0xff);
    b->data[count_at + 1] = (char)(count >> 8 & 0xff);
    b->data[count_at + 2] = (char)(count >> 16 & 0xff);
    b->data[count_at + 3] = (char)(count >> 24 & 0xff);
    return DRAMATIS_OK;
}

/* A packet kept in memory (the lead-in). */
struct kept_packet {
    unsigned char *data;
    long bytes;
    int samples;
};

/* The trailing packets of a unit that cover its end pad (at least one):
 * a ring of the last LEAD_MAX packets, then the shortest suffix. */
static dramatis_status read_lead_in(const char *path, const struct ogg_opus_unit_info *info,
                                    struct kept_packet *kept, size_t *n_kept, unsigned *lead,
                                    struct dramatis_error *err)
{
    unsigned long long pad = info->packet_samples - info->end_granule, sum = 0;
    struct kept_packet ring[LEAD_MAX];
    size_t cap[LEAD_MAX];
    size_t seen = 0, n = 0, i;
    struct unit_reader r;
    ogg_packet op;
    dramatis_status st;
    int ret;

    memset(ring, 0, sizeof ring);
    memset(cap, 0, sizeof cap);
    *n_kept = 0;
    *lead = 0;
    st = reader_open(&r, path, err);
    if (st == DRAMATIS_OK)
        st = read_headers(&r, NULL, NULL, err);
    if (st != DRAMATIS_OK)
        goto fail;
    for (ret = reader_next(&r, &op); ret == 1; ret = reader_next(&r, &op)) {
        struct kept_packet *k = &ring[seen % LEAD_MAX];
        size_t slot = seen % LEAD_MAX;
        int s = opus_packet_get_nb_samples(op.packet, op.bytes, 48000);

        if (s <= 0) {
            ret = -1;
            break;
        }
        if (cap[slot] < (size_t)op.bytes) {
            unsigned char *grown = realloc(k->data, (size_t)op.bytes);
            if (grown == NULL) {
                st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
                goto fail;
            }
            k->data = grown;
            cap[slot] = (size_t)op.bytes;
        }
        memcpy(k->data, op.packet, (size_t)op.bytes);
        k->bytes = op.bytes;
        k->samples = s;
        seen++;
    }
    if (ret < 0 || seen == 0) {
        st = damaged(path, err);
        goto fail;
    }
    /* at least a fresh stream's pre-skip (the encoder's 6.5 ms) beyond the
     * pad: a pad of nearly a whole packet left a pre-skip of a sample or
     * two, which opusinfo calls implausible */
    while (n < LEAD_MAX && n < seen && (n == 0 || sum < pad + LEAD_MIN_PRESKIP)) {
        sum += (unsigned long long)ring[(seen - 1 - n) % LEAD_MAX].samples;
        n++;
    }
    if (sum < pad) {
        st = damaged(path, err);
        goto fail;
    }
    for (i = 0; i < n; i++) {
        size_t slot = (seen - n + i) % LEAD_MAX;
        kept[i] = ring[slot];
        ring[slot].data = NULL;
    }
    *n_kept = n;
    *lead = (unsigned)sum;
fail:
    for (i = 0; i < LEAD_MAX; i++)
        free(ring[i].data);
    reader_close(&r);
    return st;
}

dramatis_status ogg_opus_join(const char *path, const struct ogg_opus_tags *tags,
                              const char *track, const struct ogg_opus_join_unit *lead_in,
                              const struct ogg_opus_join_unit *units, size_t n_units,
                              int serialno, struct dramatis_error *err)
{
    struct joiner j;
    struct buf tagbuf;
    struct kept_packet kept[LEAD_MAX];
    size_t n_kept = 0, u, i;
    unsigned char head[255];
    size_t head_len = 0;
    unsigned lead = 0, preskip;
    unsigned long long granule = 0, end;
    struct unit_reader r;
    dramatis_status st;
    int stream_ready = 0;

    memset(&j, 0, sizeof j);
    memset(&r, 0, sizeof r);
    ogg_sync_init(&r.sync);
    buf_init(&tagbuf, 1u << 26);
    j.path = path;
    if (n_units == 0)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "nothing to join");
    /* the whole stream's end: every unit's packets but the last unit's pad */
    end = 0;
    for (u = 0; u + 1 < n_units; u++)
        end += units[u].info->packet_samples;
    end += units[n_units - 1].info->end_granule;
    if (lead_in) {
        st = read_lead_in(lead_in->path, lead_in->info, kept, &n_kept, &lead, err);
        if (st != DRAMATIS_OK)
            goto fail;
    }
    st = make_tags(tags, track, &tagbuf, path, err);
    if (st != DRAMATIS_OK)
        goto fail;
    if (ogg_stream_init(&j.stream, serialno) != 0) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    stream_ready = 1;
    j.file = file_fopen_write(path);
    if (j.file == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
        goto fail;
    }
    for (u = 0; u < n_units; u++) {
        ogg_packet op;
        int ret;

        reader_close(&r);
        st = reader_open(&r, units[u].path, err);
        if (st == DRAMATIS_OK)
            st = read_headers(&r, u == 0 ? head : NULL, &head_len, err);
        if (st != DRAMATIS_OK)
            goto fail;
        if (u == 0) {
            /* the first unit's head, its pre-skip grown by the lead-in, which
             * is played only for the decoder to settle (audio before this
             * file's start is not in it) */
            preskip = lead_in ? lead - (unsigned)(lead_in->info->packet_samples -
                                                  lead_in->info->end_granule)
                              : head_preskip(head);
            if (preskip > 65535) {
                st = damaged(units[u].path, err);
                goto fail;
            }
            head[10] = (unsigned char)(preskip & 0xff);
            head[11] = (unsigned char)(preskip >> 8 & 0xff);
            st = join_packet(&j, head, (long)head_len, 0, 0, 1, err);
            if (st == DRAMATIS_OK)
                st = join_packet(&j, (const unsigned char *)tagbuf.data, (long)tagbuf.len, 0, 0,
                                 1, err);
            for (i = 0; st == DRAMATIS_OK && i < n_kept; i++) {
                granule += (unsigned long long)kept[i].samples;
                st = join_packet(&j, kept[i].data, kept[i].bytes, (ogg_int64_t)granule, 0, 0, err);
            }
            if (st != DRAMATIS_OK)
                goto fail;
            end += lead;
        }
        for (ret = reader_next(&r, &op); ret == 1; ret = reader_next(&r, &op)) {
            int s = opus_packet_get_nb_samples(op.packet, op.bytes, 48000);
            int last;

            if (s <= 0) {
                ret = -1;
                break;
            }
            granule += (unsigned long long)s;
            last = u + 1 == n_units && granule >= end;
            st = join_packet(&j, op.packet, op.bytes, (ogg_int64_t)(last ? end : granule), last, 0,
                             err);
            if (st != DRAMATIS_OK)
                goto fail;
            if (last)
                break;
        }
        if (ret < 0) {
            st = damaged(units[u].path, err);
            goto fail;
        }
    }
    if (fflush(j.file) != 0 || ferror(j.file)) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
        goto fail;
    }
    if (fclose(j.file) != 0) {
        j.file = NULL;
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot write: %s", strerror(errno));
        goto fail;
    }
    j.file = NULL;
fail:
    if (j.file) {
        struct stat sb;
        fclose(j.file);
        if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode))
            remove(path);
    }
    for (i = 0; i < n_kept; i++)
        free(kept[i].data);
    if (stream_ready)
        ogg_stream_clear(&j.stream);
    reader_close(&r);
    buf_cleanup(&tagbuf);
    return st;
}
