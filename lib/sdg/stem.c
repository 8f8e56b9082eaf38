/*
 * Light stemmers for English, Spanish and French: a few suffix rules per
 * language, so that "torturas", "tortura" and "torturado" meet, as do
 * "discrimination", "discriminatory" and "discriminate".
 *
 * Why our own rather than Snowball: ICU has no stemmer and the project's
 * dependencies do not include one; and for short texts matched against
 * short descriptions, light stemmers (plural, gender and a handful of
 * derivational suffixes, in the manner of Savoy's light stemmers for
 * French and Spanish and Harman's S-stemmer for English) recover most of
 * what aggressive stemmers gain while conflating fewer unrelated words.
 * Each rule keeps at least SDG_STEM_MIN bytes of the word, so short words
 * ("agua", "paz", "law") are left alone. The input is already case-folded
 * and accent-free (words.c), so every suffix here is plain ASCII.
 *
 * Left out on purpose, because they join words that must stay apart:
 * "-idad"/"-ity"/"-ité" and "-al" ("nacionalidad", "nationality" and
 * "national" would meet), and the Spanish participles "-ado"/"-ido"
 * ("tratado", a treaty, would meet "trata", trafficking).
 *
 * The rules are applied in rounds (plural, then derivation, then the final
 * vowel) and the derivation round repeats while a rule applies, so that
 * "constitutional" and "constitution" reach the same stem.
 */
#include "sdg_internal.h"

#include <string.h>

#define SDG_STEM_MIN 4

typedef struct rule {
    const char *suffix;
    const char *replace;
} rule;

/* Longest suffixes first in each table: the first that applies wins. */
static const rule plural_en[] = {{"sses", "ss"}, {"ies", "y"}, {"ss", "ss"}, {"us", "us"},
                                 {"is", "is"},   {"s", ""},    {NULL, NULL}};
static const rule derive_en[] = {
    {"izations", "ize"}, {"ization", "ize"}, {"isation", "ize"}, {"ational", "ation"},
    {"ional", "ion"},    {"ations", "ate"},  {"ation", "ate"},   {"ition", "ite"},
    {"ution", "ute"},    {"atory", "ate"},   {"ified", "ify"},   {"ifies", "ify"},
    {"ify", "ific"},     {"ments", ""},      {"ment", ""},       {"ness", ""},
    {"ility", "le"},     {"ating", "ate"},   {"ated", "ate"},    {"ate", ""},
    {"ive", ""},         {"ing", ""},        {"ed", ""},         {"ly", ""},
    {"ers", ""},         {"er", ""},         {"ize", ""},        {"ise", ""},
    {"ic", ""},          {NULL, NULL}};

static const rule plural_es[] = {
    {"ces", "z"}, {"iones", "ion"}, {"es", ""}, {"s", ""}, {NULL, NULL}};
static const rule derive_es[] = {
    {"amiento", ""}, {"imiento", ""}, {"atoria", ""}, {"atorio", ""}, {"adora", ""},
    {"ador", ""},    {"acion", ""},   {"icion", ""},  {"ista", ""},   {"ismo", ""},
    {"able", ""},    {"ible", ""},    {"mente", ""},  {"ativa", ""},  {"ativo", ""},
    {"iva", ""},     {"ivo", ""},     {"iendo", ""},  {"ando", ""},   {"ar", ""},
    {"er", ""},      {"ir", ""},      {"ico", ""},    {"ica", ""},    {NULL, NULL}};

static const rule plural_fr[] = {{"aux", "al"}, {"eux", "eux"}, {"s", ""}, {"x", ""}, {NULL, NULL}};
static const rule derive_fr[] = {
    {"issement", ""}, {"atrice", ""}, {"ateur", ""}, {"atoire", ""}, {"ation", ""}, {"ition", ""},
    {"ement", ""},    {"ment", ""},   {"isme", ""},  {"iste", ""},   {"able", ""},  {"ible", ""},
    {"ique", ""},     {"euse", ""},   {"ive", ""},   {"if", ""},     {"ant", ""},   {"ee", ""},
    {"er", ""},       {"ez", ""},     {"elle", ""},  {"el", ""},     {NULL, NULL}};

/* Irregular English plurals that the rules cannot reach. */
static const rule irregular_en[] = {
    {"women", "woman"}, {"men", "man"}, {"children", "child"}, {"people", "person"}, {NULL, NULL}};

static int ends_with(const char *w, size_t len, const char *suffix, size_t slen)
{
    return len >= slen && memcmp(w + len - slen, suffix, slen) == 0;
}

/* Applies the first rule of `rules` that fits; returns whether one did. */
static int apply(const rule *rules, char *w, size_t *len, size_t keep)
{
    for (const rule *r = rules; r->suffix != NULL; r++) {
        size_t slen = strlen(r->suffix), rlen = strlen(r->replace);
        if (!ends_with(w, *len, r->suffix, slen) || *len - slen < keep)
            continue;
        if (rlen >= slen && memcmp(r->replace, r->suffix, slen) == 0)
            return 0; /* a rule that protects the word ("status", "crisis") */
        memcpy(w + *len - slen, r->replace, rlen);
        *len = *len - slen + rlen;
        return 1;
    }
    return 0;
}

static void stem_en(char *w, size_t *len)
{
    for (const rule *r = irregular_en; r->suffix != NULL; r++) {
        if (*len == strlen(r->suffix) && memcmp(w, r->suffix, *len) == 0) {
            *len = strlen(r->replace);
            memcpy(w, r->replace, *len);
            return;
        }
    }
    /* "ratified" and "ratifies" keep only three letters before "ified": the one short stem allowed.
     */
    if (*len >= 8 && (ends_with(w, *len, "ified", 5) || ends_with(w, *len, "ifies", 5))) {
        memcpy(w + *len - 5, "ify", 3);
        *len -= 2;
    }
    apply(plural_en, w, len, 3);
    for (int round = 0; round < 3 && apply(derive_en, w, len, SDG_STEM_MIN); round++)
        ;
    if (*len > SDG_STEM_MIN && (w[*len - 1] == 'e' || w[*len - 1] == 'y'))
        (*len)--;
}

static void stem_es(char *w, size_t *len)
{
    apply(plural_es, w, len, 3);
    for (int round = 0; round < 2 && apply(derive_es, w, len, SDG_STEM_MIN); round++)
        ;
    /* Gender and the final vowel: "niña" and "niño" meet as "nin". */
    char last = w[*len - 1];
    if (*len >= SDG_STEM_MIN && (last == 'a' || last == 'o' || last == 'e'))
        (*len)--;
}

static void stem_fr(char *w, size_t *len)
{
    apply(plural_fr, w, len, 3);
    for (int round = 0; round < 2 && apply(derive_fr, w, len, SDG_STEM_MIN); round++)
        ;
    if (*len > SDG_STEM_MIN && w[*len - 1] == 'e')
        (*len)--;
}

void sdg_stem(hr_lang lang, char *w, size_t *len)
{
    if (*len < SDG_STEM_MIN)
        return;
    switch (lang) {
    case HR_LANG_EN:
        stem_en(w, len);
        break;
    case HR_LANG_ES:
        stem_es(w, len);
        break;
    case HR_LANG_FR:
        stem_fr(w, len);
        break;
    }
}
