/* Unit writer: one Ogg Opus stream encoded with libopus's single-stream API
 * and resampled by speexdsp, for the renderer's workers. */
#include "ogg_opus.h"

#include "error.h"
#include "file.h"

#include <ogg/ogg.h>
#include <opus/opus.h>
#include <speex/speex_resampler.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The rate Opus is fed at (see ogg_opus.h); decoders play at 48 kHz. */
#define UNIT_API_RATE 24000
#define UNIT_FRAME (UNIT_API_RATE / 50)            /* 20 ms frames */
#define UNIT_SCALE (48000 / UNIT_API_RATE)         /* API samples to granule */
/* libopusenc's resampler quality for the same job */
#define UNIT_RESAMPLE_QUALITY 5
#define UNIT_MAX_PACKET 1500
#define UNIT_BLOCK 1024

struct ogg_opus_unit_writer {
    OpusEncoder *enc;
    SpeexResamplerState *re;        /* NULL when rate is the API rate */
    FILE *file;
    char *path;
    ogg_stream_state os;
    int os_ready;
    ogg_int64_t packetno;
    int rate;
    float frame[UNIT_FRAME];
    size_t fill;                    /* samples waiting in frame */
    unsigned long long in_samples;  /* input samples so far, at rate */
    unsigned long long resampled;   /* API-rate samples produced so far */
    unsigned long long encoded;     /* API-rate samples given to Opus */
    unsigned long long granule;     /* 48 kHz samples the packets decode to */
    int preskip;                    /* encoder lookahead, API rate */
    int io_failed;
    unsigned char packet[UNIT_MAX_PACKET];
    /* the newest packet waits, so the last one can end the stream */
    unsigned char pending[UNIT_MAX_PACKET];
    long pending_len;               /* 0: none */
};

static void write_pages(struct ogg_opus_unit_writer *w, int flush)
{
    ogg_page page;

    while (flush ? ogg_stream_flush(&w->os, &page) : ogg_stream_pageout(&w->os, &page)) {
        if (fwrite(page.header, 1, (size_t)page.header_len, w->file) != (size_t)page.header_len ||
            fwrite(page.body, 1, (size_t)page.body_len, w->file) != (size_t)page.body_len)
            w->io_failed = errno ? errno : EIO;
    }
}

static void put_packet(struct ogg_opus_unit_writer *w, const unsigned char *data, long bytes,
                       ogg_int64_t granule, int eos, int flush)
{
    ogg_packet op;

    op.packet = (unsigned char *)data;
    op.bytes = bytes;
    op.b_o_s = w->packetno == 0;
    op.e_o_s = eos;
    op.granulepos = granule;
    op.packetno = w->packetno++;
    ogg_stream_packetin(&w->os, &op);
    write_pages(w, flush || eos);
}

static void put_le(unsigned char *p, unsigned long v, int n)
{
    int i;

    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i) & 0xff);
}

static dramatis_status failed(struct ogg_opus_unit_writer *w, struct dramatis_error *err,
                              const char *what, int ret)
{
    if (w->io_failed)
        return error_set(err, DRAMATIS_ERR_IO, w->path, 0, "cannot write: %s",
                         strerror(w->io_failed));
    return error_set(err, ret == OPUS_ALLOC_FAIL ? DRAMATIS_ERR_NOMEM : DRAMATIS_ERR_ENCODE,
                     w->path, 0, "%s: %s", what, opus_strerror(ret));
}

static void unit_free(struct ogg_opus_unit_writer *w)
{
    if (w->enc)
        opus_encoder_destroy(w->enc);
    if (w->re)
        speex_resampler_destroy(w->re);
    if (w->file)
        fclose(w->file);
    if (w->os_ready)
        ogg_stream_clear(&w->os);
    free(w->path);
    free(w);
}

static void remove_file(const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}

/* An encoder with the unit settings, and its lookahead (the pre-skip) at
 * the API rate; an OPUS_* code on failure. */
static int encoder_new(int bitrate, int complexity, OpusEncoder **out, int *preskip)
{
    OpusEncoder *enc;
    int ret = OPUS_OK;

    *out = NULL;
    enc = opus_encoder_create(UNIT_API_RATE, 1, OPUS_APPLICATION_AUDIO, &ret);
    if (enc == NULL || ret != OPUS_OK)
        return ret != OPUS_OK ? ret : OPUS_ALLOC_FAIL;
    ret = opus_encoder_ctl(enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    if (ret == OPUS_OK)
        ret = opus_encoder_ctl(enc, OPUS_SET_BITRATE(bitrate == 0 ? OGG_OPUS_DEFAULT_BITRATE
                                                                   : bitrate));
    if (ret == OPUS_OK)
        ret = opus_encoder_ctl(enc, OPUS_SET_COMPLEXITY(
                                        complexity < 0 ? OGG_OPUS_DEFAULT_COMPLEXITY
                                                       : complexity));
    if (ret == OPUS_OK)
        ret = opus_encoder_ctl(enc, OPUS_GET_LOOKAHEAD(preskip));
    if (ret != OPUS_OK) {
        opus_encoder_destroy(enc);
        return ret;
    }
    *out = enc;
    return OPUS_OK;
}

/* The unit's audio at the API rate: every input sample, at least one. */
static unsigned long long api_samples(unsigned long long in_samples, int rate)
{
    unsigned long long want = in_samples * UNIT_API_RATE / (unsigned long long)rate;

    return want == 0 ? 1 : want;
}

dramatis_status ogg_opus_unit_layout(int rate, int bitrate, int complexity,
                                     unsigned long long in_samples,
                                     struct ogg_opus_unit_info *info, struct dramatis_error *err)
{
    OpusEncoder *enc = NULL;
    unsigned long long end, frames;
    int preskip = 0, ret;

    memset(info, 0, sizeof *info);
    if (rate < 1000 || rate > UNIT_API_RATE * 8 || bitrate < 0 || complexity > 10)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "unusable unit settings");
    ret = encoder_new(bitrate, complexity, &enc, &preskip);
    if (ret != OPUS_OK)
        return error_set(err, ret == OPUS_ALLOC_FAIL ? DRAMATIS_ERR_NOMEM : DRAMATIS_ERR_ENCODE,
                         NULL, 0, "cannot start the Opus encoder: %s", opus_strerror(ret));
    opus_encoder_destroy(enc);
    /* as ogg_opus_unit_close() ends a unit: the audio, then the lookahead,
     * in whole 20 ms frames */
    end = api_samples(in_samples, rate) + (unsigned long long)preskip;
    frames = (end + UNIT_FRAME - 1) / UNIT_FRAME;
    info->preskip = (unsigned)preskip * UNIT_SCALE;
    info->end_granule = end * UNIT_SCALE;
    info->packet_samples = frames * UNIT_FRAME * UNIT_SCALE;
    info->n_packets = (size_t)frames;
    return DRAMATIS_OK;
}

dramatis_status ogg_opus_unit_open(const char *path, int rate, int bitrate, int complexity,
                                   struct ogg_opus_unit_writer **out, struct dramatis_error *err)
{
    struct ogg_opus_unit_writer *w;
    unsigned char head[19];
    unsigned char tags[64];
    const char *vendor = opus_get_version_string();
    size_t vlen = strlen(vendor);
    dramatis_status st;
    int ret = OPUS_OK;

    *out = NULL;
    if (rate < 1000 || rate > UNIT_API_RATE * 8 || bitrate < 0 || complexity > 10)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "unusable unit settings");
    w = calloc(1, sizeof *w);
    if (w == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    w->rate = rate;
    w->path = malloc(strlen(path) + 1);
    if (w->path == NULL) {
        unit_free(w);
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    }
    memcpy(w->path, path, strlen(path) + 1);
    ret = encoder_new(bitrate, complexity, &w->enc, &w->preskip);
    if (ret != OPUS_OK) {
        st = failed(w, err, "cannot start the Opus encoder", ret);
        goto fail;
    }
    if (rate != UNIT_API_RATE) {
        w->re = speex_resampler_init(1, (spx_uint32_t)rate, UNIT_API_RATE, UNIT_RESAMPLE_QUALITY,
                                     &ret);
        if (w->re == NULL) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, "cannot start the resampler");
            goto fail;
        }
        /* output sample 0 is input sample 0: no filter delay to account for */
        speex_resampler_skip_zeros(w->re);
    }
    if (ogg_stream_init(&w->os, 1) != 0) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    w->os_ready = 1;
    w->file = file_fopen_write(path);
    if (w->file == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
        goto fail;
    }
    memcpy(head, "OpusHead", 8);
    head[8] = 1;
    head[9] = 1;
    put_le(head + 10, (unsigned long)(w->preskip * UNIT_SCALE), 2);
    put_le(head + 12, (unsigned long)rate, 4);
    put_le(head + 16, 0, 2);
    head[18] = 0;
    put_packet(w, head, sizeof head, 0, 0, 1);
    if (vlen > sizeof tags - 16)
        vlen = sizeof tags - 16;
    memcpy(tags, "OpusTags", 8);
    put_le(tags + 8, (unsigned long)vlen, 4);
    memcpy(tags + 12, vendor, vlen);
    put_le(tags + 12 + vlen, 0, 4);
    put_packet(w, tags, (long)(16 + vlen), 0, 0, 1);
    if (w->io_failed) {
        st = failed(w, err, "", 0);
        goto fail;
    }
    *out = w;
    return DRAMATIS_OK;
fail:
    if (w->file) {
        fclose(w->file);
        w->file = NULL;
        remove_file(path);
    }
    unit_free(w);
    return st;
}

/* Encodes the full frame waiting in w. */
static dramatis_status encode_frame(struct ogg_opus_unit_writer *w, struct dramatis_error *err)
{
    opus_int32 n = opus_encode_float(w->enc, w->frame, UNIT_FRAME, w->packet, UNIT_MAX_PACKET);

    if (n < 0)
        return failed(w, err, "cannot encode", n);
    if (w->pending_len > 0)
        put_packet(w, w->pending, w->pending_len, (ogg_int64_t)w->granule, 0, 0);
    memcpy(w->pending, w->packet, (size_t)n);
    w->pending_len = n;
    w->encoded += UNIT_FRAME;
    w->granule += (unsigned long long)UNIT_FRAME * UNIT_SCALE;
    w->fill = 0;
    if (w->io_failed)
        return failed(w, err, "", 0);
    return DRAMATIS_OK;
}

/* Adds API-rate samples to the frame, encoding each one that fills. */
static dramatis_status add_api(struct ogg_opus_unit_writer *w, const float *s, size_t n,
                               struct dramatis_error *err)
{
    while (n > 0) {
        size_t k = UNIT_FRAME - w->fill;
        if (k > n)
            k = n;
        memcpy(w->frame + w->fill, s, k * sizeof *s);
        w->fill += k;
        w->resampled += k;
        s += k;
        n -= k;
        if (w->fill == UNIT_FRAME) {
            dramatis_status st = encode_frame(w, err);
            if (st != DRAMATIS_OK)
                return st;
        }
    }
    return DRAMATIS_OK;
}

/* Resamples n input samples (zeros when samples is NULL) into the frames. */
static dramatis_status add_input(struct ogg_opus_unit_writer *w, const float *samples, size_t n,
                                 struct dramatis_error *err)
{
    static const float zeros[UNIT_BLOCK];
    float out[UNIT_BLOCK * 8];

    if (w->re == NULL) {
        while (n > 0) {
            size_t k = n < UNIT_BLOCK ? n : UNIT_BLOCK;
            dramatis_status st = add_api(w, samples ? samples : zeros, k, err);
            if (st != DRAMATIS_OK)
                return st;
            if (samples)
                samples += k;
            n -= k;
        }
        return DRAMATIS_OK;
    }
    while (n > 0) {
        spx_uint32_t in_len = (spx_uint32_t)(n < UNIT_BLOCK ? n : UNIT_BLOCK);
        spx_uint32_t out_len = (spx_uint32_t)(sizeof out / sizeof out[0]);
        dramatis_status st;

        speex_resampler_process_float(w->re, 0, samples ? samples : zeros, &in_len, out,
                                      &out_len);
        st = add_api(w, out, out_len, err);
        if (st != DRAMATIS_OK)
            return st;
        if (in_len == 0 && out_len == 0)
            break;
        if (samples)
            samples += in_len;
        n -= in_len;
    }
    return DRAMATIS_OK;
}

dramatis_status ogg_opus_unit_write(struct ogg_opus_unit_writer *w, const float *samples,
                                    size_t n, struct dramatis_error *err)
{
    if (w == NULL || (samples == NULL && n > 0))
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "ogg_opus_unit_write: missing argument");
    w->in_samples += n;
    return add_input(w, samples, n, err);
}

dramatis_status ogg_opus_unit_close(struct ogg_opus_unit_writer *w, struct dramatis_error *err)
{
    unsigned long long want, end, guard = 0;
    dramatis_status st = DRAMATIS_OK;

    if (w == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "ogg_opus_unit_close: no writer");
    /* the audio at the API rate, then the encoder's lookahead past it */
    want = api_samples(w->in_samples, w->rate);
    /* flush the resampler's tail with silence until every sample is out */
    while (st == DRAMATIS_OK && w->resampled < want && guard++ < 64)
        st = add_input(w, NULL, UNIT_BLOCK / 8, err);
    end = want + (unsigned long long)w->preskip;
    while (st == DRAMATIS_OK && w->encoded < end) {
        static const float zeros[UNIT_FRAME];
        st = add_api(w, zeros, UNIT_FRAME - w->fill, err);
    }
    if (st != DRAMATIS_OK) {
        ogg_opus_unit_abort(w);
        return st;
    }
    /* the last packet ends the stream; its granule trims the padding */
    put_packet(w, w->pending, w->pending_len, (ogg_int64_t)(end * UNIT_SCALE), 1, 1);
    if (fflush(w->file) != 0 || ferror(w->file))
        w->io_failed = errno ? errno : EIO;
    if (w->io_failed) {
        st = failed(w, err, "", 0);
        ogg_opus_unit_abort(w);
        return st;
    }
    if (fclose(w->file) != 0) {
        w->file = NULL;
        st = error_set(err, DRAMATIS_ERR_IO, w->path, 0, "cannot write: %s", strerror(errno));
        remove_file(w->path);
        unit_free(w);
        return st;
    }
    w->file = NULL;
    unit_free(w);
    return DRAMATIS_OK;
}

void ogg_opus_unit_abort(struct ogg_opus_unit_writer *w)
{
    if (w == NULL)
        return;
    if (w->file) {
        fclose(w->file);
        w->file = NULL;
    }
    remove_file(w->path);
    unit_free(w);
}
