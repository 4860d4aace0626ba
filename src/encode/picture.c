/* Cover images: checked and measured by decoding them with libavcodec, and
 * turned into the FLAC picture block that Ogg Opus files carry. */
#include "tags.h"

#include "buf.h"
#include "error.h"

#include <libavcodec/avcodec.h>
#include <libavutil/base64.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Covers are a few hundred kilobytes; anything much larger is a mistake
 * (an Opus header page holds the whole picture). */
#define PICTURE_MAX_BYTES ((size_t)16 << 20)

static const unsigned char jpeg_magic[] = { 0xFF, 0xD8, 0xFF };
static const unsigned char png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

/* Decodes one frame of data with the decoder for id; fills the size and depth. */
static int decode_size(enum AVCodecID id, const unsigned char *data, size_t size,
                       struct encode_picture *pic)
{
    const AVCodec *codec = avcodec_find_decoder(id);
    AVCodecContext *ctx = NULL;
    AVPacket *pkt = NULL;
    AVFrame *frame = NULL;
    const AVPixFmtDescriptor *desc;
    int ok = 0;

    if (codec == NULL)
        return 0;
    ctx = avcodec_alloc_context3(codec);
    pkt = av_packet_alloc();
    frame = av_frame_alloc();
    if (ctx == NULL || pkt == NULL || frame == NULL || avcodec_open2(ctx, codec, NULL) < 0)
        goto done;
    /* the decoders read a padded buffer */
    if (av_new_packet(pkt, (int)size) < 0)
        goto done;
    memcpy(pkt->data, data, size);
    if (avcodec_send_packet(ctx, pkt) < 0 || avcodec_send_packet(ctx, NULL) < 0 ||
        avcodec_receive_frame(ctx, frame) < 0 || frame->width <= 0 || frame->height <= 0)
        goto done;
    pic->width = frame->width;
    pic->height = frame->height;
    desc = av_pix_fmt_desc_get((enum AVPixelFormat)frame->format);
    /* what the picture holds per pixel, not how the decoder subsamples it */
    pic->depth = desc ? 8 * desc->nb_components * (desc->comp[0].depth > 8 ? 2 : 1) : 24;
    ok = 1;
done:
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);
    return ok;
}

dramatis_status encode_picture_probe(const unsigned char *data, size_t size, const char *name,
                                     struct encode_picture *pic, struct dramatis_error *err)
{
    enum AVCodecID id;

    memset(pic, 0, sizeof *pic);
    av_log_set_level(AV_LOG_QUIET);   /* a library never prints */
    if (size > PICTURE_MAX_BYTES)
        return error_set(err, DRAMATIS_ERR_INPUT, name, 0, "cover image is larger than %zu MB",
                         PICTURE_MAX_BYTES >> 20);
    if (size > sizeof png_magic && memcmp(data, png_magic, sizeof png_magic) == 0) {
        id = AV_CODEC_ID_PNG;
        pic->mime = "image/png";
        pic->png = 1;
    } else if (size > sizeof jpeg_magic && memcmp(data, jpeg_magic, sizeof jpeg_magic) == 0) {
        id = AV_CODEC_ID_MJPEG;
        pic->mime = "image/jpeg";
    } else {
        return error_set(err, DRAMATIS_ERR_INPUT, name, 0, "cover is neither a JPEG nor a PNG");
    }
    if (!decode_size(id, data, size, pic))
        return error_set(err, DRAMATIS_ERR_INPUT, name, 0, "cover image does not decode");
    pic->data = data;
    pic->size = size;
    return DRAMATIS_OK;
}

static void put_be32(struct buf *b, unsigned long v, dramatis_status *st)
{
    unsigned char be[4];

    be[0] = (unsigned char)(v >> 24 & 0xff);
    be[1] = (unsigned char)(v >> 16 & 0xff);
    be[2] = (unsigned char)(v >> 8 & 0xff);
    be[3] = (unsigned char)(v & 0xff);
    if (*st == DRAMATIS_OK)
        *st = buf_add(b, be, 4);
}

char *encode_picture_comment(const struct encode_picture *pic)
{
    static const char key[] = "METADATA_BLOCK_PICTURE=";
    struct buf block;
    dramatis_status st = DRAMATIS_OK;
    size_t out_size;
    char *out = NULL;

    buf_init(&block, PICTURE_MAX_BYTES + 4096);
    /* the FLAC picture block: type 3 (front cover), MIME, no description,
     * width, height, depth, no palette, the image */
    put_be32(&block, 3, &st);
    put_be32(&block, (unsigned long)strlen(pic->mime), &st);
    if (st == DRAMATIS_OK)
        st = buf_adds(&block, pic->mime);
    put_be32(&block, 0, &st);
    put_be32(&block, (unsigned long)pic->width, &st);
    put_be32(&block, (unsigned long)pic->height, &st);
    put_be32(&block, (unsigned long)pic->depth, &st);
    put_be32(&block, 0, &st);
    put_be32(&block, (unsigned long)pic->size, &st);
    if (st == DRAMATIS_OK)
        st = buf_add(&block, pic->data, pic->size);
    if (st != DRAMATIS_OK || block.len > (size_t)1 << 28)
        goto done;
    out_size = sizeof key - 1 + AV_BASE64_SIZE(block.len);
    out = malloc(out_size);
    if (out == NULL)
        goto done;
    memcpy(out, key, sizeof key - 1);
    if (av_base64_encode(out + sizeof key - 1, (int)(out_size - (sizeof key - 1)),
                         (const uint8_t *)block.data, (int)block.len) == NULL) {
        free(out);
        out = NULL;
    }
done:
    buf_cleanup(&block);
    return out;
}

void encode_language_iso639_2(const char *bcp47, char out[4])
{
    /* the languages espeak-ng reads best; MP4 wants ISO 639-2/T */
    static const char *const codes[][2] = {
        { "ar", "ara" }, { "bg", "bul" }, { "ca", "cat" }, { "cs", "ces" }, { "cy", "cym" },
        { "da", "dan" }, { "de", "deu" }, { "el", "ell" }, { "en", "eng" }, { "eo", "epo" },
        { "es", "spa" }, { "et", "est" }, { "fa", "fas" }, { "fi", "fin" }, { "fr", "fra" },
        { "ga", "gle" }, { "he", "heb" }, { "hi", "hin" }, { "hr", "hrv" }, { "hu", "hun" },
        { "id", "ind" }, { "is", "isl" }, { "it", "ita" }, { "ja", "jpn" }, { "ko", "kor" },
        { "la", "lat" }, { "lt", "lit" }, { "lv", "lav" }, { "nb", "nob" }, { "nl", "nld" },
        { "no", "nor" }, { "pl", "pol" }, { "pt", "por" }, { "ro", "ron" }, { "ru", "rus" },
        { "sk", "slk" }, { "sl", "slv" }, { "sr", "srp" }, { "sv", "swe" }, { "sw", "swa" },
        { "ta", "tam" }, { "tr", "tur" }, { "uk", "ukr" }, { "vi", "vie" }, { "zh", "zho" },
    };
    size_t n = 0, i;

    memcpy(out, "und", 4);
    if (bcp47 == NULL)
        return;
    while (bcp47[n] && bcp47[n] != '-' && bcp47[n] != '_')
        n++;
    if (n == 3) {
        for (i = 0; i < 3; i++)
            out[i] = (char)(bcp47[i] | 0x20);
        return;
    }
    for (i = 0; n == 2 && i < sizeof codes / sizeof codes[0]; i++) {
        if (strncasecmp(bcp47, codes[i][0], 2) == 0)
            memcpy(out, codes[i][1], 4);
    }
}
