/*
 * Request bodies against a declarative spec (lib/core/json_spec.c): every
 * field type with its bounds, required against null, the name of the field
 * at fault, real calendar dates, decimals as numbers or digit strings, and
 * parsing (not JSON, empty, duplicate keys).
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"

#include <stdio.h>
#include <string.h>

static const char *const colours[] = {"red", "green", "blue", NULL};

/* One field of each type; only "name" is required. */
static const hr_field spec[] = {
    {"name", HR_FIELD_STRING, 1, 2, 5, NULL},
    {"note", HR_FIELD_STRING, 0, 0, 0, NULL}, /* max 0: no upper bound */
    {"count", HR_FIELD_INTEGER, 0, -3, 10, NULL},
    {"amount", HR_FIELD_DECIMAL, 0, 0, 0, NULL},
    {"flag", HR_FIELD_BOOLEAN, 0, 0, 0, NULL},
    {"day", HR_FIELD_DATE, 0, 0, 0, NULL},
    {"colour", HR_FIELD_CHOICE, 0, 0, 0, colours},
    {"ids", HR_FIELD_ID_ARRAY, 0, 1, 3, NULL},
    {"colours", HR_FIELD_CHOICE_ARRAY, 0, 0, 2, colours},
    {"extra", HR_FIELD_OBJECT, 0, 0, 2, NULL},
};
#define SPEC_COUNT (sizeof spec / sizeof spec[0])

/*
 * Parses `text` and checks it; returns the check's result and copies the
 * field at fault (or "") into `field`, since it may point into the body.
 */
static int check_text(const char *text, char field[32])
{
    json_error_t error;
    json_t *body = json_loads(text, JSON_REJECT_DUPLICATES, &error);
    if (body == NULL)
        fail_msg("test body is not JSON: %s (%s)", text, error.text);
    const char *bad = "unset";
    int rc = hr_json_check(body, spec, SPEC_COUNT, &bad);
    snprintf(field, 32, "%s", bad ? bad : "");
    json_decref(body);
    return rc;
}

/* `value` given as "field" in a body that is otherwise valid. */
static int check_one(const char *field_name, const char *value, char field[32])
{
    char text[256];
    snprintf(text, sizeof text, "{\"name\": \"ok\", \"%s\": %s}", field_name, value);
    return check_text(text, field);
}

#define assert_accepted(name, value)                                                               \
    do {                                                                                           \
        char f_[32];                                                                               \
        if (check_one(name, value, f_) != 0)                                                       \
            fail_msg("%s = %s refused (field %s)", name, value, f_);                               \
        assert_string_equal(f_, "");                                                               \
    } while (0)

#define assert_refused(name, value)                                                                \
    do {                                                                                           \
        char f_[32];                                                                               \
        if (check_one(name, value, f_) != HR_EUNPROCESSABLE)                                       \
            fail_msg("%s = %s accepted", name, value);                                             \
        assert_string_equal(f_, name);                                                             \
    } while (0)

static void test_minimal_and_full_bodies(void **state)
{
    (void)state;
    char field[32];
    assert_int_equal(check_text("{\"name\": \"ab\"}", field), 0);
    assert_string_equal(field, "");
    assert_int_equal(check_text("{\"name\": \"abcde\", \"note\": \"anything\", \"count\": 10,"
                                " \"amount\": \"12.50\", \"flag\": false, \"day\": \"2024-02-29\","
                                " \"colour\": \"red\", \"ids\": [1, 2, 3],"
                                " \"colours\": [\"red\", \"blue\"], \"extra\": {\"a\": 1}}",
                                field),
                     0);
}

static void test_required_and_null(void **state)
{
    (void)state;
    char field[32];
    assert_int_equal(check_text("{}", field), HR_EUNPROCESSABLE);
    assert_string_equal(field, "name");
    /* Required means present and not null. */
    assert_int_equal(check_text("{\"name\": null}", field), HR_EUNPROCESSABLE);
    assert_string_equal(field, "name");
    /* An optional field may be null, whatever its type ("clear it"). */
    const char *optional[] = {"note",   "count", "amount",  "flag", "day",
                              "colour", "ids",   "colours", "extra"};
    for (size_t i = 0; i < sizeof optional / sizeof optional[0]; i++)
        assert_accepted(optional[i], "null");
}

static void test_unknown_field_is_named(void **state)
{
    (void)state;
    char field[32];
    assert_int_equal(check_text("{\"name\": \"ok\", \"colur\": \"red\"}", field),
                     HR_EUNPROCESSABLE);
    assert_string_equal(field, "colur");
    /* Even when a required field is missing too, some field is named. */
    assert_int_equal(check_text("{\"nmae\": \"ok\"}", field), HR_EUNPROCESSABLE);
    assert_true(strcmp(field, "nmae") == 0 || strcmp(field, "name") == 0);
}

static void test_body_not_an_object(void **state)
{
    (void)state;
    const char *bodies[] = {"[]", "[{\"name\": \"ok\"}]", "\"name\"", "42", "null", "true"};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        json_t *body = json_loads(bodies[i], JSON_DECODE_ANY, NULL);
        assert_non_null(body);
        const char *bad = NULL;
        assert_int_equal(hr_json_check(body, spec, SPEC_COUNT, &bad), HR_EUNPROCESSABLE);
        assert_string_equal(bad, "body");
        json_decref(body);
    }
    const char *bad = NULL;
    assert_int_equal(hr_json_check(NULL, spec, SPEC_COUNT, &bad), HR_EUNPROCESSABLE);
    assert_string_equal(bad, "body");
}

static void test_string_bounds_count_characters(void **state)
{
    (void)state;
    char field[32];
    assert_int_equal(check_text("{\"name\": \"a\"}", field), HR_EUNPROCESSABLE);
    assert_string_equal(field, "name");
    assert_int_equal(check_text("{\"name\": \"abcdef\"}", field), HR_EUNPROCESSABLE);
    assert_string_equal(field, "name");
    /* Five characters in ten bytes: the limit is in characters. */
    assert_int_equal(check_text("{\"name\": \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}", field),
                     0);
    /* Five characters, one of them outside the BMP (four bytes, \ud83d\ude00). */
    assert_int_equal(check_text("{\"name\": \"abc\\u00e9\\ud83d\\ude00\"}", field), 0);
    /* Six. */
    assert_int_equal(check_text("{\"name\": \"abcd\\u00e9\\ud83d\\ude00\"}", field),
                     HR_EUNPROCESSABLE);
    assert_accepted("note", "\"\"");
    assert_refused("note", "12");
    assert_refused("note", "[\"a\"]");
}

/*
 * An escaped NUL never reaches a handler: the parser refuses it, and a
 * string holding one (built by other means) fails the check as well, so
 * that no C string silently ends early.
 */
static void test_embedded_nul_is_refused(void **state)
{
    (void)state;
    const char *texts[] = {"{\"name\": \"a\\u0000b\"}", "{\"name\": \"ok\", \"note\": \"\\u0000\"}",
                           "{\"na\\u0000me\": \"ok\"}"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        json_t *body = NULL;
        const char *bad = NULL;
        assert_int_equal(hr_json_parse_body(&body, texts[i], strlen(texts[i]), &bad), HR_EPARSE);
        assert_null(body);
        assert_string_equal(bad, "body");
    }
    json_t *body = json_object();
    json_object_set_new(body, "name", json_stringn("a\0b", 3));
    const char *bad = NULL;
    assert_int_equal(hr_json_check(body, spec, SPEC_COUNT, &bad), HR_EUNPROCESSABLE);
    assert_string_equal(bad, "name");
    json_object_set_new(body, "name", json_string("ab"));
    json_object_set_new(body, "note", json_stringn("text\0", 5));
    assert_int_equal(hr_json_check(body, spec, SPEC_COUNT, &bad), HR_EUNPROCESSABLE);
    assert_string_equal(bad, "note");
    json_object_set_new(body, "note", json_stringn("text", 4));
    assert_int_equal(hr_json_check(body, spec, SPEC_COUNT, &bad), 0);
    json_decref(body);
}

static void test_integer_bounds(void **state)
{
    (void)state;
    assert_accepted("count", "-3");
    assert_accepted("count", "0");
    assert_accepted("count", "10");
    assert_refused("count", "-4");
    assert_refused("count", "11");
    assert_refused("count", "2.0"); /* a real, even a whole one */
    assert_refused("count", "\"5\"");
    assert_refused("count", "true");
    assert_refused("count", "9223372036854775807");
}

static void test_decimals(void **state)
{
    (void)state;
    const char *good[] = {"12",       "-7",        "12.5",
                          "1e5",      "\"12.50\"", "\"12\"",
                          "\"-0.5\"", "\"0\"",     "\"9999999999999999.9999\""};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_accepted("amount", good[i]);
    const char *bad[] = {"\"1e5\"", "\"12.\"", "\"abc\"", "\"\"", "\".5\"", "\"-\"", "\"+1\"",
                         "\" 12\"", "\"12 \"", "\"1,5\"", "\"12.34567\"",
                         /* 17 digits before the point */
                         "\"12345678901234567\"", "1e300", "true", "[1]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused("amount", bad[i]);
}

static void test_booleans(void **state)
{
    (void)state;
    assert_accepted("flag", "true");
    assert_accepted("flag", "false");
    assert_refused("flag", "0");
    assert_refused("flag", "\"true\"");
}

static void test_dates(void **state)
{
    (void)state;
    const char *good[] = {"\"2024-02-29\"", "\"2000-02-29\"", "\"2023-02-28\"", "\"2023-12-31\"",
                          "\"2023-01-01\"", "\"1900-01-01\"", "\"2200-12-31\"", "\"2023-04-30\""};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_accepted("day", good[i]);
    const char *bad[] = {
        "\"2023-02-29\"", /* not a leap year */
        "\"1900-02-29\"", /* divisible by 100, not by 400 */
        "\"2024-02-30\"",  "\"2023-04-31\"", "\"2023-13-01\"", "\"2023-00-10\"",
        "\"2023-01-00\"",  "\"2023-01-32\"", "\"1899-12-31\"", "\"2201-01-01\"",
        "\"2023-1-01\"",   "\"2023/01/01\"", "\"20230101\"",   "\"2023-01-01T00:00\"",
        "\" 2023-01-01\"", "\"2023-01-0a\"", "20230101",       "\"\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_refused("day", bad[i]);
}

static void test_choices(void **state)
{
    (void)state;
    assert_accepted("colour", "\"green\"");
    assert_refused("colour", "\"Green\"");
    assert_refused("colour", "\"\"");
    assert_refused("colour", "1");
    assert_refused("colour", "[\"red\"]");
}

static void test_id_arrays(void **state)
{
    (void)state;
    assert_accepted("ids", "[1]");
    assert_accepted("ids", "[5, 5, 7]"); /* repeats are the caller's business here */
    assert_refused("ids", "[]");         /* min 1 */
    assert_refused("ids", "[1, 2, 3, 4]");
    assert_refused("ids", "[0]");
    assert_refused("ids", "[-1]");
    assert_refused("ids", "[1.5]");
    assert_refused("ids", "[\"1\"]");
    assert_refused("ids", "[null]");
    assert_refused("ids", "1");
}

static void test_choice_arrays(void **state)
{
    (void)state;
    assert_accepted("colours", "[]");
    assert_accepted("colours", "[\"red\"]");
    assert_accepted("colours", "[\"blue\", \"red\"]");
    assert_refused("colours", "[\"red\", \"red\"]");
    assert_refused("colours", "[\"red\", \"green\", \"blue\"]"); /* max 2 */
    assert_refused("colours", "[\"pink\"]");
    assert_refused("colours", "[1]");
    assert_refused("colours", "[null]");
    assert_refused("colours", "\"red\"");
}

static void test_objects(void **state)
{
    (void)state;
    assert_accepted("extra", "{}");
    assert_accepted("extra", "{\"a\": [1], \"b\": {\"c\": null}}");
    assert_refused("extra", "{\"a\": 1, \"b\": 2, \"c\": 3}"); /* max 2 keys */
    assert_refused("extra", "[]");
    assert_refused("extra", "\"{}\"");
}

static void test_parse_body(void **state)
{
    (void)state;
    json_t *body = NULL;
    const char *bad = NULL;
    const char ok[] = "{\"name\": \"ab\"}";
    assert_int_equal(hr_json_parse_body(&body, ok, strlen(ok), &bad), 0);
    assert_null(bad);
    assert_true(json_is_object(body));
    assert_string_equal(hr_json_string(body, "name"), "ab");
    json_decref(body);

    const char *refused[] = {
        "", "{", "{\"name\": }", "not json", "{\"a\": 1, \"a\": 2}", "{\"a\": 1} {\"b\": 2}"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        body = (json_t *)1;
        bad = NULL;
        assert_int_equal(hr_json_parse_body(&body, refused[i], strlen(refused[i]), &bad),
                         HR_EPARSE);
        assert_null(body);
        assert_string_equal(bad, "body");
    }
    assert_int_equal(hr_json_parse_body(&body, NULL, 0, &bad), HR_EPARSE);
    assert_string_equal(bad, "body");

    /* The length counts, not a terminating NUL: trailing bytes are read. */
    const char trailing[] = "{\"name\": \"ab\"}xyz";
    assert_int_equal(hr_json_parse_body(&body, trailing, strlen(trailing), &bad), HR_EPARSE);
    assert_int_equal(hr_json_parse_body(&body, trailing, strlen(trailing) - 3, &bad), 0);
    json_decref(body);
}

static void test_getters(void **state)
{
    (void)state;
    json_t *body =
        json_pack("{s:s, s:I, s:n, s:f}", "s", "text", "i", (json_int_t)42, "z", "r", 1.5);
    long long n = -1;
    assert_string_equal(hr_json_string(body, "s"), "text");
    assert_null(hr_json_string(body, "i"));
    assert_null(hr_json_string(body, "z"));
    assert_null(hr_json_string(body, "missing"));
    assert_true(hr_json_has(body, "z"));
    assert_false(hr_json_has(body, "missing"));
    assert_int_equal(hr_json_integer(&n, body, "i"), 1);
    assert_int_equal(n, 42);
    assert_int_equal(hr_json_integer(&n, body, "r"), 0);
    assert_int_equal(hr_json_integer(&n, body, "s"), 0);
    assert_int_equal(n, 42); /* left alone */
    json_decref(body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_and_full_bodies),
        cmocka_unit_test(test_required_and_null),
        cmocka_unit_test(test_unknown_field_is_named),
        cmocka_unit_test(test_body_not_an_object),
        cmocka_unit_test(test_string_bounds_count_characters),
        cmocka_unit_test(test_embedded_nul_is_refused),
        cmocka_unit_test(test_integer_bounds),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_booleans),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_choices),
        cmocka_unit_test(test_id_arrays),
        cmocka_unit_test(test_choice_arrays),
        cmocka_unit_test(test_objects),
        cmocka_unit_test(test_parse_body),
        cmocka_unit_test(test_getters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
