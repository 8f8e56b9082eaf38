/*
 * The bounded growable buffer (see include/hrtrack/buf.h). Growth doubles
 * the capacity, capped at max + 1 for the terminator.
 */
#include "hrtrack/buf.h"
#include "hrtrack/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hr_buf_init(hr_buf *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
}

void hr_buf_free(hr_buf *buf)
{
    if (buf == NULL)
        return;
    free(buf->data);
    hr_buf_init(buf, buf->max);
}

void hr_buf_reset(hr_buf *buf)
{
    buf->len = 0;
    if (buf->data != NULL)
        buf->data[0] = '\0';
}

/* Makes room for `extra` more bytes plus the terminator. */
int hr_buf_reserve(hr_buf *buf, size_t extra)
{
    if (extra > buf->max - buf->len)
        return HR_ELIMIT;
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap)
        return 0;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (cap > buf->max + 1)
        cap = buf->max + 1;
    char *data = realloc(buf->data, cap);
    if (data == NULL)
        return HR_ENOMEM;
    buf->data = data;
    buf->cap = cap;
    return 0;
}

int hr_buf_append(hr_buf *buf, const void *bytes, size_t n)
{
    int rc = hr_buf_reserve(buf, n);
    if (rc != 0)
        return rc;
    if (n > 0)
        memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
    return 0;
}

int hr_buf_puts(hr_buf *buf, const char *s)
{
    return hr_buf_append(buf, s, strlen(s));
}

int hr_buf_vprintf(hr_buf *buf, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return HR_EINVAL;
    int rc = hr_buf_reserve(buf, (size_t)n);
    if (rc != 0)
        return rc;
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
    return 0;
}

int hr_buf_printf(hr_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = hr_buf_vprintf(buf, fmt, ap);
    va_end(ap);
    return rc;
}

const char *hr_buf_cstr(const hr_buf *buf)
{
    return buf->data ? buf->data : "";
}

char *hr_buf_steal(hr_buf *buf)
{
    char *s = buf->data;
    if (s == NULL) {
        s = malloc(1);
        if (s != NULL)
            s[0] = '\0';
    }
    hr_buf_init(buf, buf->max);
    return s;
}
