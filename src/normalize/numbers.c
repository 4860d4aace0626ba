/* Normaliser rules for numbers: years, decades, money, times, fractions,
 * old money and ordinals, and roman numerals, written the way espeak-ng
 * then says them right ("18 57" is "eighteen fifty-seven"; "1857" would
 * be "one thousand eight hundred and fifty-seven"). */
#include "norm.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Whether t[i] can start a number of its own: not inside a word or after
 * a decimal point or a thousands comma. */
static int number_starts(const struct norm *nm, size_t i)
{
    if (i >= nm->n || !norm_is_digit((unsigned char)nm->t[i]) || norm_word_before(nm, i))
        return 0;
    if (i >= 2 && (nm->t[i - 1] == '.' || nm->t[i - 1] == ',' || nm->t[i - 1] == ':' ||
                   nm->t[i - 1] == '/') &&
        norm_is_digit((unsigned char)nm->t[i - 2]))
        return 0;
    return 1;
}

/* Whether a number that ends at t[j] ends there: no digit, decimal part,
 * time or word goes on from it. */
static int number_ends(const struct norm *nm, size_t j)
{
    char c = j < nm->n ? nm->t[j] : '\0';

    if (norm_is_digit((unsigned char)c) || norm_word_at(nm, j))
        return 0;
    if ((c == '.' || c == ',' || c == ':' || c == '/') && j + 1 < nm->n &&
        norm_is_digit((unsigned char)nm->t[j + 1]))
        return 0;
    return c != '%';
}

/* ---- money */

static const struct {
    const char *sign;
    const char *one, *many, *minor_one, *minor_many;
} currencies[] = {
    { "\xc2\xa3", "pound", "pounds", "penny", "pence" },
    { "$", "dollar", "dollars", "cent", "cents" },
    { "\xe2\x82\xac", "euro", "euros", "cent", "cents" },
};

static const char *const scales[] = { "thousand", "million", "billion", "trillion" };

/* "£5" is "pound five" to espeak-ng, "$3.50" "dollar three point five
 * zero": the unit goes after the amount, cents are cents. */
size_t norm_rule_money(struct norm *nm, size_t i)
{
    size_t c, k, whole, len, s, w, decimals = 0;
    const char *scale = NULL;
    int one;

    for (c = 0; c < sizeof currencies / sizeof *currencies; c++)
        if (strncmp(nm->t + i, currencies[c].sign, strlen(currencies[c].sign)) == 0)
            break;
    if (c == sizeof currencies / sizeof *currencies)
        return 0;
    k = i + strlen(currencies[c].sign);
    whole = k;
    if (!norm_is_digit((unsigned char)nm->t[k]))
        return 0;
    while (k < nm->n && (norm_is_digit((unsigned char)nm->t[k]) ||
                         (nm->t[k] == ',' && norm_digits(nm, k + 1) == 3)))
        k++;
    len = k - whole;
    if (k + 1 < nm->n && nm->t[k] == '.' && norm_is_digit((unsigned char)nm->t[k + 1])) {
        decimals = norm_digits(nm, k + 1);
        if (decimals > 2)
            return 0;
        k += 1 + decimals;
    }
    if (!number_ends(nm, k))
        return 0;
    s = norm_skip_spaces(nm, k);
    for (w = 0; s > k && scale == NULL && w < sizeof scales / sizeof *scales; w++) {
        size_t sl = strlen(scales[w]);
        if (strncmp(nm->t + s, scales[w], sl) == 0 && !norm_word_at(nm, s + sl)) {
            scale = scales[w];
            k = s + sl;
        }
    }
    one = len == 1 && nm->t[whole] == '1';
    if (scale) {
        /* "£2.5 million": two point five million pounds */
        norm_put(nm, nm->t + whole, len + (decimals ? decimals + 1 : 0));
        norm_printf(nm, " %s %s", scale, currencies[c].many);
        return k - i;
    }
    norm_put(nm, nm->t + whole, len);
    norm_printf(nm, " %s", one ? currencies[c].one : currencies[c].many);
    if (decimals) {
        const char *d = nm->t + whole + len + 1;
        int minor = decimals == 1 ? (d[0] - '0') * 10 : (d[0] - '0') * 10 + (d[1] - '0');
        if (minor > 0)
            norm_printf(nm, " and %d %s", minor,
                        minor == 1 ? currencies[c].minor_one : currencies[c].minor_many);
    }
    return k - i;
}

size_t norm_rule_number_sign(struct norm *nm, size_t i)
{
    if (nm->t[i] != '#' || !norm_is_digit((unsigned char)nm->t[i + 1]))
        return 0;
    norm_puts(nm, "number ");
    return 1;
}

/* ---- times */

/* "10:05" is "ten zero five" to espeak-ng, "5:00" "five zero zero". */
size_t norm_rule_time(struct norm *nm, size_t i)
{
    static const char *const after[] = { "a.m.", "p.m.", "am", "pm", "o'clock", "o\xe2\x80\x99" "clock" };
    size_t h = norm_digits(nm, i), k, a;
    int hour, minute;

    if (h == 0 || h > 2 || !number_starts(nm, i) || nm->t[i + h] != ':' ||
        norm_digits(nm, i + h + 1) != 2)
        return 0;
    /* "8:00am": the only letters a time may run into */
    k = i + h + 3;
    if (!number_ends(nm, k) && !((strncasecmp(nm->t + k, "am", 2) == 0 ||
                                  strncasecmp(nm->t + k, "pm", 2) == 0) &&
                                 !norm_word_at(nm, k + 2)))
        return 0;
    hour = (int)strtol(nm->t + i, NULL, 10);
    minute = (nm->t[i + h + 1] - '0') * 10 + (nm->t[i + h + 2] - '0');
    if (hour > 24 || minute > 59 || nm->t[i + h + 1] != '0')
        return 0;
    norm_put(nm, nm->t + i, h);
    if (minute > 0) {
        norm_printf(nm, " oh %d", minute);
        return h + 3;
    }
    k = norm_skip_spaces(nm, k);
    for (a = 0; a < sizeof after / sizeof *after; a++)
        if (strncasecmp(nm->t + k, after[a], strlen(after[a])) == 0)
            return h + 3;
    norm_puts(nm, " o'clock");
    return h + 3;
}

/* ---- years and decades */

/* The decades as words, by their tens digit ("the 1850s": "18 fifties"). */
static const char *const decade_words[10] = {
    NULL, "tens", "twenties", "thirties", "forties", "fifties",
    "sixties", "seventies", "eighties", "nineties"
};

/* Length of "s", "'s" or "’s" at t[k], 0 if none. */
static size_t plural_s(const struct norm *nm, size_t k)
{
    size_t len;

    if (k < nm->n && nm->t[k] == 's')
        return 1;
    if (k < nm->n && text_is_apostrophe_cp(text_cp_at(nm->t, k, nm->n, &len)) &&
        k + len < nm->n && nm->t[k + len] == 's')
        return len + 1;
    return 0;
}

/* "1850s" is "one thousand eight hundred fifty z" to espeak-ng; "'60s"
 * and "60s" are "sixty z". */
size_t norm_rule_decade(struct norm *nm, size_t i)
{
    size_t k = i, len, s;
    int32_t cp = text_cp_at(nm->t, i, nm->n, &len);
    int value;

    if (text_is_apostrophe_cp(cp) && !norm_word_before(nm, i))
        k = i + len;   /* '60s */
    else if (!number_starts(nm, i))
        return 0;
    len = norm_digits(nm, k);
    if ((len != 2 && len != 4) || nm->t[k + len - 1] != '0' ||
        (k > i && len != 2))
        return 0;
    s = plural_s(nm, k + len);
    if (s == 0 || norm_word_at(nm, k + len + s))
        return 0;
    value = (int)strtol(nm->t + k, NULL, 10);
    if (len == 2) {
        if (value < 20)
            return 0;
        norm_puts(nm, decade_words[value / 10]);
        return k + len + s - i;
    }
    if (value < 1000 || value > 2090)
        return 0;
    if (value == 2000)
        norm_puts(nm, "two thousands");
    else if (value % 100 == 0)
        norm_printf(nm, "%.2s hundreds", nm->t + k);
    else if (value >= 2000 && value < 2010)
        return 0;
    else
        norm_printf(nm, "%.2s %s", nm->t + k, decade_words[value / 10 % 10]);
    return len + s;
}

/* A four-digit year is read in pairs: "18 57", "19 oh 5", "10 66",
 * "20 24".  espeak-ng already says "1900" as "nineteen hundred" and
 * "2005" as "two thousand and five"; those stay. */
size_t norm_rule_year(struct norm *nm, size_t i)
{
    int value;

    if (!number_starts(nm, i) || norm_digits(nm, i) != 4 || !number_ends(nm, i + 4) ||
        (i > 0 && strchr("$#", nm->t[i - 1]) != NULL))
        return 0;
    value = (int)strtol(nm->t + i, NULL, 10);
    if (value < 1000 || value > 2099 || (value >= 2000 && value < 2010) || value % 100 == 0)
        return 0;
    if (value / 10 % 10 == 0)
        norm_printf(nm, "%.2s oh %c", nm->t + i, nm->t[i + 3]);
    else
        norm_printf(nm, "%.2s %.2s", nm->t + i, nm->t + i + 2);
    return 4;
}

/* ---- fractions */

/* Denominators as words, one and many. */
static const struct {
    int den;
    const char *one, *many;
} denominators[] = {
    { 2, "half", "halves" },       { 3, "third", "thirds" },
    { 4, "quarter", "quarters" },  { 5, "fifth", "fifths" },
    { 6, "sixth", "sixths" },      { 7, "seventh", "sevenths" },
    { 8, "eighth", "eighths" },    { 9, "ninth", "ninths" },
    { 10, "tenth", "tenths" },     { 12, "twelfth", "twelfths" },
    { 16, "sixteenth", "sixteenths" }, { 32, "thirty-second", "thirty-seconds" },
    { 64, "sixty-fourth", "sixty-fourths" }, { 100, "hundredth", "hundredths" },
};

/* The vulgar fraction characters: alone, and after a whole number. */
static const struct {
    const char *glyph;
    const char *alone, *after;
} glyphs[] = {
    { "\xc2\xbd", "one half", "and a half" },
    { "\xc2\xbc", "one quarter", "and a quarter" },
    { "\xc2\xbe", "three quarters", "and three quarters" },
    { "\xe2\x85\x93", "one third", "and a third" },
    { "\xe2\x85\x94", "two thirds", "and two thirds" },
    { "\xe2\x85\x9b", "one eighth", "and an eighth" },
    { "\xe2\x85\x9c", "three eighths", "and three eighths" },
    { "\xe2\x85\x9d", "five eighths", "and five eighths" },
    { "\xe2\x85\x9e", "seven eighths", "and seven eighths" },
};

/* "3/4" is "three slash four" to espeak-ng, "1½" "one a half". */
size_t norm_rule_fraction(struct norm *nm, size_t i)
{
    size_t g, a, b;
    int num, den;

    for (g = 0; g < sizeof glyphs / sizeof *glyphs; g++) {
        size_t len = strlen(glyphs[g].glyph);
        if (strncmp(nm->t + i, glyphs[g].glyph, len) != 0)
            continue;
        if (i > 0 && norm_is_digit((unsigned char)nm->t[i - 1])) {
            norm_put(nm, " ", 1);
            norm_puts(nm, glyphs[g].after);
        } else {
            norm_puts(nm, glyphs[g].alone);
        }
        return len;
    }
    a = norm_digits(nm, i);
    if (a == 0 || a > 3 || !number_starts(nm, i) || nm->t[i + a] != '/')
        return 0;
    b = norm_digits(nm, i + a + 1);
    if (b == 0 || b > 3 || norm_word_at(nm, i + a + 1 + b) ||
        (i + a + 1 + b < nm->n && nm->t[i + a + 1 + b] == '/'))
        return 0;
    num = (int)strtol(nm->t + i, NULL, 10);
    den = (int)strtol(nm->t + i + a + 1, NULL, 10);
    if (den == 0)
        return 0;
    for (g = 0; g < sizeof denominators / sizeof *denominators; g++) {
        if (denominators[g].den != den)
            continue;
        if (num == 1)
            norm_printf(nm, "one %s", denominators[g].one);
        else
            norm_printf(nm, "%d %s", num, denominators[g].many);
        return a + 1 + b;
    }
    norm_printf(nm, "%d over %d", num, den);
    return a + 1 + b;
}

/* ---- old money and old ordinals */

/* Whether "5s." or "5s" ends just before the spaces before t[i]. */
static int shillings_before(const struct norm *nm, size_t i)
{
    size_t k = i;

    while (k > 0 && nm->t[k - 1] == ' ')
        k--;
    if (k == i)
        return 0;
    if (k > 0 && nm->t[k - 1] == '.')
        k--;
    return k >= 2 && nm->t[k - 1] == 's' && norm_is_digit((unsigned char)nm->t[k - 2]);
}

/* "5s. 6d." is "five z six d" to espeak-ng: shillings (1-19) and pence
 * (1-11), written with their full stop or side by side. */
size_t norm_rule_old_money(struct norm *nm, size_t i)
{
    size_t len = norm_digits(nm, i), k;
    int value, stop;
    char unit;

    if (len == 0 || len > 2 || !number_starts(nm, i))
        return 0;
    unit = nm->t[i + len];
    if ((unit != 's' && unit != 'd') || norm_word_at(nm, i + len + 1))
        return 0;
    value = (int)strtol(nm->t + i, NULL, 10);
    k = i + len + 1;
    stop = k < nm->n && nm->t[k] == '.';
    if (unit == 's') {
        size_t next = norm_skip_spaces(nm, k + stop), d = norm_digits(nm, next);
        if (value < 1 || value > 19 ||
            !(stop || (next > k && d > 0 && d <= 2 && nm->t[next + d] == 'd')))
            return 0;
        norm_printf(nm, "%d %s", value, value == 1 ? "shilling" : "shillings");
    } else {
        if (value < 1 || value > 11 || !(stop || shillings_before(nm, i)))
            return 0;
        norm_printf(nm, "%d %s", value, value == 1 ? "penny" : "pence");
    }
    if (stop && norm_stop_follows(nm, k + 1))
        norm_put(nm, ".", 1);
    return k + stop - i;
}

/* "the 2d of May", "the 23d": the old ordinals, "two d" to espeak-ng. */
size_t norm_rule_old_ordinal(struct norm *nm, size_t i)
{
    size_t len = norm_digits(nm, i), start, wl;
    char last;

    if (len == 0 || !number_starts(nm, i) || nm->t[i + len] != 'd' ||
        norm_word_at(nm, i + len + 1))
        return 0;
    last = nm->t[i + len - 1];
    if ((last != '2' && last != '3') || (len >= 2 && nm->t[i + len - 2] == '1'))
        return 0;
    if (!norm_prev_word(nm, i, &start, &wl) || wl != 3 || strncasecmp(nm->t + start, "the", 3) != 0)
        return 0;
    norm_put(nm, nm->t + i, len);
    norm_puts(nm, last == '2' ? "nd" : "rd");
    return len + 1;
}

/* ---- roman numerals */

/* The value of a roman numeral written the standard way (IV, not IIII),
 * else 0. */
static int roman_value(const char *s, size_t len)
{
    static const struct {
        const char *letters;
        int value;
    } parts[] = {
        { "M", 1000 }, { "CM", 900 }, { "D", 500 }, { "CD", 400 }, { "C", 100 }, { "XC", 90 },
        { "L", 50 },   { "XL", 40 },  { "X", 10 },  { "IX", 9 },   { "V", 5 },   { "IV", 4 },
        { "I", 1 },
    };
    size_t k = 0, p;
    int value = 0, repeats;

    for (p = 0; p < sizeof parts / sizeof *parts; p++) {
        size_t pl = strlen(parts[p].letters);
        /* M, C, X, I repeat up to three times; the others once */
        int most = pl == 1 && strchr("MCXI", parts[p].letters[0]) ? 3 : 1;
        for (repeats = 0; repeats < most && k + pl <= len &&
                          strncmp(s + k, parts[p].letters, pl) == 0;
             repeats++) {
            value += parts[p].value;
            k += pl;
        }
    }
    return k == len ? value : 0;
}

/* Words after which a roman numeral is a plain number: Chapter XII,
 * Vol. II, World War II. */
static const char *const numbering_words[] = {
    "chapter", "chap.", "ch.", "book", "part", "volume", "vol.", "vols.", "act", "scene",
    "section", "canto", "stave", "letter", "appendix", "article", "psalm", "plate", "fig.",
    "figure", "war", "number", "no.", "class", "form", "epistle", "lesson", "lecture",
};

/* Names kings, queens and popes share, after which even I, V and X are
 * regnal: Charles I, Henry V, Pius X.  Other capitalised names take the
 * ordinal only from II on (Malcolm X stays a letter). */
static const char *const regnal_names[] = {
    "Henry", "Edward", "George", "William", "Charles", "James", "Richard", "John",
    "Elizabeth", "Mary", "Anne", "Victoria", "Louis", "Philip", "Frederick", "Peter",
    "Catherine", "Napoleon", "Alexander", "Nicholas", "Pius", "Leo", "Gregory",
    "Innocent", "Clement", "Benedict", "Urban", "Paul", "Francis", "Ferdinand",
    "Joseph", "Otto", "Wilhelm", "Ivan", "Alfonso", "Carlos", "Gustavus", "Christian",
    "Harold", "David", "Robert", "Edmund", "Stephen", "Ludwig", "Leopold", "Umberto",
};

static int word_in(const char *const *list, size_t n, const char *w, size_t len, int nocase)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (strlen(list[k]) == len &&
            (nocase ? strncasecmp(list[k], w, len) : strncmp(list[k], w, len)) == 0)
            return 1;
    return 0;
}

static const char *ordinal_suffix(int v)
{
    if (v % 100 >= 11 && v % 100 <= 13)
        return "th";
    return v % 10 == 1 ? "st" : v % 10 == 2 ? "nd" : v % 10 == 3 ? "rd" : "th";
}

/* espeak-ng reads "XII" as "roman twelve" and "Henry VIII" as "Henry
 * roman eight": numerals after a numbering word, and opening a heading,
 * are numbers; after a name they are regnal ("Henry the 8th"). */
size_t norm_rule_roman(struct norm *nm, size_t i)
{
    size_t len = 0, start, wl, j;
    int value, after_name, only_ivx;
    char end;

    while (i + len < nm->n && strchr("IVXLCDM", nm->t[i + len]) && nm->t[i + len] != '\0')
        len++;
    if (len == 0 || norm_word_before(nm, i) || norm_word_at(nm, i + len))
        return 0;
    value = roman_value(nm->t + i, len);
    if (value == 0)
        return 0;
    j = i + len;
    end = j < nm->n ? nm->t[j] : '\0';
    only_ivx = strspn(nm->t + i, "IVX") >= len;
    if (norm_prev_word(nm, i, &start, &wl)) {
        /* "Part I", but "my own part I had": a lone I needs a capital */
        if (word_in(numbering_words, sizeof numbering_words / sizeof *numbering_words,
                    nm->t + start, wl, 1) &&
            (len > 1 || norm_is_upper((unsigned char)nm->t[start]))) {
            norm_printf(nm, "%d", value);
            return len;
        }
        after_name = norm_is_upper((unsigned char)nm->t[start]) && nm->t[start + wl - 1] != '.';
        if (after_name && only_ivx && value <= 39 &&
            (len >= 2 || (word_in(regnal_names, sizeof regnal_names / sizeof *regnal_names,
                                  nm->t + start, wl, 0) &&
                          /* "Charles I was" is as likely "Charles, I was" */
                          (nm->t[i] != 'I' || norm_at_end(nm, j) ||
                           strchr(",.;:!?)'\xe2", end) != NULL)))) {
            norm_printf(nm, "the %d%s", value, ordinal_suffix(value));
            /* "George II. sitting then": the stop marked the numeral */
            if (end == '.' && j + 1 < nm->n &&
                norm_is_lower((unsigned char)nm->t[norm_skip_spaces(nm, j + 1)]))
                return len + 1;
            return len;
        }
    }
    if (nm->opt->heading && norm_at_start(nm, i) &&
        (end == '\0' || end == '.' || end == ':' || norm_at_end(nm, j))) {
        norm_printf(nm, "%d", value);
        return len;
    }
    /* anywhere else espeak-ng would still say "roman": II to XXXIX */
    if (only_ivx && len >= 2 && value <= 39) {
        norm_printf(nm, "%d", value);
        return len;
    }
    return 0;
}
