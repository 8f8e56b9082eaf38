/*
 * Request bodies checked against a declarative spec.
 *
 * Each writing endpoint lists the fields it takes (name, type, whether
 * required, bounds) in a small table and makes one call; the answer names
 * the first field at fault, so that the API's 422 says which one. After a
 * successful check the handler may read the fields with the getters below
 * without re-checking types. Unknown fields are refused: a typo in a field
 * name must not be silently ignored.
 */
#ifndef HRTRACK_JSON_SPEC_H
#define HRTRACK_JSON_SPEC_H

#include <jansson.h>
#include <stddef.h>

typedef enum hr_field_type {
    HR_FIELD_STRING,   /* min/max: length in characters (code points) */
    HR_FIELD_INTEGER,  /* min/max: value */
    HR_FIELD_DECIMAL,  /* a number, or a string of digits with an optional fraction; min/max unused
                        */
    HR_FIELD_BOOLEAN,  /* */
    HR_FIELD_DATE,     /* "YYYY-MM-DD", a real calendar date */
    HR_FIELD_CHOICE,   /* a string among `choices` */
    HR_FIELD_ID_ARRAY, /* an array of positive integers; min/max: number of elements */
    HR_FIELD_CHOICE_ARRAY, /* an array of strings among `choices`, no repeats; min/max: count */
    HR_FIELD_OBJECT,       /* any JSON object (checked by the caller); max: number of keys */
    HR_FIELD_ARRAY,        /* any JSON array (elements checked by the caller); min/max: count */
} hr_field_type;

typedef struct hr_field {
    const char *name;
    hr_field_type type;
    int required; /* must be present and not null */
    long long min;
    long long max;
    const char *const *choices; /* NULL-terminated, for the CHOICE types */
} hr_field;

/*
 * Checks that `body` is an object whose keys are all in fields[0..count)
 * and whose values fit their specs. A value may be null when the field is
 * not required (the caller reads it as "clear"). Returns 0, or
 * HR_EUNPROCESSABLE with *bad_field set to the field's name: the spec's
 * string, "body" when the body is not an object, or an unknown key of the
 * body (valid as long as `body` is).
 */
int hr_json_check(const json_t *body, const hr_field *fields, size_t count, const char **bad_field);

/*
 * Parses a request body of `len` bytes. Returns 0 and a new reference in
 * *out, or HR_EPARSE (not JSON; *bad_field = "body"). An empty body is
 * HR_EPARSE too.
 */
int hr_json_parse_body(json_t **out, const char *text, size_t len, const char **bad_field);

/* The string value of `name`, or NULL when absent, null or not a string. */
const char *hr_json_string(const json_t *body, const char *name);

/* Whether `name` is present (null included). */
int hr_json_has(const json_t *body, const char *name);

/*
 * The integer value of `name` in *out. Returns 1 when present and an
 * integer, 0 otherwise (*out is then left alone).
 */
int hr_json_integer(long long *out, const json_t *body, const char *name);

#endif
