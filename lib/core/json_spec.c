/*
 * Request bodies checked against a declarative spec (see json_spec.h).
 */
#include "hrtrack/json_spec.h"

#include "hrtrack/error.h"

#include <string.h>

/* Code points in a valid UTF-8 string (jansson guarantees validity). */
static size_t utf8_length(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    }
    return n;
}

static int check_string(const json_t *value, const hr_field *f)
{
    if (!json_is_string(value))
        return HR_EUNPROCESSABLE;
    const char *s = json_string_value(value);
    size_t bytes = json_string_length(value);
    if (strlen(s) != bytes) /* an escaped \u0000 inside */
        return HR_EUNPROCESSABLE;
    long long chars = (long long)utf8_length(s, bytes);
    if (chars < f->min || (f->max > 0 && chars > f->max))
        return HR_EUNPROCESSABLE;
    return 0;
}

static int is_leap(long year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int check_date(const json_t *value)
{
    if (!json_is_string(value) || json_string_length(value) != 10)
        return HR_EUNPROCESSABLE;
    const char *s = json_string_value(value);
    for (int i = 0; i < 10; i++) {
        int dash = (i == 4 || i == 7);
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return HR_EUNPROCESSABLE;
    }
    long year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1)
        return HR_EUNPROCESSABLE;
    int max_day = days[month - 1] + (month == 2 && is_leap(year));
    return day <= max_day ? 0 : HR_EUNPROCESSABLE;
}

/* At most 16 digits before the point and 4 after: what numeric columns hold. */
static int check_decimal(const json_t *value)
{
    if (json_is_integer(value))
        return 0;
    if (json_is_real(value)) {
        double d = json_real_value(value);
        return (d > -1e15 && d < 1e15) ? 0 : HR_EUNPROCESSABLE;
    }
    if (!json_is_string(value))
        return HR_EUNPROCESSABLE;
    const char *s = json_string_value(value);
    size_t i = (s[0] == '-') ? 1 : 0, digits = 0, fraction = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (s[i] == '.') {
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            fraction++;
        if (fraction == 0)
            return HR_EUNPROCESSABLE;
    }
    return (s[i] == '\0' && digits >= 1 && digits <= 16 && fraction <= 4) ? 0 : HR_EUNPROCESSABLE;
}

static int in_choices(const char *s, const char *const *choices)
{
    for (size_t i = 0; s != NULL && choices != NULL && choices[i] != NULL; i++) {
        if (strcmp(s, choices[i]) == 0)
            return 1;
    }
    return 0;
}

static int check_count(size_t n, const hr_field *f)
{
    return ((long long)n < f->min || (f->max > 0 && (long long)n > f->max)) ? HR_EUNPROCESSABLE : 0;
}

static int check_array(const json_t *value, const hr_field *f)
{
    if (!json_is_array(value) || check_count(json_array_size(value), f) != 0)
        return HR_EUNPROCESSABLE;
    size_t i;
    const json_t *item;
    json_array_foreach(value, i, item)
    {
        if (f->type == HR_FIELD_ID_ARRAY) {
            if (!json_is_integer(item) || json_integer_value(item) <= 0)
                return HR_EUNPROCESSABLE;
            continue;
        }
        if (!in_choices(json_string_value(item), f->choices))
            return HR_EUNPROCESSABLE;
        for (size_t j = 0; j < i; j++) {
            if (strcmp(json_string_value(json_array_get(value, j)), json_string_value(item)) == 0)
                return HR_EUNPROCESSABLE;
        }
    }
    return 0;
}

static int check_value(const json_t *value, const hr_field *f)
{
    switch (f->type) {
    case HR_FIELD_STRING:
        return check_string(value, f);
    case HR_FIELD_INTEGER:
        if (!json_is_integer(value))
            return HR_EUNPROCESSABLE;
        return (json_integer_value(value) < f->min || json_integer_value(value) > f->max)
                   ? HR_EUNPROCESSABLE
                   : 0;
    case HR_FIELD_DECIMAL:
        return check_decimal(value);
    case HR_FIELD_BOOLEAN:
        return json_is_boolean(value) ? 0 : HR_EUNPROCESSABLE;
    case HR_FIELD_DATE:
        return check_date(value);
    case HR_FIELD_CHOICE:
        return in_choices(json_string_value(value), f->choices) ? 0 : HR_EUNPROCESSABLE;
    case HR_FIELD_ID_ARRAY:
    case HR_FIELD_CHOICE_ARRAY:
        return check_array(value, f);
    case HR_FIELD_OBJECT:
        return (json_is_object(value) && check_count(json_object_size(value), f) == 0)
                   ? 0
                   : HR_EUNPROCESSABLE;
    case HR_FIELD_ARRAY:
        return (json_is_array(value) && check_count(json_array_size(value), f) == 0)
                   ? 0
                   : HR_EUNPROCESSABLE;
    }
    return HR_EUNPROCESSABLE;
}

static const hr_field *find_field(const hr_field *fields, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    }
    return NULL;
}

int hr_json_check(const json_t *body, const hr_field *fields, size_t count, const char **bad_field)
{
    *bad_field = NULL;
    if (!json_is_object(body)) {
        *bad_field = "body";
        return HR_EUNPROCESSABLE;
    }
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)body, key, value)
    {
        const hr_field *f = find_field(fields, count, key);
        if (f == NULL) {
            *bad_field = key; /* lives as long as body */
            return HR_EUNPROCESSABLE;
        }
        if (json_is_null(value) ? f->required : check_value(value, f) != 0) {
            *bad_field = f->name;
            return HR_EUNPROCESSABLE;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (fields[i].required && json_object_get(body, fields[i].name) == NULL) {
            *bad_field = fields[i].name;
            return HR_EUNPROCESSABLE;
        }
    }
    return 0;
}

int hr_json_parse_body(json_t **out, const char *text, size_t len, const char **bad_field)
{
    *out = NULL;
    *bad_field = "body";
    if (text == NULL || len == 0)
        return HR_EPARSE;
    json_error_t error;
    json_t *body = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
    if (body == NULL)
        return HR_EPARSE;
    *bad_field = NULL;
    *out = body;
    return 0;
}

const char *hr_json_string(const json_t *body, const char *name)
{
    return json_string_value(json_object_get(body, name));
}

int hr_json_has(const json_t *body, const char *name)
{
    return json_object_get(body, name) != NULL;
}

int hr_json_integer(long long *out, const json_t *body, const char *name)
{
    const json_t *value = json_object_get(body, name);
    if (!json_is_integer(value))
        return 0;
    *out = json_integer_value(value);
    return 1;
}
