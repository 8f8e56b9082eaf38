/*
 * The response cache (see include/hrtrack/response_cache.h): a hash table
 * of entries chained per bucket, and a list of the same entries from the
 * most to the least recently used, both under one mutex.
 *
 * Keys come from clients, so buckets are chosen with SipHash under a key
 * drawn at creation: nobody can pick URLs that all fall in one bucket.
 */
#include "hrtrack/response_cache.h"

#include "hrtrack/error.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_BYTES       (64u * 1024u)
#define FIRST_BUCKETS   256u
#define MAX_ENTRY_SHARE 8u /* an entry may take at most 1/8 of the bound */

typedef struct entry {
    struct entry *next;  /* in its bucket */
    struct entry *newer; /* in the use order */
    struct entry *older;
    uint64_t hash;
    int64_t generation;
    size_t key_len;
    size_t body_len;
    size_t charge; /* what it counts against the bound */
    char etag[48];
    char cache_control[64];
    char data[]; /* the key, then the body */
} entry;

struct hr_response_cache {
    pthread_mutex_t lock;
    unsigned char hash_key[crypto_shorthash_KEYBYTES];
    entry **buckets;
    size_t bucket_count; /* a power of two */
    entry *newest;
    entry *oldest;
    int64_t generation; /* the newest seen */
    hr_response_cache_stats stats;
};

int hr_response_cache_new(hr_response_cache **out, size_t max_bytes)
{
    *out = NULL;
    if (max_bytes < MIN_BYTES)
        return HR_EPARAM;
    if (sodium_init() < 0)
        return HR_EINTERNAL;
    hr_response_cache *c = calloc(1, sizeof *c);
    if (c == NULL)
        return HR_ENOMEM;
    c->buckets = calloc(FIRST_BUCKETS, sizeof *c->buckets);
    if (c->buckets == NULL) {
        free(c);
        return HR_ENOMEM;
    }
    c->bucket_count = FIRST_BUCKETS;
    c->stats.max_bytes = max_bytes;
    crypto_shorthash_keygen(c->hash_key);
    pthread_mutex_init(&c->lock, NULL);
    *out = c;
    return 0;
}

void hr_response_cache_free(hr_response_cache *cache)
{
    if (cache == NULL)
        return;
    for (entry *e = cache->newest; e != NULL;) {
        entry *older = e->older;
        free(e);
        e = older;
    }
    pthread_mutex_destroy(&cache->lock);
    free(cache->buckets);
    free(cache);
}

/* Appends "<length>:<bytes>", so that parts can never run into each other, or "-" for NULL. */
static int put_part(hr_buf *key, const char *s)
{
    if (s == NULL)
        return hr_buf_puts(key, "-");
    size_t n = strlen(s);
    int rc = hr_buf_printf(key, "%zu:", n);
    return rc == 0 ? hr_buf_append(key, s, n) : rc;
}

/* Stable: repeated names keep the order of their values. */
static void sort_by_name(hr_cache_param *params, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        hr_cache_param p = params[i];
        size_t j = i;
        for (; j > 0 && strcmp(params[j - 1].name, p.name) > 0; j--)
            params[j] = params[j - 1];
        params[j] = p;
    }
}

int hr_response_cache_key(hr_buf *key, const char *path, hr_cache_param *params, size_t count,
                          const char *const *variant, size_t variant_count)
{
    hr_buf_reset(key);
    sort_by_name(params, count);
    int rc = hr_buf_printf(key, "%zu|", variant_count);
    for (size_t i = 0; rc == 0 && i < variant_count; i++)
        rc = put_part(key, variant[i]);
    if (rc == 0)
        rc = put_part(key, path);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        rc = put_part(key, params[i].name);
        if (rc == 0)
            rc = put_part(key, params[i].value);
    }
    return rc;
}

static uint64_t hash_of(const hr_response_cache *c, const char *key, size_t len)
{
    unsigned char h[crypto_shorthash_BYTES];
    crypto_shorthash(h, (const unsigned char *)key, len, c->hash_key);
    uint64_t v = 0;
    memcpy(&v, h, sizeof v);
    return v;
}

static entry **slot_of(hr_response_cache *c, uint64_t hash)
{
    return &c->buckets[hash & (c->bucket_count - 1)];
}

/* Takes `e` out of the use order (newest ... oldest), whichever place it holds. */
static void unlink_use(hr_response_cache *c, entry *e)
{
    if (e->newer != NULL)
        e->newer->older = e->older;
    if (e->older != NULL)
        e->older->newer = e->newer;
    if (c->newest == e)
        c->newest = e->older;
    if (c->oldest == e)
        c->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void link_newest(hr_response_cache *c, entry *e)
{
    e->older = c->newest;
    e->newer = NULL;
    if (c->newest != NULL)
        c->newest->newer = e;
    c->newest = e;
    if (c->oldest == NULL)
        c->oldest = e;
}

/* Takes `e` out of the cache and frees it. */
static void drop(hr_response_cache *c, entry *e)
{
    for (entry **p = slot_of(c, e->hash); *p != NULL; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            break;
        }
    }
    unlink_use(c, e);
    c->stats.bytes -= e->charge;
    c->stats.entries--;
    free(e);
}

/* Drops the least recently used entry, for room or for a newer generation. */
static void evict_oldest(hr_response_cache *c)
{
    drop(c, c->oldest);
    c->stats.evictions++;
}

/* A newer generation makes every entry stale: drop them all at once. */
static void see_generation(hr_response_cache *c, int64_t generation)
{
    if (generation <= c->generation)
        return;
    c->generation = generation;
    while (c->oldest != NULL)
        evict_oldest(c);
}

static entry *find(hr_response_cache *c, const hr_buf *key, uint64_t hash)
{
    for (entry *e = *slot_of(c, hash); e != NULL; e = e->next) {
        if (e->hash == hash && e->key_len == key->len && memcmp(e->data, key->data, key->len) == 0)
            return e;
    }
    return NULL;
}

int hr_response_cache_get(hr_cached_reply *out, hr_response_cache *cache, const hr_buf *key,
                          int64_t generation)
{
    memset(out, 0, sizeof *out);
    uint64_t hash = hash_of(cache, hr_buf_cstr(key), key->len);
    int rc = 0;
    pthread_mutex_lock(&cache->lock);
    see_generation(cache, generation);
    entry *e = find(cache, key, hash);
    if (e != NULL && e->generation == generation) {
        out->body = malloc(e->body_len + 1);
        if (out->body == NULL) {
            rc = HR_ENOMEM;
            goto done;
        }
        memcpy(out->body, e->data + e->key_len, e->body_len);
        out->body[e->body_len] = '\0';
        out->len = e->body_len;
        memcpy(out->etag, e->etag, sizeof out->etag);
        memcpy(out->cache_control, e->cache_control, sizeof out->cache_control);
        unlink_use(cache, e);
        link_newest(cache, e);
        cache->stats.hits++;
        rc = 1;
    } else {
        cache->stats.misses++;
    }
done:
    pthread_mutex_unlock(&cache->lock);
    return rc;
}

/* Doubles the buckets when entries outnumber them; a failed allocation only costs speed. */
static void grow(hr_response_cache *c)
{
    if (c->stats.entries < c->bucket_count)
        return;
    size_t count = c->bucket_count * 2;
    entry **buckets = calloc(count, sizeof *buckets);
    if (buckets == NULL)
        return;
    for (size_t i = 0; i < c->bucket_count; i++) {
        for (entry *e = c->buckets[i]; e != NULL;) {
            entry *next = e->next;
            e->next = buckets[e->hash & (count - 1)];
            buckets[e->hash & (count - 1)] = e;
            e = next;
        }
    }
    free(c->buckets);
    c->buckets = buckets;
    c->bucket_count = count;
}

static entry *entry_new(const hr_buf *key, uint64_t hash, int64_t generation,
                        const hr_cached_reply *reply)
{
    entry *e = malloc(sizeof *e + key->len + reply->len);
    if (e == NULL)
        return NULL;
    memset(e, 0, sizeof *e);
    e->hash = hash;
    e->generation = generation;
    e->key_len = key->len;
    e->body_len = reply->len;
    e->charge = sizeof *e + key->len + reply->len;
    snprintf(e->etag, sizeof e->etag, "%s", reply->etag);
    snprintf(e->cache_control, sizeof e->cache_control, "%s", reply->cache_control);
    memcpy(e->data, key->data, key->len);
    memcpy(e->data + key->len, reply->body, reply->len);
    return e;
}

int hr_response_cache_put(hr_response_cache *cache, const hr_buf *key, int64_t generation,
                          const hr_cached_reply *reply)
{
    size_t charge = sizeof(entry) + key->len + reply->len;
    if (charge > cache->stats.max_bytes / MAX_ENTRY_SHARE)
        return 0;
    uint64_t hash = hash_of(cache, hr_buf_cstr(key), key->len);
    /* Copied outside the lock: the body may be hundreds of kilobytes. */
    entry *fresh = entry_new(key, hash, generation, reply);
    if (fresh == NULL)
        return HR_ENOMEM;
    pthread_mutex_lock(&cache->lock);
    see_generation(cache, generation);
    int stored = generation == cache->generation;
    if (stored) {
        entry *old = find(cache, key, hash);
        if (old != NULL)
            drop(cache, old);
        while (cache->stats.bytes + charge > cache->stats.max_bytes && cache->oldest != NULL)
            evict_oldest(cache);
        entry **slot = slot_of(cache, hash);
        fresh->next = *slot;
        *slot = fresh;
        link_newest(cache, fresh);
        cache->stats.bytes += charge;
        cache->stats.entries++;
        cache->stats.stores++;
        grow(cache);
    }
    pthread_mutex_unlock(&cache->lock);
    if (!stored)
        free(fresh);
    return stored;
}

void hr_response_cache_stats_get(hr_response_cache_stats *out, hr_response_cache *cache)
{
    pthread_mutex_lock(&cache->lock);
    *out = cache->stats;
    pthread_mutex_unlock(&cache->lock);
}
