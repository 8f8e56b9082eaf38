/*
 * The SDG link sources of a query (sdg_source=): names and shorthands, the
 * array literal the database gets, the default that leaves suggestions
 * out, how repeated parameters combine, and who may read suggestions.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/access.h"
#include "hrtrack/error.h"
#include "hrtrack/rec_query.h"
#include "hrtrack/sdg_source.h"

static void test_names_and_shorthands(void **state)
{
    (void)state;
    unsigned s = 0;
    assert_int_equal(hr_sdg_sources_parse(&s, "uhri"), 0);
    assert_int_equal(s, HR_SDG_SOURCE_UHRI);
    s = 0;
    assert_int_equal(hr_sdg_sources_parse(&s, "manual,suggested"), 0);
    assert_int_equal(s, HR_SDG_SOURCE_MANUAL | HR_SDG_SOURCE_SUGGESTED);
    s = 0;
    assert_int_equal(hr_sdg_sources_parse(&s, "confirmed"), 0);
    assert_int_equal(s, HR_SDG_SOURCES_CONFIRMED);
    assert_int_equal(s & HR_SDG_SOURCE_SUGGESTED, 0);
    s = 0;
    assert_int_equal(hr_sdg_sources_parse(&s, "all"), 0);
    assert_int_equal(s, HR_SDG_SOURCES_ALL);
}

static void test_bad_values_change_nothing(void **state)
{
    (void)state;
    const char *bad[] = {"",     "guessed", "uhri,",     ",uhri", "uhri,,manual",
                         "UHRI", "all ",    "uhrimanual"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned s = HR_SDG_SOURCE_IMPORT;
        assert_int_equal(hr_sdg_sources_parse(&s, bad[i]), HR_EUNPROCESSABLE);
        assert_int_equal(s, HR_SDG_SOURCE_IMPORT);
    }
}

static void test_literal(void **state)
{
    (void)state;
    char text[HR_SDG_SOURCES_LITERAL_MAX];
    hr_sdg_sources_literal(text, sizeof text, HR_SDG_SOURCES_CONFIRMED);
    assert_string_equal(text, "{uhri,import,manual}");
    hr_sdg_sources_literal(text, sizeof text, HR_SDG_SOURCES_ALL);
    assert_string_equal(text, "{uhri,import,manual,suggested}");
    hr_sdg_sources_literal(text, sizeof text, HR_SDG_SOURCE_SUGGESTED);
    assert_string_equal(text, "{suggested}");
    hr_sdg_sources_literal(text, sizeof text, 0);
    assert_string_equal(text, "{}");
}

static void test_query_default_and_repeats(void **state)
{
    (void)state;
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    assert_int_equal(q.sdg_sources, HR_SDG_SOURCES_CONFIRMED);
    assert_string_equal(q.sdg_sources_literal, "{uhri,import,manual}");
    /* The first value replaces the default, the next ones add to it. */
    assert_int_equal(hr_rec_query_param(&q, "sdg_source", "suggested"), 0);
    assert_string_equal(q.sdg_sources_literal, "{suggested}");
    assert_int_equal(hr_rec_query_param(&q, "sdg_source", "uhri"), 0);
    assert_string_equal(q.sdg_sources_literal, "{uhri,suggested}");
    assert_int_equal(hr_rec_query_param(&q, "sdg_source", "nope"), HR_EUNPROCESSABLE);
    assert_string_equal(q.sdg_sources_literal, "{uhri,suggested}");
    hr_rec_query_free(&q);
}

static void test_who_reads_suggestions(void **state)
{
    (void)state;
    hr_principal anonymous = {0, 0, 0};
    assert_int_equal(hr_access_sdg_suggestions_read(&anonymous), HR_EUNAUTHENTICATED);
    hr_principal cso = {7, 0, HR_ROLE_CSO};
    assert_int_equal(hr_access_sdg_suggestions_read(&cso), HR_EFORBIDDEN);
    const hr_role readers[] = {HR_ROLE_ADMIN, HR_ROLE_COORDINATOR, HR_ROLE_FOCAL_POINT,
                               HR_ROLE_VALIDATOR, HR_ROLE_UNCT};
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        hr_principal p = {8, 3, readers[i]};
        assert_int_equal(hr_access_sdg_suggestions_read(&p), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_shorthands),
        cmocka_unit_test(test_bad_values_change_nothing),
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_query_default_and_repeats),
        cmocka_unit_test(test_who_reads_suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
