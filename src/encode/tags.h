/* What a book file carries besides its audio: the tags and the cover that
 * the Opus and m4b writers both embed. */
#ifndef DRAMATIS_ENCODE_TAGS_H
#define DRAMATIS_ENCODE_TAGS_H

#include "dramatis.h"

#include <stddef.h>

/* A cover image: JPEG or PNG bytes (not copied) and what a picture block
 * tells about them. */
struct encode_picture {
    const unsigned char *data;
    size_t size;
    const char *mime;          /* "image/jpeg" or "image/png" */
    int png;                   /* PNG rather than JPEG */
    int width, height;         /* pixels */
    int depth;                 /* bits per pixel */
};

/* Decodes the image in data (libavcodec's JPEG and PNG decoders) to fill
 * pic; DRAMATIS_ERR_INPUT naming `name` when it is neither a JPEG nor a PNG
 * that decodes.  pic->data points at data. */
dramatis_status encode_picture_probe(const unsigned char *data, size_t size, const char *name,
                                     struct encode_picture *pic, struct dramatis_error *err);

/* The Vorbis comment METADATA_BLOCK_PICTURE=<base64 FLAC picture block>
 * (front cover) for pic, as a new string; NULL when out of memory. */
char *encode_picture_comment(const struct encode_picture *pic);

/* Writes the ISO 639-2 code for a BCP 47 language tag ("en-GB" -> "eng")
 * into out, for MP4's track language; "und" when it is not known. */
void encode_language_iso639_2(const char *bcp47, char out[4]);

#endif
