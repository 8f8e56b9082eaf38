/*
 * The rules an action or an indicator must satisfy as a whole
 * (lib/domain/actions.c): each refusal names the field a client must fix,
 * and what the schema would accept is accepted.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/actions.h"
#include "hrtrack/error.h"

#include <jansson.h>

/* The field hr_action_check names for `text`, or "" when it accepts it. */
static const char *action_fault(const char *text)
{
    json_t *action = json_loads(text, 0, NULL);
    assert_non_null(action);
    const char *field = NULL;
    int rc = hr_action_check(&field, action);
    json_decref(action);
    if (rc == 0)
        return "";
    assert_int_equal(rc, HR_EUNPROCESSABLE);
    return field;
}

static const char *indicator_fault(const char *text)
{
    json_t *indicator = json_loads(text, 0, NULL);
    assert_non_null(indicator);
    const char *field = NULL;
    int rc = hr_indicator_check(&field, indicator);
    json_decref(indicator);
    return rc == 0 ? "" : field;
}

#define ACTION(extra) "{\"title\":\"t\",\"institution_id\":1" extra "}"

static void test_action_accepted(void **state)
{
    (void)state;
    assert_string_equal(action_fault(ACTION("")), "");
    assert_string_equal(action_fault(ACTION(",\"status\":\"planned\"")), "");
    assert_string_equal(
        action_fault(ACTION(",\"start_date\":\"2025-01-01\",\"due_date\":\"2025-01-01\"")), "");
    assert_string_equal(
        action_fault(ACTION(",\"budget_amount\":\"0\",\"budget_currency\":\"USD\"")), "");
    assert_string_equal(
        action_fault(
            ACTION(",\"budget_amount\":\"9999999999999999.99\",\"budget_currency\":\"EUR\"")),
        "");
    assert_string_equal(action_fault(ACTION(",\"budget_amount\":12.5,\"budget_currency\":\"EUR\"")),
                        "");
    assert_string_equal(action_fault(ACTION(",\"budget_amount\":null,\"budget_currency\":null")),
                        "");
}

static void test_action_refused(void **state)
{
    (void)state;
    assert_string_equal(action_fault("{\"institution_id\":1}"), "title");
    assert_string_equal(action_fault("{\"title\":null,\"institution_id\":1}"), "title");
    assert_string_equal(action_fault("{\"title\":\"t\"}"), "institution_id");
    assert_string_equal(action_fault(ACTION(",\"status\":null")), "status");
    assert_string_equal(
        action_fault(ACTION(",\"start_date\":\"2025-01-02\",\"due_date\":\"2025-01-01\"")),
        "due_date");
    assert_string_equal(action_fault(ACTION(",\"budget_amount\":1")), "budget_currency");
    assert_string_equal(action_fault(ACTION(",\"budget_currency\":\"USD\"")), "budget_amount");
    assert_string_equal(action_fault(ACTION(",\"budget_amount\":-1,\"budget_currency\":\"USD\"")),
                        "budget_amount");
    assert_string_equal(
        action_fault(ACTION(",\"budget_amount\":\"-0.5\",\"budget_currency\":\"USD\"")),
        "budget_amount");
    assert_string_equal(
        action_fault(ACTION(",\"budget_amount\":\"1.005\",\"budget_currency\":\"USD\"")),
        "budget_amount");
    assert_string_equal(
        action_fault(ACTION(",\"budget_amount\":1.005,\"budget_currency\":\"USD\"")),
        "budget_amount");
    assert_string_equal(
        action_fault(
            ACTION(",\"budget_amount\":\"12345678901234567\",\"budget_currency\":\"USD\"")),
        "budget_amount");
    assert_string_equal(action_fault(ACTION(",\"budget_amount\":1,\"budget_currency\":\"usd\"")),
                        "budget_currency");
    assert_string_equal(action_fault(ACTION(",\"budget_amount\":1,\"budget_currency\":\"US$\"")),
                        "budget_currency");
}

static void test_indicator(void **state)
{
    (void)state;
    assert_string_equal(indicator_fault("{\"action_id\":1,\"definition\":\"d\",\"unit\":\"u\"}"),
                        "");
    assert_string_equal(
        indicator_fault("{\"recommendation_id\":1,\"definition\":\"d\",\"unit\":\"u\"}"), "");
    assert_string_equal(indicator_fault("{\"definition\":\"d\",\"unit\":\"u\"}"), "action_id");
    assert_string_equal(indicator_fault("{\"action_id\":1,\"recommendation_id\":2,"
                                        "\"definition\":\"d\",\"unit\":\"u\"}"),
                        "action_id");
    assert_string_equal(
        indicator_fault("{\"action_id\":1,\"action_id\":null,"
                        "\"recommendation_id\":null,\"definition\":\"d\",\"unit\":\"u\"}"),
        "action_id");
    assert_string_equal(indicator_fault("{\"action_id\":1,\"unit\":\"u\"}"), "definition");
    assert_string_equal(indicator_fault("{\"action_id\":1,\"definition\":\"d\",\"unit\":null}"),
                        "unit");
    assert_string_equal(indicator_fault("{\"action_id\":1,\"definition\":\"d\",\"unit\":\"u\","
                                        "\"reporting_schedule\":null}"),
                        "reporting_schedule");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_action_accepted),
        cmocka_unit_test(test_action_refused),
        cmocka_unit_test(test_indicator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
