/* libFuzzer target: the voice-map parser on any bytes, then look-ups of
 * every character's name and aliases in the map it made. */
#include "voicemap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dramatis_voicemap *map = NULL;
    struct dramatis_error err;
    char *text;
    size_t i, j;

    /* the loader refuses NUL bytes before parsing: the parser sees text */
    if (memchr(data, '\0', size))
        return 0;
    text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&err, 0, sizeof err);
    if (voicemap_parse("fuzz.ini", text, &map, &err) == DRAMATIS_OK) {
        for (i = 0; i < map->n_characters; i++) {
            const struct voicemap_entry *e = &map->characters[i];
            if (voicemap_find(map, e->name) != e)
                __builtin_trap();
            for (j = 0; j < e->n_aliases; j++) {
                if (voicemap_find(map, e->aliases[j]) == NULL)
                    __builtin_trap();
            }
        }
    } else if (err.message[0] == '\0') {
        __builtin_trap();   /* a failure always says why */
    }
    dramatis_voicemap_free(map);
    free(text);
    return 0;
}
