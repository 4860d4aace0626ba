/* How espeak-ng's English voices sound, measured from their audio by
 * scripts/measure-voices.py (the generated voice_table.c). */
#ifndef DRAMATIS_VOICE_TABLE_H
#define DRAMATIS_VOICE_TABLE_H

#include "dramatis.h"

#include <stddef.h>

#define VOICE_TABLE_PITCHES 5
#define VOICE_TABLE_TIMBRE 12

struct voice_measure {
    const char *name;         /* "en-us+f3": accent, then "+variant" if any */
    const char *accent;       /* "en-us" */
    dramatis_gender gender;   /* espeak-ng's label of the variant */
    const char *unusable;     /* "" or why casting leaves it out: muffled,
                               * clips, unvoiced, monotone, erratic, echo,
                               * rough, pitch */
    double f0[VOICE_TABLE_PITCHES];   /* mean F0 in Hz at voice_table_pitches;
                                       * 0: not measured (unusable voices
                                       * are measured at pitch 50 only) */
    double f0_sd;             /* pitch range: s.d. in semitones */
    double jitter;            /* unsteadiness of the pitch contour, semitones */
    double voiced;            /* share of speech frames that are voiced */
    double hf_share;          /* share of energy above 1 kHz */
    double clip;              /* share of samples at full scale */
    double wpm;               /* words a minute at voice_table_rate */
    double timbre[VOICE_TABLE_TIMBRE];   /* cepstrum c1-c12 of the mean mel spectrum */
};

extern const struct voice_measure voice_table[];
extern const size_t voice_table_size;
/* The pitch settings f0[] was measured at; index 2 is 50. */
extern const int voice_table_pitches[VOICE_TABLE_PITCHES];
/* The espeak-ng rate wpm was measured at. */
extern const int voice_table_rate;
/* The median timbre distance between two usable variants of one accent
 * and gender: what "another variant" usually sounds like. */
extern const double voice_table_timbre_median;

#endif
