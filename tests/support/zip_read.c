/* A ZIP member reader for the tests (see zip_read.h). Stored and deflated members only. */
#include "zip_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static char *inflate_member(const unsigned char *data, size_t size, size_t plain, int method)
{
    char *out = malloc(plain + 1);
    if (out == NULL)
        return NULL;
    if (method == 0) {
        if (size != plain) {
            free(out);
            return NULL;
        }
        memcpy(out, data, size);
    } else {
        z_stream z = {0};
        if (inflateInit2(&z, -15) != Z_OK) {
            free(out);
            return NULL;
        }
        z.next_in = (unsigned char *)(uintptr_t)data;
        z.avail_in = (uInt)size;
        z.next_out = (unsigned char *)out;
        z.avail_out = (uInt)plain;
        int rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if (rc != Z_STREAM_END || z.total_out != plain) {
            free(out);
            return NULL;
        }
    }
    out[plain] = '\0';
    return out;
}

char *zip_read_member(const unsigned char *zip, size_t len, const char *name, size_t *out_len)
{
    /* The end-of-central-directory record: its signature, searched from the end. */
    size_t eocd = len >= 22 ? len - 22 : 0;
    while (eocd > 0 && u32(zip + eocd) != 0x06054b50)
        eocd--;
    if (len < 22 || u32(zip + eocd) != 0x06054b50)
        return NULL;
    size_t entries = u16(zip + eocd + 10);
    size_t at = u32(zip + eocd + 16);
    for (size_t i = 0; i < entries && at + 46 <= len; i++) {
        if (u32(zip + at) != 0x02014b50)
            return NULL;
        int method = u16(zip + at + 10);
        size_t size = u32(zip + at + 20), plain = u32(zip + at + 24);
        size_t name_len = u16(zip + at + 28), extra = u16(zip + at + 30);
        size_t comment = u16(zip + at + 32), local = u32(zip + at + 42);
        if (name_len == strlen(name) && memcmp(zip + at + 46, name, name_len) == 0) {
            if (local + 30 > len || u32(zip + local) != 0x04034b50)
                return NULL;
            size_t data = local + 30 + u16(zip + local + 26) + u16(zip + local + 28);
            if (data + size > len)
                return NULL;
            *out_len = plain;
            return inflate_member(zip + data, size, plain, method);
        }
        at += 46 + name_len + extra + comment;
    }
    return NULL;
}
