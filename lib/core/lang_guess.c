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

static const char *const words[HR_LANG_COUNT][16] = {
    [HR_LANG_EN] = {"the", "and", "of", "to", "that", "with", "for", "its", "on", "is", "are",
                    "ensure", "measures", "state", "which", NULL},
    [HR_LANG_ES] = {"el", "los", "las", "y", "del", "para", "por", "con", "su", "sus", "medidas",
                    "garantizar", "estado", "una", "al", NULL},
    [HR_LANG_FR] = {"le", "les", "des", "et", "du", "pour", "dans", "aux", "au", "sur", "ses",
                    "mesures", "veiller", "une", "est", NULL},
};

static int language_of(const char *word)
{
    for (int l = 0; l < HR_LANG_COUNT; l++) {
        for (int i = 0; words[l][i] != NULL; i++) {
            if (strcmp(words[l][i], word) == 0)
                return l;
        }
    }
    return -1;
}

hr_lang hr_lang_guess(const char *text, hr_lang fallback)
{
    int score[HR_LANG_COUNT] = {0};
    char word[WORD_MAX + 1];
    size_t len = 0;
    for (const char *p = text;; p++) {
        char c = *p;
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
