/* SDG code parsing: the published spellings and nothing else. */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/sdg_code.h"

static void test_goals(void **state)
{
    (void)state;
    int goal = 0;
    assert_int_equal(hr_sdg_goal_parse(&goal, "1"), 0);
    assert_int_equal(goal, 1);
    assert_int_equal(hr_sdg_goal_parse(&goal, "17"), 0);
    assert_int_equal(goal, 17);
    const char *bad[] = {"0", "18", "01", "", "1a", " 1", "-1", "100", "16.1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(hr_sdg_goal_parse(&goal, bad[i]), HR_EPARAM);
}

static void test_targets(void **state)
{
    (void)state;
    int goal = 0, ordinal = 0;
    assert_int_equal(hr_sdg_target_parse(&goal, &ordinal, "16.3"), 0);
    assert_int_equal(goal, 16);
    assert_int_equal(ordinal, 3);
    assert_int_equal(hr_sdg_target_parse(&goal, &ordinal, "16.a"), 0);
    assert_int_equal(ordinal, 101);
    assert_int_equal(hr_sdg_target_parse(&goal, &ordinal, "17.19"), 0);
    assert_int_equal(goal, 17);
    assert_int_equal(ordinal, 19);
    /* Lettered targets sort after every numbered one. */
    int a = 0, ten = 0;
    hr_sdg_target_parse(&goal, &a, "16.a");
    hr_sdg_target_parse(&goal, &ten, "16.10");
    assert_true(ten < a);
    const char *bad[] = {"16", "16.", "16.A", "16.03", "18.1", "16.1.1", "16.ab", ".1", "16-3"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(hr_sdg_target_parse(&goal, &ordinal, bad[i]), HR_EPARAM);
}

static void test_indicators(void **state)
{
    (void)state;
    char target[HR_SDG_CODE_MAX];
    int ordinal = 0;
    assert_int_equal(hr_sdg_indicator_parse(target, &ordinal, "16.3.1"), 0);
    assert_string_equal(target, "16.3");
    assert_int_equal(ordinal, 1);
    assert_int_equal(hr_sdg_indicator_parse(target, &ordinal, "17.b.1"), 0);
    assert_string_equal(target, "17.b");
    assert_int_equal(hr_sdg_indicator_parse(target, &ordinal, "16.3"), HR_EPARAM);
    assert_int_equal(hr_sdg_indicator_parse(target, &ordinal, "16.3.0"), HR_EPARAM);
    assert_int_equal(hr_sdg_indicator_parse(target, &ordinal, "16.3.1.2"), HR_EPARAM);
}

static void test_translation_keys(void **state)
{
    (void)state;
    char code[HR_SDG_CODE_MAX], suffix[16];
    assert_int_equal(hr_sdg_key_split(code, suffix, "16-b-title"), 0);
    assert_string_equal(code, "16.b");
    assert_string_equal(suffix, "title");
    assert_int_equal(hr_sdg_key_split(code, suffix, "1-1-1-title"), 0);
    assert_string_equal(code, "1.1.1");
    assert_int_equal(hr_sdg_key_split(code, suffix, "3-short"), 0);
    assert_string_equal(code, "3");
    assert_string_equal(suffix, "short");
    assert_int_equal(hr_sdg_key_split(code, suffix, "title"), HR_EPARAM);
    assert_int_equal(hr_sdg_key_split(code, suffix, "-title"), HR_EPARAM);
    assert_int_equal(hr_sdg_key_split(code, suffix, "16-"), HR_EPARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goals),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_indicators),
        cmocka_unit_test(test_translation_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
