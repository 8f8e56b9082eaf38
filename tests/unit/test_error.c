/* The error registry: every code unique, mapped to a status, translated. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"

#include <string.h>

static const int all_codes[] = {
#define HR_TEST_VALUE_(name, value, code, status, en, es, fr) value,
    HR_ERROR_TABLE(HR_TEST_VALUE_)
#undef HR_TEST_VALUE_
};
#define CODE_COUNT (sizeof all_codes / sizeof all_codes[0])

static void test_values_and_names_are_unique(void **state)
{
    (void)state;
    for (size_t i = 0; i < CODE_COUNT; i++) {
        assert_true(all_codes[i] < 0);
        for (size_t j = i + 1; j < CODE_COUNT; j++) {
            assert_int_not_equal(all_codes[i], all_codes[j]);
            assert_string_not_equal(hr_error_code(all_codes[i]), hr_error_code(all_codes[j]));
        }
    }
}

static void test_every_code_has_status_and_three_messages(void **state)
{
    (void)state;
    for (size_t i = 0; i < CODE_COUNT; i++) {
        int err = all_codes[i];
        assert_true(hr_error_is_known(err));
        unsigned status = hr_error_http_status(err);
        assert_true(status >= 400 && status <= 599);
        const char *en = hr_error_message(err, HR_LANG_EN);
        const char *es = hr_error_message(err, HR_LANG_ES);
        const char *fr = hr_error_message(err, HR_LANG_FR);
        assert_true(strlen(en) > 0 && strlen(es) > 0 && strlen(fr) > 0);
        /* A translation that equals the English text was forgotten. */
        assert_string_not_equal(en, es);
        assert_string_not_equal(en, fr);
    }
}

static void test_known_mappings(void **state)
{
    (void)state;
    assert_int_equal(hr_error_http_status(HR_ENOTFOUND), 404);
    assert_string_equal(hr_error_code(HR_ENOTFOUND), "not_found");
    assert_int_equal(hr_error_http_status(HR_EMETHOD), 405);
    assert_int_equal(hr_error_http_status(HR_EURITOOLONG), 414);
    assert_int_equal(hr_error_http_status(HR_EBODYTOOLARGE), 413);
    assert_int_equal(hr_error_http_status(HR_EDBUNAVAILABLE), 503);
    assert_string_equal(hr_error_message(HR_ENOTFOUND, HR_LANG_ES),
                        "No se encontró nada en esta dirección.");
}

static void test_unknown_value_is_internal_error(void **state)
{
    (void)state;
    assert_false(hr_error_is_known(-9999));
    assert_string_equal(hr_error_code(-9999), "internal_error");
    assert_int_equal(hr_error_http_status(-9999), 500);
    assert_int_equal(hr_error_http_status(HR_OK), 200);
    /* An out-of-range language falls back to English instead of reading past the table. */
    assert_string_equal(hr_error_message(HR_ENOTFOUND, (hr_lang)7),
                        hr_error_message(HR_ENOTFOUND, HR_LANG_EN));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_and_names_are_unique),
        cmocka_unit_test(test_every_code_has_status_and_three_messages),
        cmocka_unit_test(test_known_mappings),
        cmocka_unit_test(test_unknown_value_is_internal_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
