/* M4B books: AAC units encoded by libavcodec into NUT files (libavformat's
 * simplest container), joined into one MP4 with chapters and a cover. */
#include "m4b.h"

#include "buf.h"
#include "error.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Samples of every AAC-LC packet (NUT keeps no packet durations). */
#define AAC_FRAME 1024

/* The unit file's metadata key for the encoder's priming. */
#define PRIMING_KEY "dramatis_priming"

struct m4b_unit_writer {
    AVCodecContext *enc;
    AVFormatContext *oc;
    AVFrame *frame;
    AVPacket *pkt;
    char *path;
    int rate;
    int fill;                 /* samples waiting in frame */
    int64_t next_pts;         /* samples given to the encoder */
    int opened;               /* the file exists */
};

/* The one place libav's codes become ours. */
static dramatis_status av_failed(struct dramatis_error *err, const char *path, int ret,
                                 const char *what)
{
    char text[AV_ERROR_MAX_STRING_SIZE];

    av_strerror(ret, text, sizeof text);
    return error_set(err, ret == AVERROR(ENOMEM) ? DRAMATIS_ERR_NOMEM
                     : ret == AVERROR(EIO) || ret == AVERROR(ENOSPC) || ret == AVERROR(EACCES) ||
                             ret == AVERROR(ENOENT)
                         ? DRAMATIS_ERR_IO
                         : DRAMATIS_ERR_ENCODE,
                     path, 0, "%s: %s", what, text);
}

/* libavformat reads "proto:..." as a protocol: "file:" keeps any path a path. */
static char *file_url(const char *path)
{
    size_t n = strlen(path);
    char *url = malloc(n + 6);

    if (url) {
        memcpy(url, "file:", 5);
        memcpy(url + 5, path, n + 1);
    }
    return url;
}

static void remove_file(const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}

/* libav* print to stderr by default; a library never prints. */
static void quiet(void)
{
    av_log_set_level(AV_LOG_QUIET);
}

const char *m4b_version(void)
{
    return LIBAVCODEC_IDENT;
}

static void writer_free(struct m4b_unit_writer *w)
{
    if (w->oc) {
        avio_closep(&w->oc->pb);
        avformat_free_context(w->oc);
    }
    avcodec_free_context(&w->enc);
    av_frame_free(&w->frame);
    av_packet_free(&w->pkt);
    free(w->path);
    free(w);
}

void m4b_unit_abort(struct m4b_unit_writer *w)
{
    if (w == NULL)
        return;
    if (w->opened) {
        avio_closep(&w->oc->pb);
        remove_file(w->path);
    }
    writer_free(w);
}

dramatis_status m4b_unit_open(const char *path, int rate, int bitrate,
                              struct m4b_unit_writer **out, struct dramatis_error *err)
{
    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    struct m4b_unit_writer *w;
    AVStream *st;
    char priming[32];
    char *url = NULL;
    dramatis_status rc = DRAMATIS_OK;
    int ret;

    *out = NULL;
    quiet();
    if (codec == NULL)
        return error_set(err, DRAMATIS_ERR_ENCODE, path, 0, "libavcodec has no AAC encoder");
    if (rate < 8000 || rate > 96000 || bitrate < 0)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "unusable AAC settings");
    w = calloc(1, sizeof *w);
    if (w == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    w->rate = rate;
    w->path = malloc(strlen(path) + 1);
    w->enc = avcodec_alloc_context3(codec);
    w->frame = av_frame_alloc();
    w->pkt = av_packet_alloc();
    if (w->path == NULL || w->enc == NULL || w->frame == NULL || w->pkt == NULL) {
        rc = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    memcpy(w->path, path, strlen(path) + 1);
    w->enc->sample_fmt = AV_SAMPLE_FMT_FLTP;
    w->enc->sample_rate = rate;
    av_channel_layout_default(&w->enc->ch_layout, 1);
    w->enc->bit_rate = bitrate ? bitrate : M4B_DEFAULT_BITRATE;
    w->enc->time_base = (AVRational){ 1, rate };
    w->enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_BITEXACT;
    /* the fast coder: a quarter of the default's time, and no worse on speech */
    av_opt_set(w->enc->priv_data, "aac_coder", "fast", 0);
    ret = avcodec_open2(w->enc, codec, NULL);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot start the AAC encoder");
        goto fail;
    }
    w->frame->format = AV_SAMPLE_FMT_FLTP;
    w->frame->nb_samples = w->enc->frame_size;
    w->frame->sample_rate = rate;
    ret = av_channel_layout_copy(&w->frame->ch_layout, &w->enc->ch_layout);
    if (ret >= 0)
        ret = av_frame_get_buffer(w->frame, 0);
    if (ret >= 0)
        ret = avformat_alloc_output_context2(&w->oc, NULL, "nut", NULL);
    if (ret < 0 || w->oc == NULL) {
        rc = av_failed(err, path, ret < 0 ? ret : AVERROR(ENOMEM), "cannot start the unit file");
        goto fail;
    }
    w->oc->flags |= AVFMT_FLAG_BITEXACT;
    st = avformat_new_stream(w->oc, NULL);
    if (st == NULL || avcodec_parameters_from_context(st->codecpar, w->enc) < 0) {
        rc = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    st->time_base = w->enc->time_base;
    snprintf(priming, sizeof priming, "%d", w->enc->initial_padding);
    url = file_url(path);
    if (url == NULL || av_dict_set(&w->oc->metadata, PRIMING_KEY, priming, 0) < 0) {
        rc = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    ret = avio_open(&w->oc->pb, url, AVIO_FLAG_WRITE);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot create");
        goto fail;
    }
    w->opened = 1;
    ret = avformat_write_header(w->oc, NULL);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot write");
        goto fail;
    }
    free(url);
    *out = w;
    return DRAMATIS_OK;
fail:
    free(url);
    m4b_unit_abort(w);
    return rc;
}

/* Sends a frame (NULL: the end) and writes every packet the encoder has,
 * timed from the unit's first packet (priming included). */
static dramatis_status encode(struct m4b_unit_writer *w, AVFrame *frame,
                              struct dramatis_error *err)
{
    AVStream *st = w->oc->streams[0];
    int ret = avcodec_send_frame(w->enc, frame);

    if (ret < 0)
        return av_failed(err, w->path, ret, "cannot encode");
    for (;;) {
        ret = avcodec_receive_packet(w->enc, w->pkt);
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return DRAMATIS_OK;
        if (ret < 0)
            return av_failed(err, w->path, ret, "cannot encode");
        w->pkt->pts += w->enc->initial_padding;
        w->pkt->dts += w->enc->initial_padding;
        w->pkt->stream_index = 0;
        av_packet_rescale_ts(w->pkt, w->enc->time_base, st->time_base);
        ret = av_write_frame(w->oc, w->pkt);
        av_packet_unref(w->pkt);
        if (ret < 0)
            return av_failed(err, w->path, ret, "cannot write");
    }
}

static dramatis_status send_frame(struct m4b_unit_writer *w, struct dramatis_error *err)
{
    w->frame->nb_samples = w->fill;
    w->frame->pts = w->next_pts;
    w->next_pts += w->fill;
    w->fill = 0;
    return encode(w, w->frame, err);
}

dramatis_status m4b_unit_write(struct m4b_unit_writer *w, const float *samples, size_t n,
                               struct dramatis_error *err)
{
    if (w == NULL || (samples == NULL && n > 0))
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "m4b_unit_write: missing argument");
    while (n > 0) {
        size_t k = (size_t)(w->enc->frame_size - w->fill);
        int ret;

        if (k > n)
            k = n;
        /* the encoder may still hold the frame's buffer */
        ret = av_frame_make_writable(w->frame);
        if (ret < 0)
            return av_failed(err, w->path, ret, "cannot encode");
        memcpy((float *)w->frame->data[0] + w->fill, samples, k * sizeof *samples);
        w->fill += (int)k;
        samples += k;
        n -= k;
        if (w->fill == w->enc->frame_size) {
            dramatis_status st = send_frame(w, err);
            if (st != DRAMATIS_OK)
                return st;
        }
    }
    return DRAMATIS_OK;
}

dramatis_status m4b_unit_close(struct m4b_unit_writer *w, struct dramatis_error *err)
{
    dramatis_status st = DRAMATIS_OK;
    int ret;

    if (w == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "m4b_unit_close: no writer");
    /* a unit without samples still gets one (a stream needs a packet) */
    if (w->fill > 0 || w->next_pts == 0) {
        if (w->fill == 0) {
            ret = av_frame_make_writable(w->frame);
            if (ret < 0) {
                m4b_unit_abort(w);
                return av_failed(err, NULL, ret, "cannot encode");
            }
            memset(w->frame->data[0], 0, sizeof(float));
            w->fill = 1;
        }
        st = send_frame(w, err);
    }
    if (st == DRAMATIS_OK)
        st = encode(w, NULL, err);
    if (st == DRAMATIS_OK) {
        ret = av_write_trailer(w->oc);
        if (ret < 0)
            st = av_failed(err, w->path, ret, "cannot write");
    }
    if (st == DRAMATIS_OK) {
        ret = avio_closep(&w->oc->pb);
        if (ret < 0)
            st = av_failed(err, w->path, ret, "cannot write");
    }
    if (st != DRAMATIS_OK) {
        m4b_unit_abort(w);
        return st;
    }
    writer_free(w);
    return DRAMATIS_OK;
}

/* Opens a unit file for reading. */
static dramatis_status unit_open_input(const char *path, AVFormatContext **ic,
                                       struct dramatis_error *err)
{
    char *url = file_url(path);
    int ret;

    *ic = NULL;
    if (url == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    ret = avformat_open_input(ic, url, av_find_input_format("nut"), NULL);
    free(url);
    if (ret < 0)
        return av_failed(err, path, ret, "cannot read the AAC unit");
    if ((*ic)->nb_streams != 1 || (*ic)->streams[0]->codecpar->codec_id != AV_CODEC_ID_AAC) {
        avformat_close_input(ic);
        return error_set(err, DRAMATIS_ERR_ENCODE, path, 0, "not an AAC unit");
    }
    return DRAMATIS_OK;
}

dramatis_status m4b_unit_scan(const char *path, struct m4b_unit_info *info,
                              struct dramatis_error *err)
{
    AVFormatContext *ic = NULL;
    AVDictionaryEntry *e;
    AVPacket *pkt = NULL;
    AVStream *st;
    dramatis_status rc;
    int ret;

    memset(info, 0, sizeof *info);
    quiet();
    rc = unit_open_input(path, &ic, err);
    if (rc != DRAMATIS_OK)
        return rc;
    st = ic->streams[0];
    info->rate = st->codecpar->sample_rate;
    e = av_dict_get(ic->metadata, PRIMING_KEY, NULL, 0);
    pkt = av_packet_alloc();
    if (e == NULL || info->rate <= 0 || pkt == NULL) {
        rc = error_set(err, pkt ? DRAMATIS_ERR_ENCODE : DRAMATIS_ERR_NOMEM, path, 0,
                       "not an AAC unit");
        goto done;
    }
    info->priming = (unsigned)strtoul(e->value, NULL, 10);
    while ((ret = av_read_frame(ic, pkt)) >= 0) {
        info->samples += AAC_FRAME;
        info->n_packets++;
        av_packet_unref(pkt);
    }
    if (ret != AVERROR_EOF || info->n_packets == 0 || info->samples <= info->priming)
        rc = error_set(err, DRAMATIS_ERR_ENCODE, path, 0, "damaged AAC unit");
done:
    av_packet_free(&pkt);
    avformat_close_input(&ic);
    return rc;
}

/* Sets key to value in *dict unless value is NULL or empty. */
static int set_tag(AVDictionary **dict, const char *key, const char *value)
{
    if (value == NULL || value[0] == '\0')
        return 0;
    return av_dict_set(dict, key, value, 0);
}

/* The book's tags as libavformat's MP4 muxer names them. */
static int set_tags(AVFormatContext *oc, AVStream *audio, const struct ogg_opus_tags *tags,
                    const char *track)
{
    struct buf joined;
    char lang[4];
    size_t i;
    int ret = 0;

    buf_init(&joined, (size_t)1 << 20);
    if (tags) {
        ret |= set_tag(&oc->metadata, "title", tags->title);
        ret |= set_tag(&oc->metadata, "album", tags->album);
        ret |= set_tag(&oc->metadata, "artist", tags->artist);
        ret |= set_tag(&oc->metadata, "album_artist", tags->album_artist);
        ret |= set_tag(&oc->metadata, "date", tags->date);
        ret |= set_tag(&oc->metadata, "description", tags->description);
        /* Apple's players show the long description */
        ret |= set_tag(&oc->metadata, "synopsis", tags->description);
        ret |= set_tag(&oc->metadata, "comment", tags->comment);
        ret |= set_tag(&oc->metadata, "composer", tags->composer);
        for (i = 0; i < tags->n_genres; i++) {
            if (buf_printf(&joined, "%s%s", i ? "; " : "", tags->genres[i]) != DRAMATIS_OK)
                ret = -1;
        }
        ret |= set_tag(&oc->metadata, "genre", joined.data);
        /* a series in the grouping atom, "Series #2", as Audiobookshelf reads it */
        buf_reset(&joined);
        if (tags->series && tags->series[0] &&
            buf_printf(&joined, "%s%s%s", tags->series, tags->series_part ? " #" : "",
                       tags->series_part ? tags->series_part : "") != DRAMATIS_OK)
            ret = -1;
        ret |= set_tag(&oc->metadata, "grouping", joined.data);
        if (tags->language && tags->language[0]) {
            encode_language_iso639_2(tags->language, lang);
            ret |= set_tag(&audio->metadata, "language", lang);
        }
    }
    ret |= set_tag(&oc->metadata, "track", track);
    /* stik 2: Apple's players file it under audiobooks */
    ret |= set_tag(&oc->metadata, "media_type", "2");
    ret |= set_tag(&oc->metadata, "encoder", "dramatis " DRAMATIS_VERSION);
    buf_cleanup(&joined);
    return ret < 0 ? ret : 0;
}

/* Chapters as libavformat keeps them; their start is in samples at rate. */
static int add_chapters(AVFormatContext *oc, const struct ogg_opus_tags *tags, int rate,
                        int64_t total)
{
    size_t i;

    if (tags == NULL || tags->n_chapters == 0)
        return 0;
    oc->chapters = av_calloc(tags->n_chapters, sizeof *oc->chapters);
    if (oc->chapters == NULL)
        return AVERROR(ENOMEM);
    for (i = 0; i < tags->n_chapters; i++) {
        AVChapter *ch = av_mallocz(sizeof *ch);
        if (ch == NULL)
            return AVERROR(ENOMEM);
        oc->chapters[oc->nb_chapters++] = ch;
        ch->id = (int64_t)i + 1;
        ch->time_base = (AVRational){ 1, rate };
        ch->start = (int64_t)tags->chapters[i].start;
        ch->end = i + 1 < tags->n_chapters ? (int64_t)tags->chapters[i + 1].start : total;
        if (av_dict_set(&ch->metadata, "title",
                        tags->chapters[i].name ? tags->chapters[i].name : "", 0) < 0)
            return AVERROR(ENOMEM);
    }
    return 0;
}

/* A stream for the cover, and its one packet (written after the header). */
static int add_cover(AVFormatContext *oc, const struct encode_picture *pic, AVPacket *pkt)
{
    AVStream *st = avformat_new_stream(oc, NULL);
    int ret;

    if (st == NULL)
        return AVERROR(ENOMEM);
    st->codecpar->codec_type = AVMEDIA_TYPE_VIDEO;
    st->codecpar->codec_id = pic->png ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG;
    st->codecpar->width = pic->width;
    st->codecpar->height = pic->height;
    st->disposition = AV_DISPOSITION_ATTACHED_PIC;
    st->time_base = (AVRational){ 1, 90000 };
    ret = av_new_packet(pkt, (int)pic->size);
    if (ret < 0)
        return ret;
    memcpy(pkt->data, pic->data, pic->size);
    pkt->stream_index = st->index;
    pkt->flags |= AV_PKT_FLAG_KEY;
    pkt->pts = pkt->dts = 0;
    return 0;
}

dramatis_status m4b_join(const char *path, const struct ogg_opus_tags *tags, const char *track,
                         const struct m4b_join_unit *units, size_t n_units,
                         struct dramatis_error *err)
{
    AVFormatContext *oc = NULL, *ic = NULL;
    AVDictionary *opts = NULL;
    AVPacket *pkt = NULL, *cover = NULL;
    AVStream *audio;
    char *url = NULL;
    int64_t offset = 0, total = 0;
    int rate, opened = 0, ret;
    dramatis_status rc = DRAMATIS_OK;
    size_t u;

    if (n_units == 0)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "nothing to join");
    quiet();
    rate = units[0].info->rate;
    for (u = 0; u < n_units; u++)
        total += (int64_t)units[u].info->samples;
    total -= units[0].info->priming;
    url = file_url(path);
    pkt = av_packet_alloc();
    cover = av_packet_alloc();
    if (url == NULL || pkt == NULL || cover == NULL) {
        rc = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    rc = unit_open_input(units[0].path, &ic, err);
    if (rc != DRAMATIS_OK)
        goto fail;
    /* the URL, too: faststart reopens the file by it to move the index */
    ret = avformat_alloc_output_context2(&oc, NULL, "ipod", url);
    if (ret < 0 || oc == NULL) {
        rc = av_failed(err, path, ret < 0 ? ret : AVERROR(ENOMEM), "cannot start the MP4 muxer");
        goto fail;
    }
    /* no muxer version or creation time: the same book, the same bytes */
    oc->flags |= AVFMT_FLAG_BITEXACT;
    audio = avformat_new_stream(oc, NULL);
    ret = audio ? avcodec_parameters_copy(audio->codecpar, ic->streams[0]->codecpar)
                : AVERROR(ENOMEM);
    if (ret >= 0) {
        audio->codecpar->codec_tag = 0;
        audio->codecpar->initial_padding = (int)units[0].info->priming;
        audio->time_base = (AVRational){ 1, rate };
        ret = set_tags(oc, audio, tags, track);
    }
    if (ret >= 0)
        ret = add_chapters(oc, tags, rate, total);
    if (ret >= 0 && tags && tags->picture)
        ret = add_cover(oc, tags->picture, cover);
    if (ret >= 0)
        ret = av_dict_set(&opts, "movflags", "+faststart", 0);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot start the MP4 muxer");
        goto fail;
    }
    ret = avio_open(&oc->pb, url, AVIO_FLAG_WRITE);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot create");
        goto fail;
    }
    opened = 1;
    ret = avformat_write_header(oc, &opts);
    if (ret >= 0 && cover->data)
        ret = av_write_frame(oc, cover);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot write");
        goto fail;
    }
    for (u = 0; u < n_units; u++) {
        AVRational tb;

        if (u > 0) {
            avformat_close_input(&ic);
            rc = unit_open_input(units[u].path, &ic, err);
            if (rc != DRAMATIS_OK)
                goto fail;
        }
        tb = ic->streams[0]->time_base;
        if (ic->streams[0]->codecpar->sample_rate != rate) {
            rc = error_set(err, DRAMATIS_ERR_ENCODE, units[u].path, 0, "AAC units differ");
            goto fail;
        }
        while ((ret = av_read_frame(ic, pkt)) >= 0) {
            /* the first unit's priming before 0: the muxer declares it in
             * the edit list, so players start at the first unit's audio */
            pkt->pts = av_rescale_q(pkt->pts, tb, (AVRational){ 1, rate }) + offset -
                       (int64_t)units[0].info->priming;
            pkt->dts = pkt->pts;
            pkt->duration = AAC_FRAME;
            pkt->stream_index = audio->index;
            pkt->pos = -1;
            av_packet_rescale_ts(pkt, (AVRational){ 1, rate }, audio->time_base);
            ret = av_write_frame(oc, pkt);
            av_packet_unref(pkt);
            if (ret < 0)
                break;
        }
        if (ret != AVERROR_EOF) {
            rc = av_failed(err, ret < 0 ? path : units[u].path, ret, "cannot join");
            goto fail;
        }
        offset += (int64_t)units[u].info->samples;
    }
    ret = av_write_trailer(oc);
    if (ret >= 0)
        ret = avio_closep(&oc->pb);
    if (ret < 0) {
        rc = av_failed(err, path, ret, "cannot write");
        goto fail;
    }
    opened = 0;
fail:
    if (oc) {
        avio_closep(&oc->pb);
        avformat_free_context(oc);
    }
    if (opened)
        remove_file(path);
    avformat_close_input(&ic);
    av_dict_free(&opts);
    av_packet_free(&pkt);
    av_packet_free(&cover);
    free(url);
    return rc;
}
