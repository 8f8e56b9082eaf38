/* Language parsing and Accept-Language negotiation. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/lang.h"

static void test_parse(void **state)
{
    (void)state;
    hr_lang lang = HR_LANG_EN;
    assert_int_equal(hr_lang_parse(&lang, "es"), 0);
    assert_int_equal(lang, HR_LANG_ES);
    assert_int_equal(hr_lang_parse(&lang, "FR-ca"), 0);
    assert_int_equal(lang, HR_LANG_FR);
    assert_int_equal(hr_lang_parse(&lang, "en_GB"), 0);
    assert_int_equal(lang, HR_LANG_EN);
    assert_int_equal(hr_lang_parse(&lang, "de"), HR_EPARAM);
    assert_int_equal(hr_lang_parse(&lang, ""), HR_EPARAM);
    assert_int_equal(hr_lang_parse(&lang, "esp"), HR_EPARAM);
    assert_int_equal(hr_lang_parse(&lang, NULL), HR_EPARAM);
    assert_string_equal(hr_lang_code(HR_LANG_FR), "fr");
}

static void test_query_parameter_wins(void **state)
{
    (void)state;
    assert_int_equal(hr_lang_negotiate("fr", "es"), HR_LANG_FR);
    /* An unsupported ?lang= falls through to the header, then to English. */
    assert_int_equal(hr_lang_negotiate("de", "es"), HR_LANG_ES);
    assert_int_equal(hr_lang_negotiate("de", NULL), HR_LANG_EN);
    assert_int_equal(hr_lang_negotiate(NULL, NULL), HR_LANG_EN);
}

static void test_weights(void **state)
{
    (void)state;
    assert_int_equal(hr_lang_negotiate(NULL, "de-DE,de;q=0.9,fr;q=0.8,en;q=0.7"), HR_LANG_FR);
    assert_int_equal(hr_lang_negotiate(NULL, "en;q=0.5, es-PY;q=0.9"), HR_LANG_ES);
    assert_int_equal(hr_lang_negotiate(NULL, "es;q=0, fr;q=0.1"), HR_LANG_FR);
    assert_int_equal(hr_lang_negotiate(NULL, "fr;q=1.000"), HR_LANG_FR);
    /* Equal weights: the first listed wins. */
    assert_int_equal(hr_lang_negotiate(NULL, "fr, es"), HR_LANG_FR);
    assert_int_equal(hr_lang_negotiate(NULL, "de, *;q=0.5"), HR_LANG_EN);
    assert_int_equal(hr_lang_negotiate(NULL, "zh-CN"), HR_LANG_EN);
}

static void test_malformed_headers_do_not_fail(void **state)
{
    (void)state;
    assert_int_equal(hr_lang_negotiate(NULL, ""), HR_LANG_EN);
    assert_int_equal(hr_lang_negotiate(NULL, ",,,;;;q="), HR_LANG_EN);
    assert_int_equal(hr_lang_negotiate(NULL, "es;q=2, fr;q=abc"), HR_LANG_EN);
    assert_int_equal(hr_lang_negotiate(NULL, "es;q=0.55555, fr;q=0.4"), HR_LANG_FR);
    assert_int_equal(hr_lang_negotiate(NULL, "   es   ;   q=0.3  "), HR_LANG_ES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_query_parameter_wins),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_malformed_headers_do_not_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
