/*
 * HTML fragments to plain text (see hr_text_from_html in text.h). UHRI
 * publishes recommendation texts as small HTML fragments (<p>, <br/>,
 * &amp;, &#39;, &nbsp;); this is not a general HTML parser and does not try
 * to be: it removes markup and decodes references, which is all the texts
 * need, and it never fails on malformed markup.
 */
#include "hrtrack/error.h"
#include "hrtrack/text.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    unsigned code;
} named[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},     {"ndash", 0x2013}, {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},
    {"aacute", 0xE1},  {"eacute", 0xE9},  {"iacute", 0xED},   {"oacute", 0xF3},  {"uacute", 0xFA},
    {"Aacute", 0xC1},  {"Eacute", 0xC9},  {"Iacute", 0xCD},   {"Oacute", 0xD3},  {"Uacute", 0xDA},
    {"ntilde", 0xF1},  {"Ntilde", 0xD1},  {"ccedil", 0xE7},   {"Ccedil", 0xC7},  {"agrave", 0xE0},
    {"egrave", 0xE8},  {"ugrave", 0xF9},  {"acirc", 0xE2},    {"ecirc", 0xEA},   {"icirc", 0xEE},
    {"ocirc", 0xF4},   {"ucirc", 0xFB},   {"euml", 0xEB},     {"iuml", 0xEF},    {"ouml", 0xF6},
    {"uuml", 0xFC},    {"auml", 0xE4},    {"oelig", 0x153},   {"deg", 0xB0},     {"ordm", 0xBA},
    {"ordf", 0xAA},    {"iexcl", 0xA1},   {"iquest", 0xBF},   {"shy", 0},
};

typedef struct writer {
    hr_buf *out;
    int pending_space; /* a space is owed before the next visible character */
    int rc;
} writer;

static void put_bytes(writer *w, const char *bytes, size_t n)
{
    if (w->rc != 0 || n == 0)
        return;
    if (w->pending_space && w->out->len > 0)
        w->rc = hr_buf_append(w->out, " ", 1);
    w->pending_space = 0;
    if (w->rc == 0)
        w->rc = hr_buf_append(w->out, bytes, n);
}

static void put_space(writer *w)
{
    w->pending_space = 1;
}

static void put_code_point(writer *w, unsigned c)
{
    if (c == 0)
        return; /* soft hyphen and the like: invisible */
    if (c == ' ' || c == 0xA0) {
        put_space(w);
        return;
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    put_bytes(w, b, n);
}

/* Decodes the reference at s[0..len) (after '&', up to ';'); returns 1 if known. */
static int decode_reference(unsigned *out, const char *s, size_t len)
{
    if (len >= 2 && s[0] == '#') {
        int hex = s[1] == 'x' || s[1] == 'X';
        size_t i = hex ? 2 : 1;
        unsigned long value = 0;
        if (i == len || len - i > 8)
            return 0;
        for (; i < len; i++) {
            char c = s[i];
            unsigned digit;
            if (c >= '0' && c <= '9')
                digit = (unsigned)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                digit = (unsigned)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                digit = (unsigned)(c - 'A' + 10);
            else
                return 0;
            value = value * (hex ? 16u : 10u) + digit;
        }
        *out = value == 0 || value > 0x10FFFF ? 0xFFFD : (unsigned)value;
        return 1;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (strlen(named[i].name) == len && strncmp(named[i].name, s, len) == 0) {
            *out = named[i].code;
            return 1;
        }
    }
    return 0;
}

/* Handles "&...;" at s[i]; returns the number of bytes consumed. */
static size_t reference(writer *w, const char *s, size_t i, size_t len)
{
    size_t end = i + 1;
    while (end < len && end - i <= 10 && s[end] != ';' && s[end] != '&' && s[end] != '<' &&
           s[end] != ' ')
        end++;
    unsigned c = 0;
    if (end < len && s[end] == ';' && decode_reference(&c, s + i + 1, end - i - 1)) {
        put_code_point(w, c);
        return end - i + 1;
    }
    put_bytes(w, "&", 1); /* a lone ampersand is text */
    return 1;
}

/* Skips the tag at s[i] ('<'); the content of script and style goes too. */
static size_t tag(writer *w, const char *s, size_t i, size_t len)
{
    const char *close = memchr(s + i, '>', len - i);
    size_t end = close ? (size_t)(close - s) + 1 : len;
    /* Block-level and line-break tags separate words; inline ones do not. */
    static const char *const separating[] = {"p",  "br", "div", "li", "ul", "ol", "tr",   "td",
                                             "h1", "h2", "h3",  "h4", "h5", "h6", "table"};
    const char *name = s + i + 1 + (i + 1 < len && s[i + 1] == '/');
    size_t name_len = 0;
    while (name + name_len < s + end && ((name[name_len] >= 'a' && name[name_len] <= 'z') ||
                                         (name[name_len] >= 'A' && name[name_len] <= 'Z') ||
                                         (name[name_len] >= '0' && name[name_len] <= '9')))
        name_len++;
    for (size_t k = 0; k < sizeof separating / sizeof separating[0]; k++) {
        if (strlen(separating[k]) == name_len && strncasecmp(separating[k], name, name_len) == 0)
            put_space(w);
    }
    int opening = s[i + 1] != '/';
    if (opening && ((name_len == 6 && strncasecmp(name, "script", 6) == 0) ||
                    (name_len == 5 && strncasecmp(name, "style", 5) == 0))) {
        const char *stop = name_len == 6 ? "</script" : "</style";
        for (size_t k = end; k + strlen(stop) <= len; k++) {
            if (strncasecmp(s + k, stop, strlen(stop)) == 0) {
                const char *gt = memchr(s + k, '>', len - k);
                return (gt ? (size_t)(gt - s) + 1 : len) - i;
            }
        }
        return len - i;
    }
    return end - i;
}

int hr_text_from_html(hr_buf *out, const char *s, size_t len)
{
    if (!hr_text_is_utf8(s, len))
        return HR_EPARSE;
    hr_buf plain;
    hr_buf_init(&plain, out->max);
    writer w = {&plain, 0, 0};
    size_t i = 0;
    while (i < len && w.rc == 0) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<' && i + 1 < len &&
            (s[i + 1] == '/' || s[i + 1] == '!' || (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
             (s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) {
            i += tag(&w, s, i, len);
        } else if (c == '&') {
            i += reference(&w, s, i, len);
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            put_space(&w);
            i++;
        } else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            put_space(&w); /* U+00A0 no-break space */
            i += 2;
        } else {
            /* Input has no NUL (checked above), so strcspn stops within it. */
            size_t run = 1 + strcspn(s + i + 1, "<& \t\n\r\f\v\xC2");
            if (run > len - i)
                run = len - i;
            put_bytes(&w, s + i, run);
            i += run;
        }
    }
    int rc = w.rc;
    if (rc == 0)
        rc = hr_text_nfc(out, plain.data ? plain.data : "", plain.len);
    hr_buf_free(&plain);
    return rc;
}
