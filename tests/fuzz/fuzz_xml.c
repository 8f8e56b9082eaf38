/*
 * libFuzzer target for XML escaping (lib/core/xml.c), the one thing that
 * stands between text from people and the Atom feeds. Arbitrary bytes are
 * escaped, and the output is checked independently of the escaper:
 *   - it is well-formed UTF-8 holding only characters XML 1.0 allows, with
 *     no raw carriage return;
 *   - it holds no < > " ' at all, and every & starts one of the references
 *     the escaper writes (&amp; &lt; &gt; &quot; &apos; &#13;);
 *   - when the input was already clean (UTF-8 of XML characters only),
 *     resolving those references gives the input back byte for byte.
 *
 * scripts/fuzz-smoke builds it with every source of lib/core and lib/domain:
 *   scripts/fuzz-smoke 60 xml
 */
#include "hrtrack/buf.h"
#include "hrtrack/xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (of an XML 1.0 Char), or 0. */
static size_t xml_char_at(const unsigned char *s, size_t len)
{
    unsigned c = s[0], n, min;
    if (c < 0x80)
        return (c >= 0x20 || c == 0x9 || c == 0xA || c == 0xD) ? 1 : 0;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80, c &= 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800, c &= 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000, c &= 0x07;
    else
        return 0;
    if (len < n)
        return 0;
    for (unsigned i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
        return 0;
    return n;
}

static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;"};
static const char plain[] = "&<>\"'\r";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hr_buf out;
    hr_buf_init(&out, size * 6 + 16);
    if (hr_xml_escape(&out, (const char *)data, size) != 0)
        abort();
    const unsigned char *o = (const unsigned char *)(out.data ? out.data : "");
    size_t len = out.len;
    unsigned char *resolved = malloc(len + 1);
    size_t r = 0;
    for (size_t i = 0; i < len;) {
        size_t n = xml_char_at(o + i, len - i);
        if (n == 0 || o[i] == '\r' || o[i] == '<' || o[i] == '>' || o[i] == '"' || o[i] == '\'')
            abort();
        if (o[i] == '&') {
            size_t k = 0;
            while (k < 6 && strncmp((const char *)o + i, refs[k], strlen(refs[k])) != 0)
                k++;
            if (k == 6)
                abort();
            resolved[r++] = (unsigned char)plain[k];
            i += strlen(refs[k]);
            continue;
        }
        memcpy(resolved + r, o + i, n);
        r += n;
        i += n;
    }
    int clean = 1;
    for (size_t i = 0; clean && i < size;) {
        size_t n = xml_char_at(data + i, size - i);
        clean = n > 0;
        i += n;
    }
    if (clean && (r != size || memcmp(resolved, data, size) != 0))
        abort();
    free(resolved);
    hr_buf_free(&out);
    return 0;
}
