/*
 * The streaming JSON array splitter: element bounds whatever the chunk size,
 * strings that look like structure, rejected elements, every hard error, and
 * the UHRI fixtures in tests/data/uhri/ (found under $HRTRACK_HOME, or the
 * current directory).
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "json_stream.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOT_MAX 128

/* What a run delivered. */
typedef struct got {
    char *bytes[GOT_MAX];
    size_t index[GOT_MAX];
    uint64_t offset[GOT_MAX];
    size_t count;
    hr_json_stream_reject reject_why[GOT_MAX];
    size_t reject_index[GOT_MAX];
    uint64_t reject_offset[GOT_MAX];
    uint64_t reject_len[GOT_MAX];
    size_t reject_count;
    long stop_at; /* element index whose callback fails, or -1 */
    int parse;    /* check every element with json_loadb */
} got;

static int on_element(void *ctx, const char *bytes, size_t len, size_t index, uint64_t offset)
{
    got *g = ctx;
    if ((long)index == g->stop_at)
        return HR_EUNPROCESSABLE;
    assert_true(g->count < GOT_MAX);
    if (g->parse) {
        json_error_t jerr;
        json_t *j = json_loadb(bytes, len, 0, &jerr);
        assert_non_null(j);
        assert_true(json_is_object(j));
        json_decref(j);
    }
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    g->bytes[g->count] = copy;
    g->index[g->count] = index;
    g->offset[g->count] = offset;
    g->count++;
    return 0;
}

static int on_reject(void *ctx, hr_json_stream_reject why, size_t index, uint64_t offset,
                     uint64_t len)
{
    got *g = ctx;
    assert_true(g->reject_count < GOT_MAX);
    g->reject_why[g->reject_count] = why;
    g->reject_index[g->reject_count] = index;
    g->reject_offset[g->reject_count] = offset;
    g->reject_len[g->reject_count] = len;
    g->reject_count++;
    return 0;
}

static void got_init(got *g)
{
    memset(g, 0, sizeof *g);
    g->stop_at = -1;
}

static void got_free(got *g)
{
    for (size_t i = 0; i < g->count; i++)
        free(g->bytes[i]);
    got_init(g);
}

/* fmemopen refuses an empty buffer on some C libraries; a temporary file does not. */
static FILE *open_input(const char *input, size_t len)
{
    if (len > 0)
        return fmemopen((void *)input, len, "rb");
    return tmpfile();
}

/* Splits input[0..len) with the given sizes and callbacks; returns the run's result. */
static int split_with(got *g, hr_json_stream_error *err, const char *input, size_t len,
                      size_t chunk, size_t max, hr_json_stream_reject_fn reject)
{
    FILE *f = open_input(input, len);
    assert_non_null(f);
    hr_json_stream *s = NULL;
    assert_int_equal(hr_json_stream_new(&s, f, chunk, max), 0);
    int rc = hr_json_stream_run(s, on_element, reject, g, err);
    if (rc == 0) {
        assert_int_equal(hr_json_stream_bytes_read(s), len);
        assert_int_equal(hr_json_stream_count(s), g->count + g->reject_count);
    }
    hr_json_stream_free(s);
    fclose(f);
    return rc;
}

static int split(got *g, hr_json_stream_error *err, const char *input, size_t chunk, size_t max)
{
    return split_with(g, err, input, strlen(input), chunk, max, on_reject);
}

/* Every chunk size from 1 to past the input gives the same elements. */
static void assert_same_at_every_chunk(const char *input, const char *const *expected, size_t n)
{
    size_t len = strlen(input);
    for (size_t chunk = 1; chunk <= len + 1; chunk++) {
        got g;
        got_init(&g);
        g.parse = 1;
        assert_int_equal(split(&g, NULL, input, chunk, 0), 0);
        assert_int_equal(g.count, n);
        assert_int_equal(g.reject_count, 0);
        for (size_t i = 0; i < n; i++) {
            assert_string_equal(g.bytes[i], expected[i]);
            assert_int_equal(g.index[i], i);
            assert_memory_equal(input + g.offset[i], expected[i], strlen(expected[i]));
        }
        got_free(&g);
    }
}

static void test_simple(void **state)
{
    (void)state;
    const char *input = "[{\"a\":1},{\"b\":[2,3]}]";
    const char *expected[] = {"{\"a\":1}", "{\"b\":[2,3]}"};
    got g;
    got_init(&g);
    assert_int_equal(split(&g, NULL, input, 0, 0), 0);
    assert_int_equal(g.count, 2);
    assert_int_equal(g.offset[0], 1);
    assert_int_equal(g.offset[1], 9);
    got_free(&g);
    assert_same_at_every_chunk(input, expected, 2);
}

static void test_strings_that_look_like_structure(void **state)
{
    (void)state;
    const char *expected[] = {
        "{\"t\":\"a]b}c{d[e,f\"}",
        "{\"t\":\"say \\\"]}\\\" twice\"}",
        "{\"t\":\"ends in a backslash \\\\\"}",
        "{\"t\":\"\\\\\\\"]\"}",
        "{\"t\":\"\\\\\\\\\",\"u\":\"}\"}",
        "{\"u\":\"\\u005d\\u0022\\u005c\\u00e9\",\"v\":\"\\/\\b\\f\\n\\r\\t\"}",
        "{\"k]\":{\"[\":\"{\"},\"e\":\"\"}",
        "{\"utf8\":\"Türkiye, Côte d’Ivoire, 中文\"}",
    };
    const char *input = "[{\"t\":\"a]b}c{d[e,f\"},{\"t\":\"say \\\"]}\\\" twice\"},"
                        "{\"t\":\"ends in a backslash \\\\\"},{\"t\":\"\\\\\\\"]\"},"
                        "{\"t\":\"\\\\\\\\\",\"u\":\"}\"},"
                        "{\"u\":\"\\u005d\\u0022\\u005c\\u00e9\",\"v\":\"\\/\\b\\f\\n\\r\\t\"},"
                        "{\"k]\":{\"[\":\"{\"},\"e\":\"\"},"
                        "{\"utf8\":\"Türkiye, Côte d’Ivoire, 中文\"}]";
    assert_same_at_every_chunk(input, expected, sizeof expected / sizeof expected[0]);
}

static void test_nesting(void **state)
{
    (void)state;
    const char *expected[] = {
        "{\"a\":[[],[[{}]],{\"b\":{\"c\":[1,{\"d\":[]}]}}]}",
        "{}",
        "{\"x\":[{\"y\":[{\"z\":\"]]]\"}]}]}",
    };
    const char *input = "[{\"a\":[[],[[{}]],{\"b\":{\"c\":[1,{\"d\":[]}]}}]},{},"
                        "{\"x\":[{\"y\":[{\"z\":\"]]]\"}]}]}]";
    assert_same_at_every_chunk(input, expected, 3);
}

static void test_whitespace_and_bom(void **state)
{
    (void)state;
    const char *expected[] = {"{\"a\":1}", "{ \"b\" :\r\n 2 }"};
    const char *inputs[] = {
        "[{\"a\":1},{ \"b\" :\r\n 2 }]",
        " \n\t[\n  {\"a\":1}\n  ,\n  { \"b\" :\r\n 2 }\n]\n",
        "\r\n[{\"a\":1} ,\t{ \"b\" :\r\n 2 }   ]   \r\n\r\n",
        "\xEF\xBB\xBF[{\"a\":1},{ \"b\" :\r\n 2 }]",
        "\xEF\xBB\xBF  [ {\"a\":1},{ \"b\" :\r\n 2 } ]\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        assert_same_at_every_chunk(inputs[i], expected, 2);
    /* Offsets count the byte order mark. */
    got g;
    got_init(&g);
    assert_int_equal(split(&g, NULL, inputs[3], 2, 0), 0);
    assert_int_equal(g.offset[0], 4);
    got_free(&g);
}

static void test_empty_arrays(void **state)
{
    (void)state;
    const char *inputs[] = {"[]", "[ ]", " [\n]\n", "\xEF\xBB\xBF[]", "\t[\r\n\r\n]\t"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        assert_same_at_every_chunk(inputs[i], NULL, 0);
}

static void test_not_objects_are_rejected(void **state)
{
    (void)state;
    const char *input = "[[1,{\"x\":\"]\"}],\"s\\\"]\",-3.5e2,true,null,{\"a\":1},7]";
    for (size_t chunk = 1; chunk <= strlen(input); chunk++) {
        got g;
        got_init(&g);
        assert_int_equal(split(&g, NULL, input, chunk, 0), 0);
        assert_int_equal(g.reject_count, 6);
        const uint64_t offsets[] = {1, 15, 22, 29, 34, 47};
        const uint64_t lens[] = {13, 6, 6, 4, 4, 1};
        const size_t indexes[] = {0, 1, 2, 3, 4, 6};
        for (size_t i = 0; i < 6; i++) {
            assert_int_equal(g.reject_why[i], HR_JSON_STREAM_NOT_OBJECT);
            assert_int_equal(g.reject_index[i], indexes[i]);
            assert_int_equal(g.reject_offset[i], offsets[i]);
            assert_int_equal(g.reject_len[i], lens[i]);
        }
        assert_int_equal(g.count, 1);
        assert_string_equal(g.bytes[0], "{\"a\":1}");
        assert_int_equal(g.index[0], 5);
        got_free(&g);
    }
}

static void test_oversized_is_skipped(void **state)
{
    (void)state;
    /* Element 1 is 40 bytes, over a 32-byte limit; elements of exactly 32 pass. */
    const char *input = "[{\"a\":\"012345678901234567890123\"},"
                        "{\"big\":\"]]]}}}\\\"[[[{{{ 0123456789abcde\"},"
                        "{\"c\":\"012345678901234567890123\"}]";
    size_t len = strlen(input);
    for (size_t chunk = 1; chunk <= len + 1; chunk++) {
        got g;
        got_init(&g);
        assert_int_equal(split(&g, NULL, input, chunk, 32), 0);
        assert_int_equal(g.count, 2);
        assert_int_equal(strlen(g.bytes[0]), 32);
        assert_int_equal(g.index[0], 0);
        assert_int_equal(g.index[1], 2);
        assert_string_equal(g.bytes[1], "{\"c\":\"012345678901234567890123\"}");
        assert_int_equal(g.reject_count, 1);
        assert_int_equal(g.reject_why[0], HR_JSON_STREAM_TOO_LARGE);
        assert_int_equal(g.reject_index[0], 1);
        assert_int_equal(g.reject_offset[0], 34);
        assert_int_equal(g.reject_len[0], 40);
        got_free(&g);
    }
}

static void test_rejects_without_a_callback(void **state)
{
    (void)state;
    got g;
    got_init(&g);
    hr_json_stream_error err;
    const char *big = "[{\"a\":1},{\"b\":\"0123456789\"}]";
    assert_int_equal(split_with(&g, &err, big, strlen(big), 4, 12, NULL), HR_ELIMIT);
    assert_int_equal(err.offset, 9);
    assert_int_equal(g.count, 1);
    got_free(&g);
    const char *array = "[{\"a\":1},[]]";
    assert_int_equal(split_with(&g, &err, array, strlen(array), 0, 0, NULL), HR_EPARSE);
    assert_int_equal(err.offset, 9);
    assert_non_null(strstr(err.reason, "not an object"));
    got_free(&g);
}

static void test_callback_error_stops(void **state)
{
    (void)state;
    got g;
    got_init(&g);
    g.stop_at = 1;
    assert_int_equal(split(&g, NULL, "[{},{},{}]", 0, 0), HR_EUNPROCESSABLE);
    assert_int_equal(g.count, 1);
    got_free(&g);
}

static void test_hard_errors(void **state)
{
    (void)state;
    const struct {
        const char *input;
        uint64_t offset;
        const char *reason; /* a part of the message */
    } cases[] = {
        {"", 0, "empty"},
        {" \n\t", 3, "empty"},
        {"{\"a\":1}", 0, "not a JSON array"},
        {"text,to,decision,From,year,notes\r\n", 0, "not a JSON array"},
        {"\xEF\xBB[]", 0, "not a JSON array"},
        {"[{\"a\":1}]x", 9, "after the closing"},
        {"[{\"a\":1}] ]", 10, "after the closing"},
        {"[{\"a\":1}],", 9, "after the closing"},
        {"[]{}", 2, "after the closing"},
        {"[{\"a\":1}{\"b\":2}]", 8, "',' or ']'"},
        {"[{\"a\":1} 2]", 9, "',' or ']'"},
        {"[{\"a\":1},]", 9, "comma before"},
        {"[,{\"a\":1}]", 1, "should start"},
        {"[}]", 1, "should start"},
        {"[x]", 1, "should start"},
        {"[{\"a\":[1}]", 8, "closes a '['"},
        {"[{\"a\":1]]", 7, "closes a '{'"},
        {"[{\"a\":1}", 8, "before the closing"},
        {"[{\"a\":1},", 9, "before the closing"},
        {"[", 1, "before the closing"},
        {"[1", 2, "before the closing"},
        {"[{\"a\":\"x", 8, "inside a string in element 0"},
        {"[{\"a\":\"x\\", 9, "inside a string"},
        {"[{},{\"a\":[{", 11, "inside element 1"},
        {"[\"abc", 5, "inside a string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t chunk = 1; chunk <= 4; chunk += 3) {
            got g;
            got_init(&g);
            hr_json_stream_error err;
            memset(&err, 0, sizeof err);
            int rc = split(&g, &err, cases[i].input, chunk, 0);
            if (rc != HR_EPARSE || err.offset != cases[i].offset ||
                strstr(err.reason, cases[i].reason) == NULL)
                fail_msg("case %zu \"%s\": rc %d, offset %llu, reason \"%s\"", i, cases[i].input,
                         rc, (unsigned long long)err.offset, err.reason);
            got_free(&g);
        }
    }
}

/* Builds "[{"a":" + (levels - 1) '[' + (levels - 1) ']' + "}]". */
static char *nested(int levels)
{
    size_t n = (size_t)levels;
    char *s = malloc(2 * n + 16);
    assert_non_null(s);
    size_t at = 0;
    memcpy(s, "[{\"a\":", 6);
    at = 6;
    for (size_t i = 1; i < n; i++)
        s[at++] = '[';
    for (size_t i = 1; i < n; i++)
        s[at++] = ']';
    memcpy(s + at, "}]", 3);
    return s;
}

static void test_depth_limit(void **state)
{
    (void)state;
    got g;
    got_init(&g);
    char *ok = nested(HR_JSON_STREAM_DEPTH_MAX);
    assert_int_equal(split(&g, NULL, ok, 5, 0), 0);
    assert_int_equal(g.count, 1);
    got_free(&g);
    char *deep = nested(HR_JSON_STREAM_DEPTH_MAX + 1);
    hr_json_stream_error err;
    assert_int_equal(split(&g, &err, deep, 5, 0), HR_EPARSE);
    assert_int_equal(err.offset, 6 + HR_JSON_STREAM_DEPTH_MAX - 1);
    assert_non_null(strstr(err.reason, "deeper"));
    got_free(&g);
    free(ok);
    free(deep);
}

/*
 * Every proper prefix of a valid file is an error, whatever the chunk size,
 * and what was delivered before the error is a prefix of the full result.
 */
static void assert_prefixes_fail(const char *input, size_t len, size_t max)
{
    got full;
    got_init(&full);
    assert_int_equal(split_with(&full, NULL, input, len, 0, max, on_reject), 0);
    const size_t chunks[] = {1, 2, 7, 64, 0};
    for (size_t cut = 0; cut < len; cut++) {
        for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            got g;
            got_init(&g);
            hr_json_stream_error err;
            int rc = split_with(&g, &err, input, cut, chunks[c], max, on_reject);
            if (rc != HR_EPARSE)
                fail_msg("prefix of %zu bytes, chunk %zu: rc %d", cut, chunks[c], rc);
            assert_true(err.offset <= cut);
            assert_true(g.count <= full.count);
            for (size_t i = 0; i < g.count; i++)
                assert_string_equal(g.bytes[i], full.bytes[i]);
            got_free(&g);
        }
    }
    got_free(&full);
}

static void test_every_prefix_fails(void **state)
{
    (void)state;
    const char *input = "\xEF\xBB\xBF [ {\"a\":\"x]\\\"y\\\\\",\"b\":[1,{\"c\":null}]} ,\n"
                        "{\"d\":\"\\u00e9}\"}, [2], \"s\", 3, "
                        "{\"big\":\"0123456789012345678901234567890123456789\"}]";
    assert_prefixes_fail(input, strlen(input), 40);
}

/* Reads a file of tests/data/uhri/ whole; *len gets its size. */
static char *read_fixture(const char *name, size_t *len)
{
    const char *home = getenv("HRTRACK_HOME");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/uhri/%s", home && *home ? home : ".", name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s (set HRTRACK_HOME to the source tree)", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size >= 0);
    rewind(f);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
    data[size] = '\0';
    fclose(f);
    *len = (size_t)size;
    return data;
}

static void test_fixture_mixed(void **state)
{
    (void)state;
    size_t len = 0, expected_len = 0;
    char *data = read_fixture("fixture-mixed.json", &len);
    char *expected_text = read_fixture("fixture-mixed.expected.json", &expected_len);
    json_t *expected = json_loadb(expected_text, expected_len, 0, NULL);
    assert_non_null(expected);
    const size_t chunks[] = {0, 1000, 4096};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        got g;
        got_init(&g);
        g.parse = 1;
        assert_int_equal(split_with(&g, NULL, data, len, chunks[c], 0, on_reject), 0);
        assert_int_equal(g.reject_count, 0);
        assert_int_equal(g.count, json_object_size(expected));
        for (size_t i = 0; i < g.count; i++) {
            json_t *rec = json_loads(g.bytes[i], 0, NULL);
            const char *id = json_string_value(json_object_get(rec, "AnnotationId"));
            assert_non_null(id);
            assert_non_null(json_object_get(expected, id));
            json_decref(rec);
        }
        got_free(&g);
    }
    json_decref(expected);
    free(expected_text);
    free(data);
}

/* The "(record)" line of fixture-bad-records.expected.tsv: the one the splitter rejects. */
static long not_object_index(void)
{
    size_t len = 0;
    char *tsv = read_fixture("fixture-bad-records.expected.tsv", &len);
    long index = -1;
    for (char *line = tsv; line != NULL && *line != '\0';) {
        char *next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        if (strstr(line, "\tnot_object") != NULL)
            index = strtol(line, NULL, 10);
        line = next;
    }
    free(tsv);
    return index;
}

static void test_fixture_bad_records(void **state)
{
    (void)state;
    size_t len = 0;
    char *data = read_fixture("fixture-bad-records.json", &len);
    long array_index = not_object_index();
    assert_true(array_index >= 0);
    got g;
    got_init(&g);
    g.parse = 1;
    assert_int_equal(split_with(&g, NULL, data, len, 0, 0, on_reject), 0);
    assert_int_equal(g.reject_count, 1);
    assert_int_equal(g.reject_why[0], HR_JSON_STREAM_NOT_OBJECT);
    assert_int_equal(g.reject_index[0], (size_t)array_index);
    size_t total = g.count + 1;
    got_free(&g);
    /* With a 64 KiB limit the 100 KB text is refused here already, and only it. */
    got_init(&g);
    assert_int_equal(split_with(&g, NULL, data, len, 4096, 65536, on_reject), 0);
    assert_int_equal(g.reject_count, 2);
    assert_int_equal(g.count + 2, total);
    int too_large = 0;
    for (size_t i = 0; i < 2; i++)
        too_large += g.reject_why[i] == HR_JSON_STREAM_TOO_LARGE && g.reject_len[i] > 100000;
    assert_int_equal(too_large, 1);
    got_free(&g);
    free(data);
}

static void test_fixture_broken_files(void **state)
{
    (void)state;
    size_t len = 0;
    hr_json_stream_error err;
    got g;
    got_init(&g);
    char *data = read_fixture("fixture-truncated.json", &len);
    assert_int_equal(split_with(&g, &err, data, len, 0, 0, on_reject), HR_EPARSE);
    assert_int_equal(err.offset, len);
    assert_int_equal(g.count, 5); /* cut inside the sixth record */
    got_free(&g);
    free(data);
    data = read_fixture("fixture-not-json.json", &len);
    assert_int_equal(split_with(&g, &err, data, len, 0, 0, on_reject), HR_EPARSE);
    assert_int_equal(err.offset, 0);
    assert_int_equal(g.count, 0);
    got_free(&g);
    free(data);
}

static void test_runs_once(void **state)
{
    (void)state;
    const char *input = "[]";
    FILE *f = fmemopen((void *)input, 2, "rb");
    assert_non_null(f);
    hr_json_stream *s = NULL;
    assert_int_equal(hr_json_stream_new(&s, f, 0, 0), 0);
    got g;
    got_init(&g);
    assert_int_equal(hr_json_stream_run(s, on_element, on_reject, &g, NULL), 0);
    assert_int_equal(hr_json_stream_run(s, on_element, on_reject, &g, NULL), HR_EINVAL);
    hr_json_stream_free(s);
    hr_json_stream_free(NULL);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_strings_that_look_like_structure),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_whitespace_and_bom),
        cmocka_unit_test(test_empty_arrays),
        cmocka_unit_test(test_not_objects_are_rejected),
        cmocka_unit_test(test_oversized_is_skipped),
        cmocka_unit_test(test_rejects_without_a_callback),
        cmocka_unit_test(test_callback_error_stops),
        cmocka_unit_test(test_hard_errors),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_every_prefix_fails),
        cmocka_unit_test(test_fixture_mixed),
        cmocka_unit_test(test_fixture_bad_records),
        cmocka_unit_test(test_fixture_broken_files),
        cmocka_unit_test(test_runs_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
