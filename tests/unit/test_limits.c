/* Request limits at and around their boundaries. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "limits.h"

static void test_url_length(void **state)
{
    (void)state;
    assert_int_equal(hr_limit_check_url(0), 0);
    assert_int_equal(hr_limit_check_url(HR_LIMIT_URL_BYTES), 0);
    assert_int_equal(hr_limit_check_url(HR_LIMIT_URL_BYTES + 1), HR_EURITOOLONG);
    assert_int_equal(hr_limit_check_url(10 * 1024), HR_EURITOOLONG);
}

static void test_content_length(void **state)
{
    (void)state;
    assert_int_equal(hr_limit_check_content_length(NULL, 100), 0);
    assert_int_equal(hr_limit_check_content_length("0", 100), 0);
    assert_int_equal(hr_limit_check_content_length("100", 100), 0);
    assert_int_equal(hr_limit_check_content_length("101", 100), HR_EBODYTOOLARGE);
    assert_int_equal(hr_limit_check_content_length("104857600", HR_LIMIT_BODY_BYTES),
                     HR_EBODYTOOLARGE);
    /* Longer than any 64-bit number: refused without overflowing. */
    assert_int_equal(hr_limit_check_content_length("99999999999999999999999999999", 100),
                     HR_EBODYTOOLARGE);
    assert_int_equal(hr_limit_check_content_length("", 100), HR_EINVAL);
    assert_int_equal(hr_limit_check_content_length("-1", 100), HR_EINVAL);
    assert_int_equal(hr_limit_check_content_length("12abc", 100), HR_EINVAL);
    assert_int_equal(hr_limit_check_content_length(" 12", 100), HR_EINVAL);
}

static void test_body_accumulation(void **state)
{
    (void)state;
    assert_int_equal(hr_limit_check_body(0, 100, 100), 0);
    assert_int_equal(hr_limit_check_body(60, 40, 100), 0);
    assert_int_equal(hr_limit_check_body(60, 41, 100), HR_EBODYTOOLARGE);
    assert_int_equal(hr_limit_check_body(101, 0, 100), HR_EBODYTOOLARGE);
    assert_int_equal(hr_limit_check_body(1, (size_t)-1, 100), HR_EBODYTOOLARGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_length),
        cmocka_unit_test(test_content_length),
        cmocka_unit_test(test_body_accumulation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
