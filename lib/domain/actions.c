/*
 * The rules an action or an indicator must satisfy as a whole, whatever
 * the transport (see actions.h). Field types and lengths are checked by
 * the handlers' specs (json_spec.h); what is here spans several fields or
 * must hold after a partial update, so it is checked on the resource as it
 * would be after the write. The schema holds the same constraints, so a
 * bug here cannot store bad data; this only names the field for the 422.
 */
#include "hrtrack/actions.h"

#include "hrtrack/error.h"

#include <string.h>

/* Whether `name` is present with a non-null value. */
static int has_value(const json_t *object, const char *name)
{
    const json_t *value = json_object_get(object, name);
    return value != NULL && !json_is_null(value);
}

/* A budget fits numeric(18, 2): not negative, at most 16 digits and 2 decimals. */
static int amount_ok(const json_t *value)
{
    if (json_is_integer(value))
        return json_integer_value(value) >= 0;
    if (json_is_real(value)) {
        double cents = json_real_value(value) * 100.0;
        if (cents < 0 || cents >= 1e17)
            return 0;
        double rest = cents - (double)(long long)(cents + 0.5);
        return rest > -1e-6 && rest < 1e-6;
    }
    const char *s = json_string_value(value);
    if (s == NULL || s[0] == '-')
        return 0;
    const char *point = strchr(s, '.');
    size_t digits = point ? (size_t)(point - s) : strlen(s);
    return digits <= 16 && (point == NULL || strlen(point + 1) <= 2);
}

static int currency_ok(const char *s)
{
    if (s == NULL || strlen(s) != 3)
        return 0;
    for (int i = 0; i < 3; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    }
    return 1;
}

static int check_budget(const char **field, const json_t *a)
{
    int amount = has_value(a, "budget_amount"), currency = has_value(a, "budget_currency");
    if (amount && !amount_ok(json_object_get(a, "budget_amount")))
        *field = "budget_amount";
    else if (currency && !currency_ok(json_string_value(json_object_get(a, "budget_currency"))))
        *field = "budget_currency";
    else if (amount != currency)
        *field = amount ? "budget_currency" : "budget_amount";
    return *field ? HR_EUNPROCESSABLE : 0;
}

int hr_action_check(const char **field, const json_t *action)
{
    *field = NULL;
    static const char *const required[] = {"title", "institution_id", "status"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (!has_value(action, required[i]) && (i < 2 || json_object_get(action, required[i]))) {
            *field = required[i];
            return HR_EUNPROCESSABLE;
        }
    }
    const char *start = json_string_value(json_object_get(action, "start_date"));
    const char *due = json_string_value(json_object_get(action, "due_date"));
    /* ISO dates compare as strings. */
    if (start != NULL && due != NULL && strcmp(due, start) < 0) {
        *field = "due_date";
        return HR_EUNPROCESSABLE;
    }
    return check_budget(field, action);
}

int hr_indicator_check(const char **field, const json_t *indicator)
{
    *field = NULL;
    if (has_value(indicator, "action_id") == has_value(indicator, "recommendation_id")) {
        *field = "action_id";
        return HR_EUNPROCESSABLE;
    }
    static const char *const required[] = {"definition", "unit", "reporting_schedule"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (!has_value(indicator, required[i]) &&
            (i < 2 || json_object_get(indicator, required[i]))) {
            *field = required[i];
            return HR_EUNPROCESSABLE;
        }
    }
    return 0;
}
