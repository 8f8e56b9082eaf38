/* The bounded buffer: growth, the hard limit, and hand-over. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/buf.h"
#include "hrtrack/error.h"

#include <stdlib.h>
#include <string.h>

static void test_append_and_printf(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 1000);
    assert_string_equal(hr_buf_cstr(&b), "");
    assert_int_equal(hr_buf_puts(&b, "goal "), 0);
    assert_int_equal(hr_buf_printf(&b, "%d.%c", 16, 'a'), 0);
    assert_string_equal(hr_buf_cstr(&b), "goal 16.a");
    assert_int_equal(b.len, 9);
    for (int i = 0; i < 90; i++)
        assert_int_equal(hr_buf_append(&b, "0123456789", 10), 0);
    assert_int_equal(b.len, 909);
    hr_buf_free(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.max, 1000);
}

static void test_limit_is_hard_and_leaves_contents(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 8);
    assert_int_equal(hr_buf_puts(&b, "12345678"), 0);
    assert_int_equal(hr_buf_puts(&b, "9"), HR_ELIMIT);
    assert_string_equal(hr_buf_cstr(&b), "12345678");
    hr_buf_reset(&b);
    assert_int_equal(hr_buf_printf(&b, "%s", "123456789"), HR_ELIMIT);
    assert_string_equal(hr_buf_cstr(&b), "");
    assert_int_equal(hr_buf_append(&b, "x", (size_t)-1), HR_ELIMIT);
    hr_buf_free(&b);
}

static void test_steal(void **state)
{
    (void)state;
    hr_buf b;
    hr_buf_init(&b, 100);
    char *empty = hr_buf_steal(&b);
    assert_string_equal(empty, "");
    free(empty);
    hr_buf_puts(&b, "abc");
    char *s = hr_buf_steal(&b);
    assert_string_equal(s, "abc");
    assert_int_equal(b.len, 0);
    assert_null(b.data);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf),
        cmocka_unit_test(test_limit_is_hard_and_leaves_contents),
        cmocka_unit_test(test_steal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
