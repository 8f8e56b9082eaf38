/*
 * ICU-based folding of names and words into match keys (see text.h).
 *
 * The order matters: NFKC case folding first (it maps width variants,
 * ligatures and "ß" and may itself produce accented letters), then NFD so
 * that every accent is a separate non-spacing mark we can drop.
 */
#include "hrtrack/text.h"
#include "hrtrack/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

int hr_text_is_utf8(const char *s, size_t len)
{
    if (len > INT32_MAX)
        return 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(NULL, 0, &units, s, (int32_t)len, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\0')
            return 0;
    }
    return 1;
}

/* Runs one normalizer, growing the destination as ICU asks. */
static int normalize(UChar **out, int32_t *out_len, const UNormalizer2 *norm, const UChar *src,
                     int32_t src_len)
{
    int32_t cap = src_len * 2 + 16;
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

/* Appends one code point to `out` as UTF-8. */
static int append_code_point(hr_buf *out, UChar32 c)
{
    char bytes[4];
    size_t n;
    if (c < 0x80) {
        bytes[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        bytes[0] = (char)(0xC0 | (c >> 6));
        bytes[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        bytes[0] = (char)(0xE0 | (c >> 12));
        bytes[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        bytes[0] = (char)(0xF0 | (c >> 18));
        bytes[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        bytes[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return hr_buf_append(out, bytes, n);
}

/* Keeps letters and digits, drops accents, turns the rest into single spaces. */
static int emit_key(hr_buf *out, const UChar *s, int32_t len)
{
    int pending_space = 0, any = 0;
    for (int32_t i = 0; i < len;) {
        UChar32 c;
/* ICU's macro mixes signed and unsigned arithmetic internally. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
        U16_NEXT(s, i, len, c);
#pragma GCC diagnostic pop
        if (u_charType(c) == U_NON_SPACING_MARK)
            continue;
        if (!u_isalnum(c)) {
            pending_space = any;
            continue;
        }
        int rc = 0;
        if (pending_space)
            rc = hr_buf_append(out, " ", 1);
        if (rc == 0)
            rc = append_code_point(out, c);
        if (rc != 0)
            return rc;
        pending_space = 0;
        any = 1;
    }
    return 0;
}

/* Converts UTF-8 to a malloc'd UTF-16 string. */
static int to_utf16(UChar **out, int32_t *out_len, const char *s, size_t len)
{
    *out = NULL;
    if (len >= INT32_MAX || !hr_text_is_utf8(s, len))
        return HR_EPARSE;
    UChar *utf16 = malloc((len + 1) * sizeof(UChar));
    if (utf16 == NULL)
        return HR_ENOMEM;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(utf16, (int32_t)len + 1, out_len, s, (int32_t)len, &status);
    if (U_FAILURE(status)) {
        free(utf16);
        return HR_EPARSE;
    }
    *out = utf16;
    return 0;
}

int hr_text_nfc(hr_buf *out, const char *s, size_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status))
        return HR_EINTERNAL;
    UChar *utf16 = NULL, *composed = NULL;
    int32_t n16 = 0, ncomposed = 0;
    int rc = to_utf16(&utf16, &n16, s, len);
    if (rc == 0)
        rc = normalize(&composed, &ncomposed, nfc, utf16, n16);
    int32_t bytes = 0;
    if (rc == 0) {
        u_strToUTF8(NULL, 0, &bytes, composed, ncomposed, &status);
        status = U_ZERO_ERROR;
        rc = hr_buf_reserve(out, (size_t)bytes);
    }
    if (rc == 0) {
        u_strToUTF8(out->data + out->len, bytes + 1, NULL, composed, ncomposed, &status);
        rc = U_FAILURE(status) ? HR_EINTERNAL : 0;
        if (rc == 0) {
            out->len += (size_t)bytes;
            out->data[out->len] = '\0';
        }
    }
    free(utf16);
    free(composed);
    return rc;
}

int hr_text_fold_key(hr_buf *out, const char *s, size_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status))
        return HR_EINTERNAL;
    UChar *utf16 = NULL, *folded = NULL, *decomposed = NULL;
    int32_t n16 = 0, nfolded = 0, ndecomposed = 0;
    int rc = to_utf16(&utf16, &n16, s, len);
    if (rc != 0 || (rc = normalize(&folded, &nfolded, casefold, utf16, n16)) != 0 ||
        (rc = normalize(&decomposed, &ndecomposed, nfd, folded, nfolded)) != 0)
        goto done;
    rc = emit_key(out, decomposed, ndecomposed);
done:
    free(utf16);
    free(folded);
    free(decomposed);
    return rc;
}

struct hr_collator {
    UCollator *ucol;
};

int hr_collator_open(hr_collator **out, hr_lang lang)
{
    *out = NULL;
    hr_collator *c = malloc(sizeof *c);
    if (c == NULL)
        return HR_ENOMEM;
    UErrorCode status = U_ZERO_ERROR;
    c->ucol = ucol_open(hr_lang_code(lang), &status);
    if (U_FAILURE(status)) {
        free(c);
        return HR_EINTERNAL;
    }
    *out = c;
    return 0;
}

void hr_collator_close(hr_collator *collator)
{
    if (collator == NULL)
        return;
    ucol_close(collator->ucol);
    free(collator);
}

int hr_collator_key(hr_buf *out, hr_collator *collator, const char *s)
{
    UChar *utf16 = NULL;
    int32_t n16 = 0;
    int rc = to_utf16(&utf16, &n16, s, strlen(s));
    hr_buf_reset(out);
    if (rc == 0) {
        int32_t need = ucol_getSortKey(collator->ucol, utf16, n16, NULL, 0);
        /* `need` counts the key's terminating zero, which hr_buf adds itself. */
        rc = need <= 0 ? HR_EINTERNAL : hr_buf_reserve(out, (size_t)need - 1);
        if (rc == 0) {
            ucol_getSortKey(collator->ucol, utf16, n16, (uint8_t *)out->data, need);
            out->len = (size_t)need - 1;
        }
    }
    free(utf16);
    return rc;
}
