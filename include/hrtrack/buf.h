/*
 * A growable byte buffer with a hard upper bound.
 *
 * Every buffer fed by a client or a file is one of these, so that input can
 * never make memory grow without limit: appending past `max` fails with
 * HR_ELIMIT and leaves the buffer as it was. The contents are always
 * NUL-terminated (the terminator is not counted in `len`).
 */
#ifndef HRTRACK_BUF_H
#define HRTRACK_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct hr_buf {
    char *data; /* NULL until the first append; then NUL-terminated */
    size_t len; /* bytes used, without the terminator */
    size_t cap; /* bytes allocated */
    size_t max; /* most bytes `len` may reach */
} hr_buf;

/* Prepares an empty buffer that may hold up to `max` bytes. Allocates nothing. */
void hr_buf_init(hr_buf *buf, size_t max);

/* Frees the contents and leaves an empty buffer with the same limit. NULL is fine. */
void hr_buf_free(hr_buf *buf);

/* Empties the buffer, keeping its memory. */
void hr_buf_reset(hr_buf *buf);

/*
 * Makes room for `extra` more bytes after `len` (plus the terminator), so
 * that a producer can write into data + len directly. Returns 0, HR_ELIMIT
 * when len + extra would pass `max`, or HR_ENOMEM.
 */
int hr_buf_reserve(hr_buf *buf, size_t extra);

/* Appends `n` bytes. Returns 0, HR_ELIMIT past `max`, or HR_ENOMEM. */
int hr_buf_append(hr_buf *buf, const void *bytes, size_t n);

/* Appends a NUL-terminated string. Same returns as hr_buf_append. */
int hr_buf_puts(hr_buf *buf, const char *s);

/* Appends formatted text (printf rules). Same returns as hr_buf_append. */
int hr_buf_printf(hr_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* As hr_buf_printf with a va_list. */
int hr_buf_vprintf(hr_buf *buf, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* The contents as a C string: "" when nothing was appended. Owned by `buf`. */
const char *hr_buf_cstr(const hr_buf *buf);

/*
 * Hands the contents over to the caller (free with free()) and leaves the
 * buffer empty. Returns NULL only when memory runs out.
 */
char *hr_buf_steal(hr_buf *buf);

#endif
