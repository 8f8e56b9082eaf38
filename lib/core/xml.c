/*
 * XML 1.0 escaping (see xml.h). The input is decoded as UTF-8 one code
 * point at a time, strictly (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), and each code point is written as itself, as an
 * entity reference, or as U+FFFD when XML 1.0 has no way to carry it.
 */
#include "hrtrack/xml.h"

#include "hrtrack/error.h"

#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"

/*
 * Decodes one code point at s[0..len), len > 0. Returns its length in
 * bytes and the code point in *cp, or 1 with *cp = 0xFFFD for a byte that
 * does not start a well-formed sequence.
 */
static size_t decode(unsigned *cp, const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, c &= 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return n;
}

/* Whether XML 1.0 allows code point `c` in a document (its Char production). */
static int xml_char(unsigned c)
{
    if (c < 0x20)
        return c == 0x9 || c == 0xA || c == 0xD;
    return c != 0xFFFE && c != 0xFFFF;
}

static const char *entity(unsigned c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&apos;";
    case '\r':
        return "&#13;";
    default:
        return NULL;
    }
}

int hr_xml_escape(hr_buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* bytes at p[i - run .. i) to copy as they are */
    size_t i = 0;
    int rc = 0;
    while (rc == 0 && i < len) {
        unsigned cp = 0;
        size_t n = decode(&cp, p + i, len - i);
        int bad = cp == 0xFFFD && !(n == 3 && memcmp(p + i, REPLACEMENT, 3) == 0);
        const char *ref = entity(cp);
        if (!bad && ref == NULL && xml_char(cp)) {
            run += n;
            i += n;
            continue;
        }
        rc = hr_buf_append(out, p + i - run, run);
        run = 0;
        if (rc == 0)
            rc = hr_buf_puts(out, ref != NULL ? ref : REPLACEMENT);
        i += n;
    }
    if (rc == 0)
        rc = hr_buf_append(out, p + i - run, run);
    return rc;
}

int hr_xml_escape_str(hr_buf *out, const char *s)
{
    return s == NULL ? 0 : hr_xml_escape(out, s, strlen(s));
}
