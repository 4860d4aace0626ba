/* Ogg Opus writer through libopusenc: speech settings, tags and chapter marks. */
#include "ogg_opus.h"

#include "error.h"
#include "file.h"

#include <opus/opusenc.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* libopusenc takes a sample count as int; feed it in blocks well below that. */
#define OGG_OPUS_WRITE_BLOCK (1 << 20)

/* libopusenc resamples any input rate; beyond these it is surely a mistake. */
#define OGG_OPUS_MIN_RATE 1000
#define OGG_OPUS_MAX_RATE 384000

struct ogg_opus_writer {
    OggOpusEnc *enc;
    FILE *file;       /* NULL once libopusenc has closed it */
    char *path;
    int io_errno;     /* the first write or close failure, 0 if none */
    int wrote;        /* whether any sample was written */
};

/* libopusenc's own stdio writer drops fwrite errors, so a full disk would
 * leave a truncated file that looks finished: these callbacks remember. */

static int file_write(void *user_data, const unsigned char *ptr, opus_int32 len)
{
    struct ogg_opus_writer *w = user_data;

    if (w->file == NULL || len < 0)
        return 1;
    if (fwrite(ptr, 1, (size_t)len, w->file) != (size_t)len) {
        if (w->io_errno == 0)
            w->io_errno = errno ? errno : EIO;
        return 1;
    }
    return 0;
}

static int file_close(void *user_data)
{
    struct ogg_opus_writer *w = user_data;

    if (w->file == NULL)
        return w->io_errno != 0;
    if (fclose(w->file) != 0 && w->io_errno == 0)
        w->io_errno = errno ? errno : EIO;
    w->file = NULL;
    return w->io_errno != 0;
}

static const OpusEncCallbacks file_callbacks = { file_write, file_close };

/* The one place libopusenc's codes become ours. */
static dramatis_status from_ope(int ret)
{
    switch (ret) {
    case OPE_OK:
        return DRAMATIS_OK;
    case OPE_ALLOC_FAIL:
        return DRAMATIS_ERR_NOMEM;
    case OPE_BAD_ARG:
        return DRAMATIS_ERR_ARG;
    case OPE_CANNOT_OPEN:
    case OPE_WRITE_FAIL:
    case OPE_CLOSE_FAIL:
        return DRAMATIS_ERR_IO;
    default:
        return DRAMATIS_ERR_ENCODE;
    }
}

static dramatis_status ope_failed(struct dramatis_error *err, const char *path, int ret,
                                  const char *what)
{
    return error_set(err, from_ope(ret), path, 0, "%s: %s", what, ope_strerror(ret));
}

/* Removes what an unfinished write left; only a regular file, so a path
 * such as /dev/null given by mistake is never deleted. */
static void remove_partial(const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);

    if (p)
        memcpy(p, s, n + 1);
    return p;
}

dramatis_status ogg_opus_chapter_comment(size_t index, unsigned long long start, int rate,
                                         const char *name, char *time_out, size_t time_size,
                                         char *name_out, size_t name_size)
{
    unsigned long long ms, r;
    int n;

    if (rate <= 0 || index >= OGG_OPUS_MAX_CHAPTERS || time_out == NULL || name_out == NULL)
        return DRAMATIS_ERR_ARG;
    r = (unsigned long long)rate;
    /* split so start * 1000 cannot overflow; still exactly floor(start * 1000 / rate) */
    ms = start / r * 1000u + start % r * 1000u / r;
    n = snprintf(time_out, time_size, "CHAPTER%03zu=%02llu:%02llu:%02llu.%03llu", index + 1,
                 ms / 3600000u, ms / 60000u % 60u, ms / 1000u % 60u, ms % 1000u);
    if (n < 0 || (size_t)n >= time_size)
        return DRAMATIS_ERR_ARG;
    n = snprintf(name_out, name_size, "CHAPTER%03zuNAME=%s", index + 1, name ? name : "");
    if (n < 0 || (size_t)n >= name_size)
        return DRAMATIS_ERR_ARG;
    return DRAMATIS_OK;
}

const char *ogg_opus_version(void)
{
    return opus_get_version_string();
}

static dramatis_status add_tag(OggOpusComments *comments, const char *tag, const char *value,
                               const char *path, struct dramatis_error *err)
{
    int ret;

    if (value == NULL || value[0] == '\0')
        return DRAMATIS_OK;
    ret = ope_comments_add(comments, tag, value);
    if (ret != OPE_OK)
        return ope_failed(err, path, ret, "cannot add a tag");
    return DRAMATIS_OK;
}

static dramatis_status add_chapters(OggOpusComments *comments, const struct ogg_opus_tags *tags,
                                    int rate, const char *path, struct dramatis_error *err)
{
    char time[64];
    char *name = NULL;
    dramatis_status st = DRAMATIS_OK;
    size_t i;
    int ret;

    if (tags->n_chapters > OGG_OPUS_MAX_CHAPTERS)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0,
                         "too many chapters (%zu): chapter marks allow %d", tags->n_chapters,
                         OGG_OPUS_MAX_CHAPTERS);
    if (tags->n_chapters > 0 && tags->chapters == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "chapters missing");
    for (i = 0; i < tags->n_chapters; i++) {
        const char *title = tags->chapters[i].name ? tags->chapters[i].name : "";
        size_t size = strlen(title) + sizeof "CHAPTER000NAME=";

        name = malloc(size);
        if (name == NULL) {
            st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
            goto fail;
        }
        st = ogg_opus_chapter_comment(i, tags->chapters[i].start, rate, title, time, sizeof time,
                                      name, size);
        if (st != DRAMATIS_OK) {
            st = error_set(err, st, path, 0, "cannot format chapter mark %zu", i + 1);
            goto fail;
        }
        ret = ope_comments_add_string(comments, time);
        if (ret == OPE_OK)
            ret = ope_comments_add_string(comments, name);
        if (ret != OPE_OK) {
            st = ope_failed(err, path, ret, "cannot add a chapter mark");
            goto fail;
        }
        free(name);
        name = NULL;
    }
fail:
    free(name);
    return st;
}

static dramatis_status make_comments(const struct ogg_opus_tags *tags, int rate, const char *path,
                                     OggOpusComments **out, struct dramatis_error *err)
{
    OggOpusComments *comments = ope_comments_create();
    dramatis_status st = DRAMATIS_OK;

    *out = NULL;
    if (comments == NULL)
        return error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
    if (tags) {
        st = add_tag(comments, "TITLE", tags->title, path, err);
        if (st == DRAMATIS_OK)
            st = add_tag(comments, "ALBUM", tags->album, path, err);
        if (st == DRAMATIS_OK)
            st = add_tag(comments, "ARTIST", tags->artist, path, err);
        if (st == DRAMATIS_OK)
            st = add_chapters(comments, tags, rate, path, err);
    }
    if (st == DRAMATIS_OK)
        st = add_tag(comments, "ENCODER", "dramatis " DRAMATIS_VERSION, path, err);
    if (st != DRAMATIS_OK)
        goto fail;
    *out = comments;
    return DRAMATIS_OK;
fail:
    ope_comments_destroy(comments);
    return st;
}

static void writer_free(struct ogg_opus_writer *w)
{
    if (w->enc)
        ope_encoder_destroy(w->enc);   /* closes the file through file_close */
    if (w->file)
        fclose(w->file);
    free(w->path);
    free(w);
}

dramatis_status ogg_opus_writer_open(const char *path, int rate, const struct ogg_opus_tags *tags,
                                     int bitrate, int complexity,
                                     struct ogg_opus_writer **out, struct dramatis_error *err)
{
    struct ogg_opus_writer *w = NULL;
    OggOpusComments *comments = NULL;
    dramatis_status st;
    int ret = OPE_OK;

    if (out == NULL || path == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "ogg_opus_writer_open: missing argument");
    *out = NULL;
    if (rate < OGG_OPUS_MIN_RATE || rate > OGG_OPUS_MAX_RATE)
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "unusable sample rate %d", rate);
    if (bitrate < 0)   /* Opus would take -1 and -1000 as "max" and "auto" */
        return error_set(err, DRAMATIS_ERR_ARG, path, 0, "bitrate refused: %d", bitrate);
    st = make_comments(tags, rate, path, &comments, err);
    if (st != DRAMATIS_OK)
        return st;
    w = calloc(1, sizeof *w);
    if (w == NULL || (w->path = copy_string(path)) == NULL) {
        st = error_set(err, DRAMATIS_ERR_NOMEM, NULL, 0, NULL);
        goto fail;
    }
    /* never through a link planted at path */
    w->file = file_fopen_write(path);
    if (w->file == NULL) {
        st = error_set(err, DRAMATIS_ERR_IO, path, 0, "cannot create: %s", strerror(errno));
        goto fail;
    }
    w->enc = ope_encoder_create_callbacks(&file_callbacks, w, comments, rate, 1, 0, &ret);
    if (w->enc == NULL || ret != OPE_OK) {
        st = ope_failed(err, path, ret != OPE_OK ? ret : OPE_INTERNAL_ERROR,
                        "cannot start the Opus encoder");
        goto fail;
    }
    ret = ope_encoder_ctl(w->enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    if (ret != OPE_OK) {
        st = ope_failed(err, path, ret, "cannot set the voice signal type");
        goto fail;
    }
    ret = ope_encoder_ctl(w->enc, OPUS_SET_BITRATE(bitrate == 0 ? OGG_OPUS_DEFAULT_BITRATE
                                                                : bitrate));
    if (ret != OPE_OK) {
        st = ope_failed(err, path, ret, "bitrate refused");
        goto fail;
    }
    ret = ope_encoder_ctl(w->enc, OPUS_SET_COMPLEXITY(complexity < 0 ? OGG_OPUS_DEFAULT_COMPLEXITY
                                                                      : complexity));
    if (ret != OPE_OK) {
        st = ope_failed(err, path, ret, "complexity refused");
        goto fail;
    }
    ope_comments_destroy(comments);   /* the encoder keeps its own copy */
    *out = w;
    return DRAMATIS_OK;
fail:
    ope_comments_destroy(comments);
    if (w) {
        int created = w->file != NULL;
        writer_free(w);
        if (created)
            remove_partial(path);
    }
    return st;
}

static dramatis_status io_failed(struct ogg_opus_writer *w, struct dramatis_error *err)
{
    return error_set(err, DRAMATIS_ERR_IO, w->path, 0, "cannot write: %s", strerror(w->io_errno));
}

dramatis_status ogg_opus_writer_write(struct ogg_opus_writer *w, const float *samples, size_t n,
                                      struct dramatis_error *err)
{
    int ret;

    if (w == NULL || (samples == NULL && n > 0))
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "ogg_opus_writer_write: missing argument");
    if (w->io_errno)
        return io_failed(w, err);
    while (n > 0) {
        size_t k = n < OGG_OPUS_WRITE_BLOCK ? n : OGG_OPUS_WRITE_BLOCK;
        ret = ope_encoder_write_float(w->enc, samples, (int)k);
        w->wrote = 1;
        /* the file's own error says more than libopusenc's "write failed" */
        if (w->io_errno)
            return io_failed(w, err);
        if (ret != OPE_OK)
            return ope_failed(err, w->path, ret, "cannot encode");
        samples += k;
        n -= k;
    }
    return DRAMATIS_OK;
}

dramatis_status ogg_opus_writer_close(struct ogg_opus_writer *w, struct dramatis_error *err)
{
    dramatis_status st = DRAMATIS_OK;
    int ret;

    if (w == NULL)
        return error_set(err, DRAMATIS_ERR_ARG, NULL, 0, "ogg_opus_writer_close: no writer");
    /* libopusenc 0.2.1 fails an assertion draining a stream without samples */
    if (!w->wrote) {
        static const float silence[1];
        ret = ope_encoder_write_float(w->enc, silence, 1);
        if (ret != OPE_OK) {
            st = ope_failed(err, w->path, ret, "cannot encode");
            ogg_opus_writer_abort(w);
            return st;
        }
    }
    ret = ope_encoder_drain(w->enc);
    ope_encoder_destroy(w->enc);   /* closes the file through file_close */
    w->enc = NULL;
    if (w->file)
        file_close(w);
    if (w->io_errno)
        st = io_failed(w, err);
    else if (ret != OPE_OK)
        st = ope_failed(err, w->path, ret, "cannot finish the Opus stream");
    if (st != DRAMATIS_OK)
        remove_partial(w->path);
    writer_free(w);
    return st;
}

void ogg_opus_writer_abort(struct ogg_opus_writer *w)
{
    if (w == NULL)
        return;
    if (w->enc)
        ope_encoder_destroy(w->enc);
    w->enc = NULL;
    if (w->file)
        file_close(w);
    remove_partial(w->path);
    writer_free(w);
}
