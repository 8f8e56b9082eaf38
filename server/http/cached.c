/*
 * The response cache at work in the server (see cached.h).
 *
 * Reading the data generation before the handler runs is what keeps the
 * cache right: the generation grows at the commit of every change
 * (schema 0014), so a reply computed after reading g shows g's data or
 * newer, never older, and is kept under g. A change committed while the
 * handler ran leaves the reply under a generation nobody asks for again.
 */
#include "cached.h"

#include "hrtrack/data_generation.h"
#include "hrtrack/error.h"
#include "hrtrack/lang.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Whether `range` (without its parameters) is one of those that ask for the plain reply. */
static int plain_range(const char *range, size_t len)
{
    static const char *const plain[] = {"*/*", "application/*", "application/json"};
    while (len > 0 && (*range == ' ' || *range == '\t')) {
        range++;
        len--;
    }
    size_t end = 0;
    while (end < len && range[end] != ';' && range[end] != ' ' && range[end] != '\t')
        end++;
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (strlen(plain[i]) == end && strncasecmp(range, plain[i], end) == 0)
            return 1;
    }
    return 0;
}

int hr_cached_accept_plain(const char *accept)
{
    if (accept == NULL || accept[0] == '\0')
        return 1;
    for (const char *p = accept;;) {
        size_t len = strcspn(p, ",");
        if (!plain_range(p, len))
            return 0;
        if (p[len] == '\0')
            return 1;
        p += len + 1;
    }
}

int hr_cached_find(hr_cached_reply *hit, hr_cache_lookup *l, hr_response_cache *cache,
                   const hr_request *req, const char *path, hr_cache_param *params, size_t count)
{
    memset(hit, 0, sizeof *hit);
    hr_buf_init(&l->key, HR_CACHE_KEY_MAX);
    l->generation = 0;
    l->ready = 0;
    /* Any Accept the cache serves gets the same reply: only the language varies. */
    const char *variant[] = {hr_lang_code(hr_request_lang(req))};
    if (!hr_cached_accept_plain(hr_request_header(req, "Accept")) ||
        hr_response_cache_key(&l->key, path, params, count, variant, 1) != 0)
        return 0;
    hr_db *db = NULL;
    if (hr_request_db(&db, req) != 0 || hr_db_data_generation(&l->generation, db) != 0)
        return 0;
    l->ready = 1;
    return hr_response_cache_get(hit, cache, &l->key, l->generation) == 1;
}

/* A strong validator from the bytes themselves: equal bodies, equal tags. */
static void etag_of(char *out, size_t size, const char *body, size_t len)
{
    unsigned char digest[16];
    char hex[2 * sizeof digest + 1];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)body, len, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    snprintf(out, size, "\"%s\"", hex);
}

int hr_cached_keep(hr_cached_reply *out, hr_response_cache *cache, hr_cache_lookup *l,
                   const hr_reply *reply)
{
    memset(out, 0, sizeof *out);
    out->body = json_dumps(reply->body, JSON_COMPACT);
    if (out->body == NULL)
        return HR_ENOMEM;
    out->len = strlen(out->body);
    etag_of(out->etag, sizeof out->etag, out->body, out->len);
    /* Stored by browsers and proxies, but checked with us (If-None-Match) before each use. */
    snprintf(out->cache_control, sizeof out->cache_control, "%s",
             reply->cache ? reply->cache : "no-cache");
    /* A failure to keep it only costs the next request the work again. */
    if (cache != NULL && l != NULL && l->ready)
        (void)hr_response_cache_put(cache, &l->key, l->generation, out);
    return 0;
}

void hr_cache_lookup_free(hr_cache_lookup *l)
{
    if (l != NULL)
        hr_buf_free(&l->key);
}
