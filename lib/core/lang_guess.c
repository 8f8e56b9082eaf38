/*
 * Language guessing by function words (see hr_lang_guess in lang.h). Only
 * words that belong to one of the three languages count ("la", "de" and
 * "que" are shared by Spanish and French and are left out), and a language
 * must lead by a clear margin; otherwise the caller's fallback stands.
 */
#include "hrtrack/lang.h"

#include <string.h>

#define WORD_MAX     8
#define MIN_EVIDENCE 3

/* Sorted by word, for binary search. */
static const struct {
    const char *word;
    hr_lang lang;
} words[] = {
    {"al", HR_LANG_ES},      {"and", HR_LANG_EN},      {"are", HR_LANG_EN},
    {"au", HR_LANG_FR},      {"aux", HR_LANG_FR},      {"con", HR_LANG_ES},
    {"dans", HR_LANG_FR},    {"del", HR_LANG_ES},      {"des", HR_LANG_FR},
    {"du", HR_LANG_FR},      {"el", HR_LANG_ES},       {"ensure", HR_LANG_EN},
    {"est", HR_LANG_FR},     {"estado", HR_LANG_ES},   {"et", HR_LANG_FR},
    {"for", HR_LANG_EN},     {"is", HR_LANG_EN},       {"its", HR_LANG_EN},
    {"las", HR_LANG_ES},     {"le", HR_LANG_FR},       {"les", HR_LANG_FR},
    {"los", HR_LANG_ES},     {"measures", HR_LANG_EN}, {"medidas", HR_LANG_ES},
    {"mesures", HR_LANG_FR}, {"of", HR_LANG_EN},       {"on", HR_LANG_EN},
    {"para", HR_LANG_ES},    {"por", HR_LANG_ES},      {"pour", HR_LANG_FR},
    {"ses", HR_LANG_FR},     {"state", HR_LANG_EN},    {"su", HR_LANG_ES},
    {"sur", HR_LANG_FR},     {"sus", HR_LANG_ES},      {"that", HR_LANG_EN},
    {"the", HR_LANG_EN},     {"to", HR_LANG_EN},       {"una", HR_LANG_ES},
    {"une", HR_LANG_FR},     {"veiller", HR_LANG_FR},  {"which", HR_LANG_EN},
    {"with", HR_LANG_EN},    {"y", HR_LANG_ES},
};

/* The first bytes are evidence enough, and long texts stay cheap. */
#define GUESS_BYTES 2000

static int language_of(const char *word)
{
    size_t lo = 0, hi = sizeof words / sizeof words[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(words[mid].word, word);
        if (c == 0)
            return (int)words[mid].lang;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

hr_lang hr_lang_guess(const char *text, hr_lang fallback)
{
    int score[HR_LANG_COUNT] = {0};
    char word[WORD_MAX + 1];
    size_t len = 0;
    for (const char *p = text;; p++) {
        char c = p - text < GUESS_BYTES ? *p : '\0';
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter) {
            if (len < WORD_MAX)
                word[len] = (char)(c | 0x20);
            len++;
            continue;
        }
        /* Accented letters (bytes >= 0x80) make a word that is none of ours. */
        if ((unsigned char)c >= 0x80) {
            len = WORD_MAX + 1;
            continue;
        }
        if (len > 0 && len <= WORD_MAX) {
            word[len] = '\0';
            int l = language_of(word);
            if (l >= 0)
                score[l]++;
        }
        len = 0;
        if (c == '\0')
            break;
    }
    int best = 0;
    for (int l = 1; l < HR_LANG_COUNT; l++) {
        if (score[l] > score[best])
            best = l;
    }
    int second = 0;
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        if (l != best && score[l] > second)
            second = score[l];
    }
    if (score[best] < MIN_EVIDENCE || score[best] < 2 * second)
        return fallback;
    return (hr_lang)best;
}
