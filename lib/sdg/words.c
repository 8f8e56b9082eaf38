/*
 * The linker's word pipeline: UTF-8 text in, stems out.
 *
 * ICU does the parts that depend on Unicode: NFKC case folding (width
 * variants, ligatures, "ß"), then NFD so that accents are separate marks we
 * drop ("Educación" and "EDUCACION" meet), then the word-break iterator of
 * the text's language, which knows that "16.3", "e.g." or "d'accès" are not
 * simply split at punctuation. Inside a word we still cut at apostrophes and
 * other non-letters, because French elision ("l'homme", "d'accès") must
 * leave "homme" and "acces" for the stemmer. Stop words and one-letter
 * words go, numbers go (paragraph numbers and years would only make
 * unrelated recommendations look alike), the rest is stemmed (stem.c).
 */
#include "sdg_internal.h"

#include "hrtrack/error.h"
#include "hrtrack/sdg_linker.h"
#include "hrtrack/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Runs one normalizer into a new buffer, growing it as ICU asks. */
static int normalize(UChar **out, int32_t *out_len, const UNormalizer2 *norm, const UChar *src,
                     int32_t src_len)
{
    int32_t cap = src_len + src_len / 2 + 16;
    for (int attempt = 0; attempt < 2; attempt++) {
        UChar *dst = malloc((size_t)cap * sizeof(UChar));
        if (dst == NULL)
            return HR_ENOMEM;
        UErrorCode status = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(norm, src, src_len, dst, cap, &status);
        if (U_SUCCESS(status)) {
            *out = dst;
            *out_len = n;
            return 0;
        }
        free(dst);
        if (status != U_BUFFER_OVERFLOW_ERROR)
            return HR_EINTERNAL;
        cap = n + 1;
    }
    return HR_EINTERNAL;
}

/* UTF-8 -> UTF-16 -> NFKC_Casefold -> NFD without non-spacing marks. */
static int fold(UChar **out, int32_t *out_len, const char *s, size_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status))
        return HR_EINTERNAL;
    UChar *utf16 = malloc((len + 1) * sizeof(UChar)), *folded = NULL;
    if (utf16 == NULL)
        return HR_ENOMEM;
    int32_t n16 = 0, nfolded = 0;
    u_strFromUTF8(utf16, (int32_t)len + 1, &n16, s, (int32_t)len, &status);
    int rc = U_FAILURE(status) ? HR_EPARSE : 0;
    if (rc == 0)
        rc = normalize(&folded, &nfolded, casefold, utf16, n16);
    if (rc == 0)
        rc = normalize(out, out_len, nfd, folded, nfolded);
    free(utf16);
    free(folded);
    if (rc != 0)
        return rc;
    int32_t kept = 0;
    for (int32_t i = 0; i < *out_len; i++) {
        /* Marks are all in the BMP's combining blocks: no surrogate pair to keep together. */
        if (u_charType((*out)[i]) != U_NON_SPACING_MARK)
            (*out)[kept++] = (*out)[i];
    }
    *out_len = kept;
    return 0;
}

/* Ligatures NFKC leaves alone but French writes both ways ("œuvre", "oeuvre"). */
static int expand_ligature(UChar32 c, char *w, size_t *n)
{
    const char *with = c == 0x153 ? "oe" : c == 0xE6 ? "ae" : NULL;
    if (with == NULL)
        return 0;
    if (*n + 2 <= SDG_WORD_MAX) {
        memcpy(w + *n, with, 2);
        *n += 2;
    }
    return 1;
}

/* Appends code point c as UTF-8 if it fits (a longer word is simply cut). */
static void put_code_point(char *w, size_t *n, UChar32 c)
{
    char b[4];
    int32_t k = 0;
    UBool error = 0;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
    U8_APPEND((uint8_t *)b, k, 4, c, error);
#pragma GCC diagnostic pop
    if (error || *n + (size_t)k > SDG_WORD_MAX)
        return;
    memcpy(w + *n, b, (size_t)k);
    *n += (size_t)k;
}

/* Emits one piece of letters and digits: drops numbers, one-letter words, stop words. */
static int emit(const char *w, size_t n, int has_letter, hr_lang lang, sdg_word_fn fn, void *ctx)
{
    if (!has_letter || n < 2 || sdg_is_stopword(lang, w, n))
        return 0;
    char stem[SDG_WORD_MAX + 1];
    memcpy(stem, w, n);
    sdg_stem(lang, stem, &n);
    stem[n] = '\0';
    return n == 0 ? 0 : fn(ctx, stem, n);
}

/* Cuts one ICU word at every character that is not a letter or digit. */
static int split_word(const UChar *s, int32_t from, int32_t to, hr_lang lang, sdg_word_fn fn,
                      void *ctx)
{
    char w[SDG_WORD_MAX + 4];
    size_t n = 0;
    int has_letter = 0, rc = 0;
    for (int32_t i = from; i < to && rc == 0;) {
        UChar32 c;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
        U16_NEXT(s, i, to, c);
#pragma GCC diagnostic pop
        if (u_isalnum(c)) {
            if (!expand_ligature(c, w, &n))
                put_code_point(w, &n, c);
            has_letter |= u_isalpha(c) != 0;
            continue;
        }
        rc = emit(w, n, has_letter, lang, fn, ctx);
        n = 0;
        has_letter = 0;
    }
    if (rc == 0)
        rc = emit(w, n, has_letter, lang, fn, ctx);
    return rc;
}

static int walk_words(const UChar *s, int32_t len, hr_lang lang, sdg_word_fn fn, void *ctx)
{
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, hr_lang_code(lang), s, len, &status);
    if (U_FAILURE(status))
        return HR_EINTERNAL;
    int rc = 0;
    int32_t from = ubrk_first(bi);
    for (int32_t to = ubrk_next(bi); to != UBRK_DONE && rc == 0; from = to, to = ubrk_next(bi)) {
        /* Rule status UBRK_WORD_NONE marks spaces and punctuation between words. */
        if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
            rc = split_word(s, from, to, lang, fn, ctx);
    }
    ubrk_close(bi);
    return rc;
}

int sdg_words(const char *s, size_t len, hr_lang lang, sdg_word_fn fn, void *ctx)
{
    if ((int)lang < 0 || (int)lang >= HR_LANG_COUNT)
        return HR_EPARAM;
    if (len > HR_SDG_TEXT_MAX)
        return HR_ELIMIT;
    if (!hr_text_is_utf8(s, len))
        return HR_EPARSE;
    if (len == 0)
        return 0;
    UChar *folded = NULL;
    int32_t n = 0;
    int rc = fold(&folded, &n, s, len);
    if (rc == 0)
        rc = walk_words(folded, n, lang, fn, ctx);
    free(folded);
    return rc;
}

static int append_stem(void *ctx, const char *stem, size_t len)
{
    hr_buf *out = ctx;
    int rc = out->len > 0 ? hr_buf_append(out, " ", 1) : 0;
    return rc == 0 ? hr_buf_append(out, stem, len) : rc;
}

int hr_sdg_text_stems(hr_buf *out, const char *text, hr_lang lang)
{
    if (out == NULL || text == NULL)
        return HR_EPARAM;
    return sdg_words(text, strnlen(text, HR_SDG_TEXT_MAX + 1), lang, append_stem, out);
}
