/*
 * libFuzzer target for request bodies (lib/core/json_spec.c): arbitrary
 * bytes are parsed with hr_json_parse_body, as the server does with every
 * body, and checked against a spec with one field of every type. Beyond
 * "no crash, no leak, no overread" (run it under ASan and UBSan) it checks
 * what a handler relies on:
 *   - parsing answers 0 with an object or any JSON value, or HR_EPARSE with
 *     no value and the field "body";
 *   - the check answers 0 or HR_EUNPROCESSABLE, and a refusal always names
 *     a field: "body", a field of the spec, or a key of the body;
 *   - an accepted body has every required field, no unknown key, and
 *     strings without an embedded NUL, so that the getters can be trusted.
 *
 * scripts/fuzz-smoke builds it with every source of lib/core and lib/domain:
 *   scripts/fuzz-smoke 60 json_spec
 */
#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"ministry", "agency", "nhri", NULL};

static const hr_field spec[] = {
    {"name", HR_FIELD_STRING, 1, 1, 20, NULL},        {"note", HR_FIELD_STRING, 0, 0, 0, NULL},
    {"count", HR_FIELD_INTEGER, 0, -5, 1000, NULL},   {"amount", HR_FIELD_DECIMAL, 0, 0, 0, NULL},
    {"active", HR_FIELD_BOOLEAN, 0, 0, 0, NULL},      {"day", HR_FIELD_DATE, 0, 0, 0, NULL},
    {"kind", HR_FIELD_CHOICE, 0, 0, 0, kinds},        {"ids", HR_FIELD_ID_ARRAY, 0, 0, 8, NULL},
    {"kinds", HR_FIELD_CHOICE_ARRAY, 0, 1, 3, kinds}, {"extra", HR_FIELD_OBJECT, 0, 0, 4, NULL},
};
#define SPEC_COUNT (sizeof spec / sizeof spec[0])

static const hr_field *spec_field(const char *name)
{
    for (size_t i = 0; i < SPEC_COUNT; i++) {
        if (strcmp(spec[i].name, name) == 0)
            return &spec[i];
    }
    return NULL;
}

/* What must hold of a body the check accepted. */
static void check_accepted(const json_t *body)
{
    if (!json_is_object(body))
        abort();
    for (size_t i = 0; i < SPEC_COUNT; i++) {
        const json_t *value = json_object_get(body, spec[i].name);
        if (spec[i].required && (value == NULL || json_is_null(value)))
            abort();
        if (json_is_string(value) && strlen(json_string_value(value)) != json_string_length(value))
            abort();
    }
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)body, key, value)
    {
        if (spec_field(key) == NULL)
            abort();
    }
    const char *name = hr_json_string(body, "name");
    if (name == NULL || name[0] == '\0')
        abort();
    long long count = 0;
    if (hr_json_integer(&count, body, "count") && (count < -5 || count > 1000))
        abort();
}

/* libFuzzer's entry point; declared here as libFuzzer has no header for it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *body = NULL;
    const char *bad = NULL;
    int rc = hr_json_parse_body(&body, (const char *)data, size, &bad);
    if (rc != 0) {
        if (rc != HR_EPARSE || body != NULL || bad == NULL || strcmp(bad, "body") != 0)
            abort();
        return 0;
    }
    if (body == NULL || bad != NULL)
        abort();
    rc = hr_json_check(body, spec, SPEC_COUNT, &bad);
    if (rc == 0) {
        if (bad != NULL)
            abort();
        check_accepted(body);
    } else {
        if (rc != HR_EUNPROCESSABLE || bad == NULL)
            abort();
        if (strcmp(bad, "body") != 0 && spec_field(bad) == NULL &&
            json_object_get(body, bad) == NULL)
            abort();
    }
    json_decref(body);
    return 0;
}
