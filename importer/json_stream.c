/*
 * Streaming splitter of a top-level JSON array (see json_stream.h).
 *
 * The file is read into one buffer of element_max + chunk_size bytes. While
 * an object is being scanned its bytes stay in the buffer from its '{'; when
 * the scan reaches the end of the data, the partial object is moved to the
 * front and the next chunk is read after it. An object that grows past
 * element_max stops being kept and is only scanned to its end, so memory
 * never depends on the input.
 *
 * Speed comes from never looking at a byte through a function call: inside
 * strings, which are most of the bytes, memchr() finds the closing quote and
 * any backslash before it; between strings a table lookup loop finds the next
 * quote or bracket. The per-byte state machine runs only between elements.
 */
#include "json_stream.h"

#include "hrtrack/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum state {
    ST_START,   /* before the '[' */
    ST_FIRST,   /* after '[': an element or ']' */
    ST_BEFORE,  /* after ',': an element */
    ST_ELEMENT, /* inside an object, an array or a string element */
    ST_BARE,    /* inside a number, true, false or null element */
    ST_AFTER,   /* after an element: ',' or ']' */
    ST_END,     /* after ']': whitespace only */
};

struct hr_json_stream {
    FILE *f;
    char *buf;
    size_t chunk_size, element_max;
    size_t start;  /* buf index of the element being kept */
    size_t pos;    /* buf index of the next byte to scan */
    size_t end;    /* buf index after the last byte read */
    uint64_t base; /* file offset of buf[0] */
    uint64_t bytes_read;
    enum state state;
    int ran;
    /* the element being scanned */
    size_t index;
    uint64_t offset;
    unsigned depth;
    uint64_t stack; /* bit d is set when nesting level d + 1 is an array */
    int in_string, escape, is_object, keeping;
    /* the run's callbacks */
    hr_json_stream_element_fn on_element;
    hr_json_stream_reject_fn on_reject;
    void *ctx;
    hr_json_stream_error *err;
};

/* The bytes that matter inside an element, outside strings. */
static const unsigned char structural[256] = {
    ['"'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1};

/* The bytes that end a number or a literal. */
static const unsigned char delimiter[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [','] = 1,
    [']'] = 1, ['['] = 1,  ['{'] = 1,  ['}'] = 1,  ['"'] = 1};

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static uint64_t file_offset(const hr_json_stream *s, size_t at)
{
    return s->base + at;
}

/* Fills the error (when wanted) and returns `rc`. */
static int fail(hr_json_stream *s, int rc, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(hr_json_stream *s, int rc, uint64_t offset, const char *fmt, ...)
{
    if (s->err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        s->err->offset = offset;
        vsnprintf(s->err->reason, sizeof s->err->reason, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* A byte as the error messages show it: 'x' when printable, else 0xNN. */
static const char *show(char *out, size_t size, unsigned char c)
{
    if (c >= 0x20 && c < 0x7f)
        snprintf(out, size, "'%c'", c);
    else
        snprintf(out, size, "byte 0x%02x", c);
    return out;
}

int hr_json_stream_new(hr_json_stream **out, FILE *f, size_t chunk_size, size_t element_max)
{
    *out = NULL;
    if (chunk_size == 0)
        chunk_size = HR_JSON_STREAM_CHUNK_DEFAULT;
    if (element_max == 0)
        element_max = HR_JSON_STREAM_ELEMENT_MAX_DEFAULT;
    if (f == NULL || element_max > SIZE_MAX - chunk_size)
        return HR_EINVAL;
    hr_json_stream *s = calloc(1, sizeof *s);
    if (s == NULL)
        return HR_ENOMEM;
    s->buf = malloc(element_max + chunk_size);
    if (s->buf == NULL) {
        hr_json_stream_free(s);
        return HR_ENOMEM;
    }
    s->f = f;
    s->chunk_size = chunk_size;
    s->element_max = element_max;
    s->state = ST_START;
    *out = s;
    return 0;
}

void hr_json_stream_free(hr_json_stream *s)
{
    if (s == NULL)
        return;
    free(s->buf);
    free(s);
}

uint64_t hr_json_stream_bytes_read(const hr_json_stream *s)
{
    return s->bytes_read;
}

size_t hr_json_stream_count(const hr_json_stream *s)
{
    return s->index;
}

/*
 * Reads the next chunk. The element being kept, if any, moves to the front
 * first; one that has outgrown element_max is dropped and only scanned from
 * now on. At end of file pos == end afterwards.
 */
static int refill(hr_json_stream *s)
{
    size_t keep = 0;
    if (s->keeping) {
        keep = s->end - s->start;
        if (keep > s->element_max) {
            s->keeping = 0;
            keep = 0;
        }
    }
    if (keep > 0 && s->start > 0)
        memmove(s->buf, s->buf + s->start, keep);
    s->base += s->end - keep;
    s->start = 0;
    s->pos = keep;
    s->end = keep;
    size_t n = fread(s->buf + keep, 1, s->chunk_size, s->f);
    if (n == 0 && ferror(s->f))
        return fail(s, HR_EIO, s->base + keep, "read error");
    s->end += n;
    s->bytes_read += n;
    return 0;
}

/* Skips a UTF-8 byte order mark at the very start of the file. */
static int skip_bom(hr_json_stream *s)
{
    size_t n = fread(s->buf, 1, 3, s->f);
    if (n == 0 && ferror(s->f))
        return fail(s, HR_EIO, 0, "read error");
    s->bytes_read = n;
    s->end = n;
    if (n == 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0) {
        s->base = 3;
        s->end = 0;
    }
    return 0;
}

/* Hands a finished element to the right callback; `at` is the buf index after it. */
static int finish(hr_json_stream *s, size_t at)
{
    uint64_t len = file_offset(s, at) - s->offset;
    int rc = 0;
    if (s->is_object && s->keeping && len <= s->element_max) {
        rc = s->on_element(s->ctx, s->buf + s->start, (size_t)len, s->index, s->offset);
    } else {
        hr_json_stream_reject why =
            s->is_object ? HR_JSON_STREAM_TOO_LARGE : HR_JSON_STREAM_NOT_OBJECT;
        if (s->on_reject != NULL)
            rc = s->on_reject(s->ctx, why, s->index, s->offset, len);
        else if (why == HR_JSON_STREAM_TOO_LARGE)
            rc = fail(s, HR_ELIMIT, s->offset, "element %zu is %llu bytes, more than %zu", s->index,
                      (unsigned long long)len, s->element_max);
        else
            rc = fail(s, HR_EPARSE, s->offset, "element %zu is not an object", s->index);
    }
    s->index++;
    s->keeping = 0;
    s->state = ST_AFTER;
    return rc;
}

/*
 * Moves *pp past the rest of a string. Leaves in_string set when the data
 * ends first (escape says whether it ended just after a backslash).
 */
static void skip_string(hr_json_stream *s, const char **pp, const char *e)
{
    const char *p = *pp;
    if (s->escape) {
        if (p == e)
            return;
        p++;
        s->escape = 0;
    }
    const char *quote = memchr(p, '"', (size_t)(e - p));
    for (;;) {
        const char *limit = quote != NULL ? quote : e;
        const char *bs = memchr(p, '\\', (size_t)(limit - p));
        if (bs == NULL)
            break;
        if (bs + 1 == e) {
            s->escape = 1;
            *pp = e;
            return;
        }
        p = bs + 2;
        if (quote != NULL && p > quote) /* that quote was escaped */
            quote = memchr(p, '"', (size_t)(e - p));
    }
    if (quote == NULL) {
        *pp = e;
        return;
    }
    s->in_string = 0;
    *pp = quote + 1;
}

/* Handles one bracket inside an element. Returns 1 when it closed the element. */
static int bracket(hr_json_stream *s, const char *p)
{
    char c = *p;
    if (c == '{' || c == '[') {
        if (s->depth == HR_JSON_STREAM_DEPTH_MAX)
            return fail(s, HR_EPARSE, file_offset(s, (size_t)(p - s->buf)),
                        "element %zu nests deeper than %d levels", s->index,
                        HR_JSON_STREAM_DEPTH_MAX);
        if (c == '[')
            s->stack |= (uint64_t)1 << s->depth;
        else
            s->stack &= ~((uint64_t)1 << s->depth);
        s->depth++;
        return 0;
    }
    s->depth--;
    int is_array = (int)((s->stack >> s->depth) & 1);
    if (is_array != (c == ']'))
        return fail(s, HR_EPARSE, file_offset(s, (size_t)(p - s->buf)),
                    "'%c' closes a '%c' in element %zu", c, is_array ? '[' : '{', s->index);
    return s->depth == 0;
}

/* Scans an object, array or string element as far as the data goes. */
static int scan_element(hr_json_stream *s)
{
    const char *p = s->buf + s->pos, *e = s->buf + s->end;
    int rc = 0;
    for (;;) {
        if (s->in_string) {
            skip_string(s, &p, e);
            if (s->in_string)
                break;
            if (s->depth == 0) {
                rc = finish(s, (size_t)(p - s->buf));
                break;
            }
        }
        while (p < e && !structural[(unsigned char)*p])
            p++;
        if (p == e)
            break;
        if (*p == '"') {
            s->in_string = 1;
            p++;
            continue;
        }
        rc = bracket(s, p++);
        if (rc == 1) {
            rc = finish(s, (size_t)(p - s->buf));
            break;
        }
        if (rc < 0)
            break;
    }
    s->pos = (size_t)(p - s->buf);
    return rc;
}

/* Scans a number or literal element; its delimiter is left for ST_AFTER. */
static int scan_bare(hr_json_stream *s)
{
    const char *p = s->buf + s->pos, *e = s->buf + s->end;
    while (p < e && !delimiter[(unsigned char)*p])
        p++;
    s->pos = (size_t)(p - s->buf);
    return p < e ? finish(s, s->pos) : 0;
}

/* Starts the element whose first byte is at buf[at]. */
static int begin_element(hr_json_stream *s, size_t at)
{
    unsigned char c = (unsigned char)s->buf[at];
    char shown[16];
    s->start = at;
    s->offset = file_offset(s, at);
    s->pos = at + 1;
    s->depth = 0;
    s->in_string = 0;
    s->escape = 0;
    s->is_object = c == '{';
    s->keeping = s->is_object;
    s->state = ST_ELEMENT;
    if (c == '{' || c == '[') {
        s->stack = c == '[';
        s->depth = 1;
    } else if (c == '"') {
        s->in_string = 1;
    } else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
        s->state = ST_BARE;
    } else if (c == ']') {
        return fail(s, HR_EPARSE, s->offset, "a comma before ']' (after element %zu)",
                    s->index - 1);
    } else {
        return fail(s, HR_EPARSE, s->offset, "%s where element %zu should start",
                    show(shown, sizeof shown, c), s->index);
    }
    return 0;
}

/* One step between elements: whitespace, then the next byte that matters. */
static int step_between(hr_json_stream *s)
{
    size_t at = s->pos;
    while (at < s->end && is_space((unsigned char)s->buf[at]))
        at++;
    s->pos = at;
    if (at == s->end)
        return 0;
    unsigned char c = (unsigned char)s->buf[at];
    uint64_t offset = file_offset(s, at);
    char shown[16];
    switch (s->state) {
    case ST_START:
        if (c != '[')
            return fail(s, HR_EPARSE, offset, "not a JSON array: %s where '[' should start it",
                        show(shown, sizeof shown, c));
        s->state = ST_FIRST;
        break;
    case ST_FIRST:
        if (c == ']') {
            s->state = ST_END;
            break;
        }
        return begin_element(s, at);
    case ST_BEFORE:
        return begin_element(s, at);
    case ST_AFTER:
        if (c == ',')
            s->state = ST_BEFORE;
        else if (c == ']')
            s->state = ST_END;
        else
            return fail(s, HR_EPARSE, offset, "%s after element %zu where ',' or ']' should be",
                        show(shown, sizeof shown, c), s->index - 1);
        break;
    default:
        return fail(s, HR_EPARSE, offset, "%s after the closing ']'", show(shown, sizeof shown, c));
    }
    s->pos = at + 1;
    return 0;
}

/* The end of the file: fine only after ']'. */
static int at_eof(hr_json_stream *s)
{
    uint64_t offset = file_offset(s, s->end);
    switch (s->state) {
    case ST_END:
        return 0;
    case ST_START:
        return fail(s, HR_EPARSE, offset, "empty file: a JSON array '[' was expected");
    case ST_ELEMENT:
        return fail(s, HR_EPARSE, offset,
                    "the file ends inside %selement %zu, which starts at byte %llu",
                    s->in_string ? "a string in " : "", s->index, (unsigned long long)s->offset);
    default:
        return fail(s, HR_EPARSE, offset, "the file ends before the closing ']' (%zu elements)",
                    s->index);
    }
}

int hr_json_stream_run(hr_json_stream *s, hr_json_stream_element_fn on_element,
                       hr_json_stream_reject_fn on_reject, void *ctx, hr_json_stream_error *err)
{
    if (s->ran || on_element == NULL)
        return HR_EINVAL;
    s->ran = 1;
    s->on_element = on_element;
    s->on_reject = on_reject;
    s->ctx = ctx;
    s->err = err;
    int rc = skip_bom(s);
    while (rc == 0) {
        if (s->pos == s->end) {
            rc = refill(s);
            if (rc == 0 && s->pos == s->end) {
                rc = at_eof(s);
                break;
            }
            continue;
        }
        if (s->state == ST_ELEMENT)
            rc = scan_element(s);
        else if (s->state == ST_BARE)
            rc = scan_bare(s);
        else
            rc = step_between(s);
    }
    s->err = NULL;
    return rc;
}
