/*
 * The hashing, counting input stream (see source.h), built with glibc's
 * fopencookie so that every reader can keep using stdio.
 */
#define _GNU_SOURCE
#include "source.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct hr_source {
    FILE *raw;
    FILE *cooked;
    crypto_hash_sha256_state hash;
    uint64_t read;
    uint64_t size;
    int failed;
};

static ssize_t cookie_read(void *cookie, char *buf, size_t size)
{
    hr_source *s = cookie;
    size_t n = fread(buf, 1, size, s->raw);
    if (n < size && ferror(s->raw)) {
        s->failed = 1;
        errno = EIO;
        return -1;
    }
    crypto_hash_sha256_update(&s->hash, (const unsigned char *)buf, n);
    s->read += n;
    return (ssize_t)n;
}

static int cookie_close(void *cookie)
{
    hr_source *s = cookie;
    return fclose(s->raw);
}

int hr_source_open(hr_source **out, const char *path)
{
    *out = NULL;
    if (sodium_init() < 0)
        return HR_EINTERNAL;
    hr_source *s = calloc(1, sizeof *s);
    if (s == NULL)
        return HR_ENOMEM;
    s->raw = fopen(path, "rb");
    struct stat st;
    if (s->raw == NULL || fstat(fileno(s->raw), &st) != 0 || S_ISDIR(st.st_mode)) {
        hr_log_error("%s: cannot read (%s)", path, s->raw ? "a folder" : strerror(errno));
        if (s->raw != NULL)
            fclose(s->raw);
        free(s);
        return HR_EIO;
    }
    s->size = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
    crypto_hash_sha256_init(&s->hash);
    cookie_io_functions_t io = {.read = cookie_read, .close = cookie_close};
    s->cooked = fopencookie(s, "rb", io);
    if (s->cooked == NULL) {
        fclose(s->raw);
        free(s);
        return HR_ENOMEM;
    }
    *out = s;
    return 0;
}

FILE *hr_source_file(hr_source *source)
{
    return source->cooked;
}

uint64_t hr_source_read_bytes(const hr_source *source)
{
    return source->read;
}

uint64_t hr_source_size(const hr_source *source)
{
    return source->size;
}

int hr_source_failed(const hr_source *source)
{
    return source->failed;
}

int hr_source_finish(hr_source *source, char hex[HR_SHA256_HEX_LEN + 1])
{
    char rest[65536];
    while (fread(rest, 1, sizeof rest, source->cooked) > 0) {
    }
    if (source->failed)
        return HR_EIO;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&source->hash, digest);
    sodium_bin2hex(hex, HR_SHA256_HEX_LEN + 1, digest, sizeof digest);
    return 0;
}

void hr_source_close(hr_source *source)
{
    if (source == NULL)
        return;
    fclose(source->cooked);
    free(source);
}
