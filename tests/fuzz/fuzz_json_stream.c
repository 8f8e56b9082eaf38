/*
 * libFuzzer target for the streaming JSON array splitter (importer/json_stream.c).
 *
 * Each input is split four times: default sizes, 1-byte and 3-byte chunks,
 * and a 64-byte element limit. Beyond "no crash, no leak, no overread"
 * (run it under ASan and UBSan) it checks three things that must hold for
 * any input:
 *   - the chunk size changes nothing: same result, same error offset, same
 *     elements at the same offsets;
 *   - the element limit only turns long objects into TOO_LARGE rejects;
 *   - when jansson accepts the whole input as an array no deeper than the
 *     splitter's limit, the splitter accepts it too, and its elements are
 *     jansson's elements.
 * Every delivered element is also parsed with json_loadb, as the importer does.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Iimporter \
 *     tests/fuzz/fuzz_json_stream.c importer/json_stream.c $(pkg-config --libs jansson)
 */
#include "json_stream.h"

#include "hrtrack/error.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMALL_LIMIT 64

/* What one run saw: a digest of every callback, in order. */
typedef struct run {
    int rc;
    uint64_t error_offset;
    size_t elements, rejects;
    uint64_t digest;    /* every callback with its arguments */
    uint64_t positions; /* index and offset of every element, delivered or not */
    json_t *values;     /* the delivered elements, parsed (NULL when one did not parse) */
    size_t max;
} run;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h * 0x100000001B3ULL;
}

static int on_element(void *ctx, const char *bytes, size_t len, size_t index, uint64_t offset)
{
    run *r = ctx;
    uint64_t h = r->digest;
    for (size_t i = 0; i < len; i++)
        h = mix(h, (unsigned char)bytes[i]);
    r->digest = mix(mix(h, index), offset);
    r->positions = mix(mix(r->positions, index), offset);
    r->elements++;
    if (len > r->max || bytes[0] != '{' || bytes[len - 1] != '}')
        abort();
    json_t *value = json_loadb(bytes, len, 0, NULL);
    if (value == NULL)
        value = json_string("(not parsed)");
    json_array_append_new(r->values, value);
    return 0;
}

static int on_reject(void *ctx, hr_json_stream_reject why, size_t index, uint64_t offset,
                     uint64_t len)
{
    run *r = ctx;
    if (why == HR_JSON_STREAM_TOO_LARGE && len <= r->max)
        abort();
    r->digest = mix(mix(mix(mix(r->digest, 1000 + (uint64_t)why), index), offset), len);
    r->positions = mix(mix(r->positions, index), offset);
    r->rejects++;
    json_array_append_new(r->values, json_string("(rejected)"));
    return 0;
}

static void split(run *r, const uint8_t *data, size_t size, size_t chunk, size_t max)
{
    memset(r, 0, sizeof *r);
    r->values = json_array();
    r->max = max == 0 ? HR_JSON_STREAM_ELEMENT_MAX_DEFAULT : max;
    FILE *f = size > 0 ? fmemopen((void *)data, size, "rb") : tmpfile();
    hr_json_stream *s = NULL;
    if (f == NULL || hr_json_stream_new(&s, f, chunk, max) != 0)
        abort();
    hr_json_stream_error err;
    memset(&err, 0, sizeof err);
    r->rc = hr_json_stream_run(s, on_element, on_reject, r, &err);
    r->error_offset = err.offset;
    if (r->rc != 0 && r->rc != HR_EPARSE)
        abort();
    if (r->rc == HR_EPARSE && (err.offset > size || err.reason[0] == '\0'))
        abort();
    if (r->rc == 0 && hr_json_stream_bytes_read(s) != size)
        abort();
    if (hr_json_stream_count(s) != r->elements + r->rejects)
        abort();
    hr_json_stream_free(s);
    fclose(f);
}

static int same(const run *a, const run *b)
{
    return a->rc == b->rc && a->error_offset == b->error_offset && a->digest == b->digest &&
           a->elements == b->elements && a->rejects == b->rejects;
}

/* Nesting depth of a value; an object or array counts 1 more than its members. */
static size_t depth(const json_t *v)
{
    size_t deepest = 0, i;
    const char *key;
    json_t *member;
    if (json_is_array(v)) {
        json_array_foreach(v, i, member)
        {
            size_t d = depth(member);
            deepest = d > deepest ? d : deepest;
        }
        return deepest + 1;
    }
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, member)
        {
            size_t d = depth(member);
            deepest = d > deepest ? d : deepest;
        }
        return deepest + 1;
    }
    return 0;
}

/* When jansson reads the whole input as an array, the splitter must agree with it. */
static void compare_with_jansson(const run *r, const uint8_t *data, size_t size)
{
    json_t *whole = json_loadb((const char *)data, size, 0, NULL);
    if (whole == NULL)
        return;
    if (json_is_array(whole) && depth(whole) <= HR_JSON_STREAM_DEPTH_MAX + 1) {
        if (r->rc != 0 || json_array_size(whole) != r->elements + r->rejects)
            abort();
        size_t i;
        json_t *element;
        json_array_foreach(whole, i, element)
        {
            json_t *mine = json_array_get(r->values, i);
            int ok =
                json_is_object(element)
                    ? json_equal(element, mine)
                    : json_is_string(mine) && strcmp(json_string_value(mine), "(rejected)") == 0;
            if (!ok)
                abort();
        }
    }
    json_decref(whole);
}

/* libFuzzer's entry point; declared here as libFuzzer has no header for it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run plain, one, three, small;
    split(&plain, data, size, 0, 0);
    split(&one, data, size, 1, 0);
    split(&three, data, size, 3, 0);
    split(&small, data, size, 5, SMALL_LIMIT);
    if (!same(&plain, &one) || !same(&plain, &three))
        abort();
    /* A smaller limit moves elements from delivered to rejected, nothing else. */
    if (small.rc != plain.rc || small.error_offset != plain.error_offset ||
        small.positions != plain.positions ||
        small.elements + small.rejects != plain.elements + plain.rejects)
        abort();
    compare_with_jansson(&plain, data, size);
    json_decref(plain.values);
    json_decref(one.values);
    json_decref(three.values);
    json_decref(small.values);
    return 0;
}
