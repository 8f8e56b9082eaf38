/*
 * The response cache (include/hrtrack/response_cache.h) without a server:
 * keys (parameter order, repeated names, variants, no two requests on one
 * key), hits and misses, the generation (a newer one empties the cache,
 * an older reply is not kept), the memory bound (never passed, least
 * recently used evicted first, large replies never kept), several threads
 * at once; and the list of cached routes (each a public GET route).
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "cached.h"
#include "cached_routes.h"
#include "export.h"
#include "router.h"

#include "hrtrack/error.h"
#include "hrtrack/response_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOUND (64u * 1024u)

/* The key of path + params ("name=value" pairs) + lang, as a new string. */
static char *key_of(const char *path, const char *const *pairs, size_t n, const char *lang)
{
    hr_cache_param params[8];
    char copies[8][64];
    for (size_t i = 0; i < n; i++) {
        snprintf(copies[i], sizeof copies[i], "%s", pairs[i]);
        char *eq = strchr(copies[i], '=');
        *eq = '\0';
        params[i] = (hr_cache_param){copies[i], eq + 1};
    }
    const char *variant[] = {lang, NULL};
    hr_buf key;
    hr_buf_init(&key, 4096);
    assert_int_equal(hr_response_cache_key(&key, path, params, n, variant, 2), 0);
    /* The key holds NULs of no kind, but may hold any byte: compare with its length. */
    char *out = malloc(key.len + 1);
    memcpy(out, key.data, key.len + 1);
    hr_buf_free(&key);
    return out;
}

static void assert_same_key(char *a, char *b, int same)
{
    if (same)
        assert_string_equal(a, b);
    else
        assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void test_key_normalisation(void **state)
{
    (void)state;
    const char *ab[] = {"state=TH", "mechanism=UPR"};
    const char *ba[] = {"mechanism=UPR", "state=TH"};
    assert_same_key(key_of("/r", ab, 2, "en"), key_of("/r", ba, 2, "en"), 1);
    /* Values of one name keep their order: a handler may read the first only. */
    const char *s12[] = {"state=TH", "mechanism=UPR", "state=PY"};
    const char *s21[] = {"state=PY", "state=TH", "mechanism=UPR"};
    const char *s12b[] = {"mechanism=UPR", "state=TH", "state=PY"};
    assert_same_key(key_of("/r", s12, 3, "en"), key_of("/r", s21, 3, "en"), 0);
    assert_same_key(key_of("/r", s12, 3, "en"), key_of("/r", s12b, 3, "en"), 1);
    /* The language, the path and every byte of names and values count. */
    assert_same_key(key_of("/r", ab, 2, "en"), key_of("/r", ab, 2, "es"), 0);
    assert_same_key(key_of("/r", ab, 2, "en"), key_of("/s", ab, 2, "en"), 0);
    const char *one[] = {"a=bc"};
    const char *other[] = {"ab=c"};
    assert_same_key(key_of("/r", one, 1, "en"), key_of("/r", other, 1, "en"), 0);
    /* A path that looks like a parameter is not one. */
    const char *x[] = {"x=1"};
    assert_same_key(key_of("/r", x, 1, "en"), key_of("/r1:x1:1", NULL, 0, "en"), 0);
    const char *empty[] = {"q="};
    assert_same_key(key_of("/r", empty, 1, "en"), key_of("/r", NULL, 0, "en"), 0);
    /* "?q" (no value) and "?q=" (an empty one): handlers may tell them apart. */
    hr_cache_param bare = {"q", NULL}, blank = {"q", ""};
    hr_buf a, b;
    hr_buf_init(&a, 4096);
    hr_buf_init(&b, 4096);
    assert_int_equal(hr_response_cache_key(&a, "/r", &bare, 1, NULL, 0), 0);
    assert_int_equal(hr_response_cache_key(&b, "/r", &blank, 1, NULL, 0), 0);
    assert_string_not_equal(hr_buf_cstr(&a), hr_buf_cstr(&b));
    /* An absent header is not an empty one either. */
    const char *none[] = {NULL}, *nothing[] = {""};
    assert_int_equal(hr_response_cache_key(&a, "/r", NULL, 0, none, 1), 0);
    assert_int_equal(hr_response_cache_key(&b, "/r", NULL, 0, nothing, 1), 0);
    assert_string_not_equal(hr_buf_cstr(&a), hr_buf_cstr(&b));
    hr_buf_free(&a);
    hr_buf_free(&b);
}

static hr_buf make_key(const char *text)
{
    hr_buf key;
    hr_buf_init(&key, 4096);
    hr_buf_puts(&key, text);
    return key;
}

/* Puts `len` bytes of `fill` under `name`; returns what put returned. */
static int put(hr_response_cache *c, const char *name, int64_t generation, size_t len, char fill)
{
    hr_buf key = make_key(name);
    char *body = malloc(len);
    memset(body, fill, len);
    hr_cached_reply reply = {
        .body = body, .len = len, .etag = "\"e\"", .cache_control = "no-cache"};
    int rc = hr_response_cache_put(c, &key, generation, &reply);
    free(body);
    hr_buf_free(&key);
    return rc;
}

/* 1 when `name` is held for `generation` with `len` bytes of `fill`. */
static int holds(hr_response_cache *c, const char *name, int64_t generation, size_t len, char fill)
{
    hr_buf key = make_key(name);
    hr_cached_reply got;
    int rc = hr_response_cache_get(&got, c, &key, generation);
    hr_buf_free(&key);
    if (rc != 1)
        return rc;
    int ok = got.len == len && strcmp(got.etag, "\"e\"") == 0 &&
             strcmp(got.cache_control, "no-cache") == 0;
    for (size_t i = 0; ok && i < len; i++)
        ok = got.body[i] == fill;
    free(got.body);
    return ok;
}

static void test_hit_miss_and_replace(void **state)
{
    (void)state;
    hr_response_cache *c = NULL;
    assert_int_equal(hr_response_cache_new(&c, 1000), HR_EPARAM);
    assert_int_equal(hr_response_cache_new(&c, BOUND), 0);
    assert_int_equal(holds(c, "a", 1, 10, 'a'), 0);
    assert_int_equal(put(c, "a", 1, 10, 'a'), 1);
    assert_int_equal(holds(c, "a", 1, 10, 'a'), 1);
    assert_int_equal(holds(c, "b", 1, 10, 'a'), 0);
    /* The same key again replaces the entry. */
    assert_int_equal(put(c, "a", 1, 20, 'z'), 1);
    assert_int_equal(holds(c, "a", 1, 20, 'z'), 1);
    hr_response_cache_stats st;
    hr_response_cache_stats_get(&st, c);
    assert_int_equal(st.entries, 1);
    assert_int_equal(st.hits, 2);
    assert_int_equal(st.misses, 2);
    assert_int_equal(st.stores, 2);
    hr_response_cache_free(c);
}

static void test_generation_invalidates(void **state)
{
    (void)state;
    hr_response_cache *c = NULL;
    assert_int_equal(hr_response_cache_new(&c, BOUND), 0);
    assert_int_equal(put(c, "a", 5, 10, 'a'), 1);
    assert_int_equal(put(c, "b", 5, 10, 'b'), 1);
    /* A reader of an older generation finds nothing, and drops nothing. */
    assert_int_equal(holds(c, "a", 4, 10, 'a'), 0);
    assert_int_equal(holds(c, "a", 5, 10, 'a'), 1);
    /* Once generation 6 is seen, nothing of 5 is served any more... */
    assert_int_equal(holds(c, "b", 6, 10, 'b'), 0);
    assert_int_equal(holds(c, "a", 5, 10, 'a'), 0);
    hr_response_cache_stats st;
    hr_response_cache_stats_get(&st, c);
    assert_int_equal(st.entries, 0);
    assert_int_equal(st.bytes, 0);
    /* ...nor kept: a reply computed in generation 5 may miss a change of 6. */
    assert_int_equal(put(c, "a", 5, 10, 'a'), 0);
    assert_int_equal(holds(c, "a", 5, 10, 'a'), 0);
    assert_int_equal(put(c, "a", 6, 10, 'c'), 1);
    assert_int_equal(holds(c, "a", 6, 10, 'c'), 1);
    /* A put of a newer generation empties the cache as well. */
    assert_int_equal(put(c, "b", 7, 10, 'b'), 1);
    assert_int_equal(holds(c, "a", 7, 10, 'c'), 0);
    assert_int_equal(holds(c, "b", 7, 10, 'b'), 1);
    hr_response_cache_free(c);
}

static void test_bound_and_lru_eviction(void **state)
{
    (void)state;
    hr_response_cache *c = NULL;
    assert_int_equal(hr_response_cache_new(&c, BOUND), 0);
    /* Larger than an eighth of the bound: never kept. */
    assert_int_equal(put(c, "big", 1, BOUND / 8, 'x'), 0);
    /* Twenty entries of 4 KiB do not fit in 64 KiB: the oldest go. */
    char name[16];
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof name, "k%d", i);
        assert_int_equal(put(c, name, 1, 4096, (char)('a' + i)), 1);
        /* k0 is read after every put: the most recently used, it stays. */
        assert_int_equal(holds(c, "k0", 1, 4096, 'a'), 1);
        hr_response_cache_stats st;
        hr_response_cache_stats_get(&st, c);
        assert_true(st.bytes <= BOUND);
    }
    hr_response_cache_stats st;
    hr_response_cache_stats_get(&st, c);
    assert_true(st.evictions >= 5);
    assert_true(st.entries < 20);
    /* The least recently used went first: k1 and k2, never k0 nor the newest. */
    assert_int_equal(holds(c, "k1", 1, 4096, 'b'), 0);
    assert_int_equal(holds(c, "k2", 1, 4096, 'c'), 0);
    assert_int_equal(holds(c, "k19", 1, 4096, (char)('a' + 19)), 1);
    assert_int_equal(holds(c, "k0", 1, 4096, 'a'), 1);
    hr_response_cache_free(c);
}

typedef struct worker {
    hr_response_cache *cache;
    int id;
} worker;

static void *hammer(void *arg)
{
    worker *w = arg;
    char name[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(name, sizeof name, "t%d-%d", w->id, i % 50);
        int64_t generation = 1 + i / 1000;
        size_t len = 100 + (size_t)(i % 7) * 500;
        if (put(w->cache, name, generation, len, (char)('a' + w->id)) < 0)
            return (void *)1;
        /* A hit must hold exactly what this thread stored. */
        int held = holds(w->cache, name, generation, len, (char)('a' + w->id));
        if (held < 0)
            return (void *)1;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    hr_response_cache *c = NULL;
    assert_int_equal(hr_response_cache_new(&c, BOUND), 0);
    pthread_t threads[4];
    worker workers[4];
    for (int i = 0; i < 4; i++) {
        workers[i] = (worker){c, i};
        assert_int_equal(pthread_create(&threads[i], NULL, hammer, &workers[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        void *result = NULL;
        pthread_join(threads[i], &result);
        assert_null(result);
    }
    hr_response_cache_stats st;
    hr_response_cache_stats_get(&st, c);
    assert_true(st.bytes <= BOUND);
    assert_true(st.hits > 0);
    hr_response_cache_free(c);
}

static void test_cached_routes_are_public_gets(void **state)
{
    (void)state;
    for (size_t i = 0; hr_cached_routes[i] != NULL; i++) {
        int found = 0;
        for (size_t r = 0; r < hr_route_count; r++) {
            if (hr_routes[r].method == HR_METHOD_GET &&
                strcmp(hr_routes[r].pattern, hr_cached_routes[i]) == 0) {
                found = 1;
                if (hr_routes[r].access != HR_ACCESS_PUBLIC)
                    fail_msg("%s is cached but not public", hr_cached_routes[i]);
            }
        }
        if (!found)
            fail_msg("%s is cached but no GET route has it", hr_cached_routes[i]);
    }
}

static void test_plain_accept(void **state)
{
    (void)state;
    static const char *const plain[] = {
        NULL,
        "",
        "*/*",
        "application/json",
        "Application/JSON; charset=utf-8",
        "application/json, */*;q=0.8",
        "application/*",
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        assert_true(hr_cached_accept_plain(plain[i]));
        /* What the cache serves to these is what the handlers answer them: no export. */
        hr_export_format f = HR_EXPORT_CSV;
        assert_int_equal(hr_export_format_parse(&f, NULL, plain[i]), 0);
        assert_int_equal(f, HR_EXPORT_NONE);
    }
    static const char *const other[] = {
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/json, text/csv",
        "text/html,application/xhtml+xml,*/*;q=0.8",
        "application/jsonx",
        "application/x-ndjson",
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        assert_false(hr_cached_accept_plain(other[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_normalisation),
        cmocka_unit_test(test_hit_miss_and_replace),
        cmocka_unit_test(test_generation_invalidates),
        cmocka_unit_test(test_bound_and_lru_eviction),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_cached_routes_are_public_gets),
        cmocka_unit_test(test_plain_accept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
