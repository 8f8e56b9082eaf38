/*
 * The web interface's files (web/): which URL path names which file, with
 * what media type, and their bytes, plain or gzip-compressed, with an
 * ETag. No libmicrohttpd type appears here, so that the path rules are
 * unit-tested on their own; server.c sends what this module finds.
 *
 * Only regular files under the root are served, reached through no
 * symbolic link that leads outside it, with an extension of a fixed table
 * (anything else is "not found"); no segment may start with a dot, so
 * "..", "." and hidden files are never reached. Files are read once and
 * kept in memory (with their gzip form for text types) up to a bound;
 * a file changed on disk is read again, so that editing a page needs no
 * restart.
 */
#ifndef HRTRACK_SERVER_STATIC_FILES_H
#define HRTRACK_SERVER_STATIC_FILES_H

#include <stddef.h>

typedef struct hr_static hr_static;

/* The largest file served, and the default memory bound of the cache. */
#define HR_STATIC_FILE_MAX  (4u * 1024u * 1024u)
#define HR_STATIC_CACHE_MAX (32u * 1024u * 1024u)

/*
 * Opens the folder `root` (which must exist) for serving, with a cache
 * of at most `cache_max` bytes (0: HR_STATIC_CACHE_MAX). Returns 0, HR_EIO
 * (no such folder; logged) or HR_ENOMEM.
 */
int hr_static_new(hr_static **out, const char *root, size_t cache_max);

/* Frees the cache. NULL is fine. */
void hr_static_free(hr_static *s);

/*
 * The relative file name that the decoded URL `path` names: "/" and any
 * path ending in "/" name the folder's index.html. Returns 0, or
 * HR_ENOTFOUND for a path that could not name a file we serve (a ".."
 * or hidden segment, an empty segment, a backslash, a control byte, no
 * known extension, too long). Pure.
 */
int hr_static_relative(char *out, size_t size, const char *path);

/* The media type of a file name from the fixed table, or NULL. Pure. */
const char *hr_static_media_type(const char *name);

/* Whether an Accept-Encoding value (NULL when absent) accepts gzip. Pure. */
int hr_static_accepts_gzip(const char *accept_encoding);

typedef struct hr_static_file {
    void *data;             /* malloc'd copy of the body, the caller frees; NULL if not_modified */
    size_t len;             /* its length */
    const char *media_type; /* static storage */
    int gzip;               /* data is gzip-compressed (Content-Encoding: gzip) */
    int not_modified;       /* the client's If-None-Match named this version: answer 304 */
    char etag[40];          /* the ETag of this version and encoding */
} hr_static_file;

/*
 * Finds the file that URL `path` names. `gzip`: the client accepts gzip;
 * `if_none_match`: its If-None-Match header or NULL. Returns 0 and fills
 * `out`, HR_ENOTFOUND (no such file, or one not to serve), HR_ELIMIT (over
 * HR_STATIC_FILE_MAX), HR_EIO or HR_ENOMEM. Thread-safe.
 */
int hr_static_get(hr_static_file *out, hr_static *s, const char *path, int gzip,
                  const char *if_none_match);

#endif
