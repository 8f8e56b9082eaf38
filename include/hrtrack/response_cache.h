/*
 * A bounded in-memory cache of replies to public reads, for hrtrack-server
 * (server/http/cached.c decides what may be cached; this module only keeps
 * bytes).
 *
 * Each reply is kept under a key (hr_response_cache_key: the path, the
 * query parameters and whatever else the reply depends on) and the data
 * generation it was computed in (schema 0014: a number that grows with
 * every committed change). A lookup hits only when the generation it
 * brings is the entry's: once a newer generation has been seen, every
 * older entry is dropped, and replies computed in an older one are no
 * longer stored.
 *
 * Memory is bounded: every entry is charged its key, its body and its
 * bookkeeping, and the least recently used entries are evicted to keep the
 * total under the bound given at creation; a reply larger than an eighth
 * of the bound is never kept. All functions are safe to call from several
 * threads at once (one mutex, held only to copy bytes in or out).
 */
#ifndef HRTRACK_RESPONSE_CACHE_H
#define HRTRACK_RESPONSE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "hrtrack/buf.h"

typedef struct hr_response_cache hr_response_cache;

/* A kept reply: its body and the headers that go with it. */
typedef struct hr_cached_reply {
    char *body; /* malloc'd; owned by whoever holds the struct */
    size_t len;
    char etag[48];          /* the ETag header value, quotes included, or "" */
    char cache_control[64]; /* the Cache-Control header value, or "" */
} hr_cached_reply;

/* Counters since creation, and what is held now. */
typedef struct hr_response_cache_stats {
    uint64_t hits;
    uint64_t misses;
    uint64_t stores;
    uint64_t evictions; /* entries dropped for room, or because a newer generation came */
    size_t entries;
    size_t bytes; /* charged bytes held now, <= max_bytes */
    size_t max_bytes;
} hr_response_cache_stats;

/* A query parameter as the request gave it. */
typedef struct hr_cache_param {
    const char *name;
    const char *value; /* NULL for "?name" without "=", which differs from "?name=" */
} hr_cache_param;

/*
 * Creates a cache that holds at most `max_bytes` (at least 64 KiB).
 * Returns 0, HR_EPARAM for a smaller bound, or HR_ENOMEM.
 */
int hr_response_cache_new(hr_response_cache **out, size_t max_bytes);

/* Frees the cache and everything in it. NULL is fine. */
void hr_response_cache_free(hr_response_cache *cache);

/*
 * Writes into `key` (reset first) the key of a request: its `path`, its
 * parameters in a normal order (sorted by name; the values of a repeated
 * name keep the order given, since that order may matter) and `variant`
 * strings (the reply's language, the Accept header: anything else the
 * reply depends on). Every part is written with its length, and a NULL
 * value apart from "", so that no two different requests share a key.
 * params[] is reordered. Returns 0, or HR_ELIMIT/HR_ENOMEM from the buffer.
 */
int hr_response_cache_key(hr_buf *key, const char *path, hr_cache_param *params, size_t count,
                          const char *const *variant, size_t variant_count);

/*
 * Looks `key` up for `generation`. Returns 1 and a copy in *out (free
 * out->body) on a hit, 0 on a miss, HR_ENOMEM when the copy cannot be
 * made.
 */
int hr_response_cache_get(hr_cached_reply *out, hr_response_cache *cache, const hr_buf *key,
                          int64_t generation);

/*
 * Keeps a copy of `reply` under `key` for `generation`, in place of any
 * older entry of that key, evicting the least recently used entries for
 * room. Returns 1 when stored, 0 when not (too large, or an older
 * generation than one already seen), HR_ENOMEM.
 */
int hr_response_cache_put(hr_response_cache *cache, const hr_buf *key, int64_t generation,
                          const hr_cached_reply *reply);

/* Fills *out with the counters. */
void hr_response_cache_stats_get(hr_response_cache_stats *out, hr_response_cache *cache);

#endif
