/*
 * The web interface's files (see static_files.h): path rules, the media
 * type table, gzip, ETags and a bounded in-memory cache.
 *
 * A request resolves its path with realpath() and checks that the result
 * is still under the root (so a symbolic link cannot lead out), opens that
 * resolved name without following a link, and accepts only a regular
 * file. The cache is keyed by the relative name and remembers the file's
 * device, inode, size and modification time, so that a changed file is
 * read again; replies get a copy made under the lock, so that an entry
 * can be replaced while another thread sends the old version.
 */
#include "static_files.h"

#include "reply.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define RELATIVE_MAX 256

typedef struct media_type {
    const char *extension;
    const char *type;
    int text; /* worth compressing */
} media_type;

/* The only files served: a file of another extension is "not found". */
static const media_type media_types[] = {
    {"html", "text/html; charset=utf-8", 1},
    {"css", "text/css; charset=utf-8", 1},
    {"js", "text/javascript; charset=utf-8", 1},
    {"mjs", "text/javascript; charset=utf-8", 1},
    {"json", "application/json; charset=utf-8", 1},
    {"svg", "image/svg+xml", 1},
    {"txt", "text/plain; charset=utf-8", 1},
    {"webmanifest", "application/manifest+json", 1},
    {"png", "image/png", 0},
    {"ico", "image/x-icon", 0},
    {"woff2", "font/woff2", 0},
};

typedef struct entry {
    struct entry *next;
    char name[RELATIVE_MAX];
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    const media_type *media;
    unsigned char *plain;
    size_t plain_len;
    unsigned char *gz; /* NULL when compression does not pay */
    size_t gz_len;
    char etag[32]; /* "\"<size>-<hash>\"", the gzip form adds "-gz" inside the quotes */
} entry;

struct hr_static {
    char *root; /* realpath of the folder */
    size_t root_len;
    size_t cache_max;
    size_t cached; /* bytes held by the entries */
    entry *entries;
    pthread_mutex_t lock;
};

static const media_type *find_media(const char *name)
{
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (dot == NULL || (slash != NULL && dot < slash))
        return NULL;
    for (size_t i = 0; i < sizeof media_types / sizeof media_types[0]; i++) {
        if (strcmp(dot + 1, media_types[i].extension) == 0)
            return &media_types[i];
    }
    return NULL;
}

const char *hr_static_media_type(const char *name)
{
    const media_type *m = find_media(name);
    return m ? m->type : NULL;
}

static int allowed_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/';
}

/* A segment may not be empty (a//b) nor start with a dot (.., ., .git). */
static int segments_ok(const char *rel)
{
    const char *s = rel;
    for (;;) {
        size_t n = strcspn(s, "/");
        if (n == 0 || s[0] == '.')
            return 0;
        if (s[n] == '\0')
            return 1;
        s += n + 1;
    }
}

int hr_static_relative(char *out, size_t size, const char *path)
{
    if (path == NULL || path[0] != '/')
        return HR_ENOTFOUND;
    const char *rel = path + 1;
    size_t len = strlen(rel);
    for (size_t i = 0; i < len; i++) {
        if (!allowed_byte(rel[i]))
            return HR_ENOTFOUND;
    }
    const char *index = (len == 0 || rel[len - 1] == '/') ? "index.html" : "";
    int n = snprintf(out, size, "%s%s", rel, index);
    if (n < 0 || (size_t)n >= size || !segments_ok(out) || find_media(out) == NULL)
        return HR_ENOTFOUND;
    return 0;
}

/* "0", "0.", "0.0", "0.000": a q-value that refuses. */
static int q_is_zero(const char *q, size_t n)
{
    if (n == 0 || q[0] != '0')
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (!(q[i] == '0' || (i == 1 && q[i] == '.')))
            return 0;
    }
    return 1;
}

/* The q of one Accept-Encoding element ("gzip;q=0.5"): 0 refuses, 1 accepts. */
static int element_accepts(const char *params, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if ((params[i] == 'q' || params[i] == 'Q') && params[i + 1] == '=') {
            size_t start = i + 2;
            size_t end = start;
            while (end < n && params[end] != ';' && params[end] != ' ' && params[end] != '\t')
                end++;
            return !q_is_zero(params + start, end - start);
        }
    }
    return 1;
}

int hr_static_accepts_gzip(const char *accept_encoding)
{
    int gzip = -1, star = -1;
    const char *p = accept_encoding;
    while (p != NULL && *p != '\0') {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, ",");
        size_t name = strcspn(p, " \t;,");
        int accepts = element_accepts(p + name, n - name);
        if ((name == 4 && strncasecmp(p, "gzip", 4) == 0) ||
            (name == 6 && strncasecmp(p, "x-gzip", 6) == 0))
            gzip = accepts;
        else if (name == 1 && p[0] == '*')
            star = accepts;
        p += n;
    }
    return gzip >= 0 ? gzip : star > 0;
}

int hr_static_new(hr_static **out, const char *root, size_t cache_max)
{
    *out = NULL;
    char *real = realpath(root, NULL);
    struct stat st;
    if (real == NULL || stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
        hr_log_error("the web folder \"%s\" cannot be served (%s); set HRTRACK_WEB_DIR", root,
                     real == NULL ? strerror(errno) : "not a folder");
        free(real);
        return HR_EIO;
    }
    hr_static *s = calloc(1, sizeof *s);
    if (s == NULL || pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        free(real);
        return HR_ENOMEM;
    }
    s->root = real;
    s->root_len = strlen(real);
    s->cache_max = cache_max > 0 ? cache_max : HR_STATIC_CACHE_MAX;
    *out = s;
    return 0;
}

static void entry_free(entry *e)
{
    if (e == NULL)
        return;
    free(e->plain);
    free(e->gz);
    free(e);
}

void hr_static_free(hr_static *s)
{
    if (s == NULL)
        return;
    for (entry *e = s->entries, *next = NULL; e != NULL; e = next) {
        next = e->next;
        entry_free(e);
    }
    pthread_mutex_destroy(&s->lock);
    free(s->root);
    free(s);
}

/*
 * Opens the file `rel` names, if it is a regular file under the root.
 * Returns an open descriptor with its stat, or -1 with *err set.
 */
static int open_under_root(struct stat *st, int *err, const hr_static *s, const char *rel)
{
    char full[RELATIVE_MAX + 4096];
    int n = snprintf(full, sizeof full, "%s/%s", s->root, rel);
    char *real = (n > 0 && (size_t)n < sizeof full) ? realpath(full, NULL) : NULL;
    *err = HR_ENOTFOUND;
    if (real == NULL)
        return -1;
    int fd = -1;
    if (strncmp(real, s->root, s->root_len) == 0 && real[s->root_len] == '/')
        fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    free(real);
    if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
        close(fd);
        fd = -1;
    }
    if (fd >= 0 && (uint64_t)st->st_size > HR_STATIC_FILE_MAX) {
        close(fd);
        fd = -1;
        *err = HR_ELIMIT;
    }
    return fd;
}

static int read_all(unsigned char **out, size_t len, int fd)
{
    unsigned char *data = malloc(len > 0 ? len : 1);
    if (data == NULL)
        return HR_ENOMEM;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, data + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            free(data);
            return HR_EIO;
        }
        got += (size_t)n;
    }
    *out = data;
    return 0;
}

/* gzip of `len` bytes, or NULL when it is not smaller (or out of memory). */
static unsigned char *gzip_bytes(size_t *out_len, const unsigned char *data, size_t len)
{
    z_stream z = {0};
    /* 15 + 16: a gzip header and trailer instead of zlib's. */
    if (len < 128 || deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong bound = deflateBound(&z, (uLong)len) + 32;
    unsigned char *gz = malloc(bound);
    if (gz != NULL) {
        z.next_in = (Bytef *)(uintptr_t)data;
        z.avail_in = (uInt)len;
        z.next_out = gz;
        z.avail_out = (uInt)bound;
        if (deflate(&z, Z_FINISH) != Z_STREAM_END || z.total_out >= len) {
            free(gz);
            gz = NULL;
        }
    }
    *out_len = gz ? (size_t)z.total_out : 0;
    deflateEnd(&z);
    return gz;
}

/* FNV-1a, 64 bits: a validator for caches, not a defence against anyone. */
static uint64_t fnv1a(const unsigned char *data, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++) {
        h ^= data[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static int entry_matches(const entry *e, const char *rel, const struct stat *st)
{
    return strcmp(e->name, rel) == 0 && e->dev == st->st_dev && e->ino == st->st_ino &&
           e->size == st->st_size && e->mtime.tv_sec == st->st_mtim.tv_sec &&
           e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Reads and prepares a file into a new entry (not yet in the cache). */
static int entry_load(entry **out, const char *rel, int fd, const struct stat *st)
{
    entry *e = calloc(1, sizeof *e);
    if (e == NULL)
        return HR_ENOMEM;
    snprintf(e->name, sizeof e->name, "%s", rel);
    e->dev = st->st_dev;
    e->ino = st->st_ino;
    e->size = st->st_size;
    e->mtime = st->st_mtim;
    e->media = find_media(rel);
    e->plain_len = (size_t)st->st_size;
    int rc = read_all(&e->plain, e->plain_len, fd);
    if (rc != 0) {
        free(e);
        return rc;
    }
    if (e->media->text)
        e->gz = gzip_bytes(&e->gz_len, e->plain, e->plain_len);
    snprintf(e->etag, sizeof e->etag, "\"%zx-%016llx\"", e->plain_len,
             (unsigned long long)fnv1a(e->plain, e->plain_len));
    *out = e;
    return 0;
}

/* Fills `out` from `e`: a copy of the bytes in the wanted encoding, or 304. */
static int entry_reply(hr_static_file *out, const entry *e, int gzip, const char *if_none_match)
{
    int use_gz = gzip && e->gz != NULL;
    out->media_type = e->media->type;
    out->gzip = use_gz;
    if (use_gz)
        snprintf(out->etag, sizeof out->etag, "%.*s-gz\"", (int)strlen(e->etag) - 1, e->etag);
    else
        snprintf(out->etag, sizeof out->etag, "%s", e->etag);
    if (hr_etag_match(if_none_match, out->etag)) {
        out->not_modified = 1;
        return 0;
    }
    const unsigned char *bytes = use_gz ? e->gz : e->plain;
    out->len = use_gz ? e->gz_len : e->plain_len;
    out->data = malloc(out->len > 0 ? out->len : 1);
    if (out->data == NULL)
        return HR_ENOMEM;
    memcpy(out->data, bytes, out->len);
    return 0;
}

/* Under the lock: the cached entry for `rel` if still current, else NULL. */
static entry *cache_find(hr_static *s, const char *rel, const struct stat *st)
{
    for (entry *e = s->entries; e != NULL; e = e->next) {
        if (entry_matches(e, rel, st))
            return e;
    }
    return NULL;
}

/* Under the lock: drops an older version of `rel`, keeps `e` if it fits. */
static int cache_put(hr_static *s, entry *e)
{
    for (entry **p = &s->entries; *p != NULL; p = &(*p)->next) {
        if (strcmp((*p)->name, e->name) == 0) {
            entry *old = *p;
            *p = old->next;
            s->cached -= old->plain_len + old->gz_len;
            entry_free(old);
            break;
        }
    }
    size_t bytes = e->plain_len + e->gz_len;
    if (bytes > s->cache_max - s->cached)
        return 0;
    e->next = s->entries;
    s->entries = e;
    s->cached += bytes;
    return 1;
}

int hr_static_get(hr_static_file *out, hr_static *s, const char *path, int gzip,
                  const char *if_none_match)
{
    memset(out, 0, sizeof *out);
    char rel[RELATIVE_MAX];
    int rc = hr_static_relative(rel, sizeof rel, path);
    if (rc != 0)
        return rc;
    struct stat st;
    int fd = open_under_root(&st, &rc, s, rel);
    if (fd < 0)
        return rc;
    pthread_mutex_lock(&s->lock);
    entry *e = cache_find(s, rel, &st);
    if (e != NULL)
        rc = entry_reply(out, e, gzip, if_none_match);
    pthread_mutex_unlock(&s->lock);
    if (e != NULL) {
        close(fd);
        return rc;
    }
    rc = entry_load(&e, rel, fd, &st);
    close(fd);
    if (rc != 0)
        return rc;
    rc = entry_reply(out, e, gzip, if_none_match);
    pthread_mutex_lock(&s->lock);
    int kept = cache_put(s, e);
    pthread_mutex_unlock(&s->lock);
    if (!kept)
        entry_free(e);
    return rc;
}
