/*
 * The access rules (lib/domain/access.c): every rule against the anonymous
 * public and every role, written out here as a second, independent table,
 * so that a change to the rules in the library shows up as a failing
 * test; the scope rules for institutions and recommendations; role names.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/access.h"
#include "hrtrack/error.h"

#include <string.h>

static const hr_role all_roles[HR_ROLE_COUNT] = {
    HR_ROLE_ADMIN,     HR_ROLE_COORDINATOR, HR_ROLE_FOCAL_POINT,
    HR_ROLE_VALIDATOR, HR_ROLE_CSO,         HR_ROLE_UNCT,
};

/* Who passes each rule: the expected matrix, independent of the library's table. */
typedef struct expected_rule {
    hr_access rule;
    const char *name;
    int anonymous_ok;
    unsigned roles; /* the roles that pass; every role when the rule needs no role */
} expected_rule;

#define EVERY_ROLE                                                                                 \
    (HR_ROLE_ADMIN | HR_ROLE_COORDINATOR | HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR | HR_ROLE_CSO | \
     HR_ROLE_UNCT)

static const expected_rule matrix[] = {
    {HR_ACCESS_PUBLIC, "public", 1, EVERY_ROLE},
    {HR_ACCESS_SIGN_IN, "sign_in", 1, EVERY_ROLE},
    {HR_ACCESS_SIGNED_IN, "signed_in", 0, EVERY_ROLE},
    {HR_ACCESS_ADMIN, "admin", 0, HR_ROLE_ADMIN},
    {HR_ACCESS_PLANNING_READ, "planning_read", 0,
     HR_ROLE_ADMIN | HR_ROLE_COORDINATOR | HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR | HR_ROLE_UNCT},
    {HR_ACCESS_COORDINATE, "coordinate", 0, HR_ROLE_COORDINATOR},
    {HR_ACCESS_PLAN, "plan", 0, HR_ROLE_COORDINATOR | HR_ROLE_FOCAL_POINT},
    {HR_ACCESS_AUDIT_READ, "audit_read", 0, HR_ROLE_ADMIN | HR_ROLE_COORDINATOR},
    {HR_ACCESS_PARTICIPATE, "participate", 0, HR_ROLE_CSO},
    {HR_ACCESS_MODERATE, "moderate", 0, HR_ROLE_COORDINATOR},
    {HR_ACCESS_ANSWER, "answer", 0, HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR},
};
#define MATRIX_ROWS (sizeof matrix / sizeof matrix[0])

static hr_principal user_with(unsigned roles, int institution_id)
{
    return (hr_principal){.user_id = 7, .institution_id = institution_id, .roles = roles};
}

static void test_every_rule_for_the_anonymous_public(void **state)
{
    (void)state;
    hr_principal anonymous = {0};
    for (size_t i = 0; i < MATRIX_ROWS; i++) {
        int want = matrix[i].anonymous_ok ? 0 : HR_EUNAUTHENTICATED;
        if (hr_access_check(matrix[i].rule, &anonymous) != want)
            fail_msg("rule %s, anonymous: expected %d", matrix[i].name, want);
        /* No principal at all is the anonymous public too. */
        assert_int_equal(hr_access_check(matrix[i].rule, NULL), want);
        /* Roles without a user id do not make a user. */
        hr_principal ghost = {.user_id = 0, .roles = EVERY_ROLE};
        assert_int_equal(hr_access_check(matrix[i].rule, &ghost), want);
    }
}

static void test_every_rule_for_every_role(void **state)
{
    (void)state;
    for (size_t i = 0; i < MATRIX_ROWS; i++) {
        for (size_t r = 0; r < HR_ROLE_COUNT; r++) {
            hr_principal p = user_with((unsigned)all_roles[r], 3);
            int want = (matrix[i].roles & (unsigned)all_roles[r]) ? 0 : HR_EFORBIDDEN;
            if (hr_access_check(matrix[i].rule, &p) != want)
                fail_msg("rule %s, role %s: expected %s", matrix[i].name,
                         hr_role_name(all_roles[r]), want == 0 ? "allowed" : "403");
        }
    }
}

static void test_a_user_without_roles(void **state)
{
    (void)state;
    hr_principal p = user_with(0, 0);
    for (size_t i = 0; i < MATRIX_ROWS; i++) {
        /* Signed in (so never 401), but only the role-free rules pass. */
        int want = matrix[i].roles == EVERY_ROLE ? 0 : HR_EFORBIDDEN;
        if (hr_access_check(matrix[i].rule, &p) != want)
            fail_msg("rule %s, no role: expected %d", matrix[i].name, want);
    }
}

static void test_any_one_allowed_role_is_enough(void **state)
{
    (void)state;
    hr_principal cso_and_admin = user_with(HR_ROLE_CSO | HR_ROLE_ADMIN, 0);
    assert_int_equal(hr_access_check(HR_ACCESS_ADMIN, &cso_and_admin), 0);
    assert_int_equal(hr_access_check(HR_ACCESS_COORDINATE, &cso_and_admin), HR_EFORBIDDEN);
    hr_principal cso_and_unct = user_with(HR_ROLE_CSO | HR_ROLE_UNCT, 0);
    assert_int_equal(hr_access_check(HR_ACCESS_PLANNING_READ, &cso_and_unct), 0);
    assert_int_equal(hr_access_check(HR_ACCESS_PLAN, &cso_and_unct), HR_EFORBIDDEN);
}

static void test_unset_and_unknown_rules_are_refused(void **state)
{
    (void)state;
    hr_principal everything = user_with(EVERY_ROLE, 1);
    hr_principal anonymous = {0};
    assert_int_equal(hr_access_check(HR_ACCESS_UNSET, &everything), HR_EFORBIDDEN);
    assert_int_equal(hr_access_check(HR_ACCESS_UNSET, &anonymous), HR_EFORBIDDEN);
    assert_int_equal(hr_access_check(HR_ACCESS_UNSET, NULL), HR_EFORBIDDEN);
    assert_int_equal(hr_access_check((hr_access)999, &everything), HR_EFORBIDDEN);
    assert_string_equal(hr_access_name(HR_ACCESS_UNSET), "unset");
    assert_string_equal(hr_access_name((hr_access)999), "unset");
}

static void test_rule_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < MATRIX_ROWS; i++)
        assert_string_equal(hr_access_name(matrix[i].rule), matrix[i].name);
}

static void test_institution_write(void **state)
{
    (void)state;
    /* A coordinator anywhere, with or without an institution of its own. */
    hr_principal coordinator = user_with(HR_ROLE_COORDINATOR, 0);
    assert_int_equal(hr_access_institution_write(&coordinator, 3), 0);
    assert_int_equal(hr_access_institution_write(&coordinator, 4), 0);
    /* A focal point in its own institution only. */
    hr_principal focal = user_with(HR_ROLE_FOCAL_POINT, 3);
    assert_int_equal(hr_access_institution_write(&focal, 3), 0);
    assert_int_equal(hr_access_institution_write(&focal, 4), HR_EFORBIDDEN);
    assert_int_equal(hr_access_institution_write(&focal, 0), HR_EFORBIDDEN);
    /* A focal point without an institution matches nothing, not even "no institution". */
    hr_principal homeless = user_with(HR_ROLE_FOCAL_POINT, 0);
    assert_int_equal(hr_access_institution_write(&homeless, 0), HR_EFORBIDDEN);
    assert_int_equal(hr_access_institution_write(&homeless, 3), HR_EFORBIDDEN);
    /* Never the other roles, not even in their own institution. */
    const hr_role never[] = {HR_ROLE_ADMIN, HR_ROLE_VALIDATOR, HR_ROLE_CSO, HR_ROLE_UNCT};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
        hr_principal p = user_with((unsigned)never[i], 3);
        if (hr_access_institution_write(&p, 3) != HR_EFORBIDDEN)
            fail_msg("%s may write its institution's planning data", hr_role_name(never[i]));
    }
    /* Nor the anonymous public, even with an institution and roles filled in. */
    hr_principal ghost = {.user_id = 0, .institution_id = 3, .roles = EVERY_ROLE};
    assert_int_equal(hr_access_institution_write(&ghost, 3), HR_EFORBIDDEN);
    assert_int_equal(hr_access_institution_write(NULL, 3), HR_EFORBIDDEN);
}

static void test_recommendation_write(void **state)
{
    (void)state;
    hr_principal coordinator = user_with(HR_ROLE_COORDINATOR, 0);
    assert_int_equal(hr_access_recommendation_write(&coordinator, 0), 0);
    assert_int_equal(hr_access_recommendation_write(&coordinator, 1), 0);
    hr_principal focal = user_with(HR_ROLE_FOCAL_POINT, 3);
    assert_int_equal(hr_access_recommendation_write(&focal, 1), 0);
    assert_int_equal(hr_access_recommendation_write(&focal, 0), HR_EFORBIDDEN);
    hr_principal homeless = user_with(HR_ROLE_FOCAL_POINT, 0);
    assert_int_equal(hr_access_recommendation_write(&homeless, 1), HR_EFORBIDDEN);
    const hr_role never[] = {HR_ROLE_ADMIN, HR_ROLE_VALIDATOR, HR_ROLE_CSO, HR_ROLE_UNCT};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
        hr_principal p = user_with((unsigned)never[i], 3);
        if (hr_access_recommendation_write(&p, 1) != HR_EFORBIDDEN)
            fail_msg("%s may link planning data to a recommendation", hr_role_name(never[i]));
    }
    hr_principal ghost = {.user_id = 0, .institution_id = 3, .roles = EVERY_ROLE};
    assert_int_equal(hr_access_recommendation_write(&ghost, 1), HR_EFORBIDDEN);
    assert_int_equal(hr_access_recommendation_write(NULL, 1), HR_EFORBIDDEN);
}

static void test_principal_has(void **state)
{
    (void)state;
    hr_principal p = user_with(HR_ROLE_FOCAL_POINT | HR_ROLE_VALIDATOR, 3);
    assert_true(hr_principal_has(&p, HR_ROLE_FOCAL_POINT));
    assert_true(hr_principal_has(&p, HR_ROLE_VALIDATOR));
    assert_false(hr_principal_has(&p, HR_ROLE_COORDINATOR));
    hr_principal ghost = {.user_id = 0, .roles = EVERY_ROLE};
    assert_false(hr_principal_has(&ghost, HR_ROLE_ADMIN));
    assert_false(hr_principal_has(NULL, HR_ROLE_ADMIN));
}

static void test_role_names_round_trip(void **state)
{
    (void)state;
    static const char *const names[HR_ROLE_COUNT] = {"admin",     "coordinator", "focal_point",
                                                     "validator", "cso",         "unct"};
    unsigned seen = 0;
    for (size_t i = 0; i < HR_ROLE_COUNT; i++) {
        assert_string_equal(hr_role_name(all_roles[i]), names[i]);
        hr_role parsed = 0;
        assert_int_equal(hr_role_parse(&parsed, names[i]), 0);
        assert_int_equal(parsed, all_roles[i]);
        assert_int_equal(seen & (unsigned)parsed, 0); /* one bit per role */
        seen |= (unsigned)parsed;
    }
    assert_int_equal(seen, EVERY_ROLE);
    /* Not one role: no name. */
    assert_null(hr_role_name((hr_role)0));
    assert_null(hr_role_name((hr_role)(HR_ROLE_ADMIN | HR_ROLE_CSO)));
    assert_null(hr_role_name((hr_role)64));
    /* Names are exact: no case folding, no prefixes, no spaces. */
    const char *bad[] = {"Admin",       "ADMIN", "admin ", " admin", "focal point",
                         "focal-point", "adm",   "",       "root",   "unctx"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hr_role parsed = HR_ROLE_CSO;
        if (hr_role_parse(&parsed, bad[i]) != HR_EPARAM)
            fail_msg("\"%s\" parsed as a role", bad[i]);
        assert_int_equal(parsed, HR_ROLE_CSO); /* left alone */
    }
    hr_role parsed = HR_ROLE_CSO;
    assert_int_equal(hr_role_parse(&parsed, NULL), HR_EPARAM);
}

static void test_comment_answer(void **state)
{
    (void)state;
    hr_principal focal = user_with(HR_ROLE_FOCAL_POINT, 3);
    hr_principal validator = user_with(HR_ROLE_VALIDATOR, 3);
    assert_int_equal(hr_access_comment_answer(&focal, 1), 0);
    assert_int_equal(hr_access_comment_answer(&validator, 1), 0);
    /* Not concerned: the institution is not assigned to what was commented. */
    assert_int_equal(hr_access_comment_answer(&focal, 0), HR_EFORBIDDEN);
    /* Answers speak for an institution: the coordinator and CSOs have none to speak for. */
    hr_principal coordinator = user_with(HR_ROLE_COORDINATOR, 3);
    assert_int_equal(hr_access_comment_answer(&coordinator, 1), HR_EFORBIDDEN);
    hr_principal homeless = user_with(HR_ROLE_FOCAL_POINT, 0);
    assert_int_equal(hr_access_comment_answer(&homeless, 1), HR_EFORBIDDEN);
    assert_int_equal(hr_access_comment_answer(NULL, 1), HR_EFORBIDDEN);
}

static void test_comment_own(void **state)
{
    (void)state;
    hr_principal cso = user_with(HR_ROLE_CSO, 0); /* user 7 */
    assert_int_equal(hr_access_comment_own(&cso, 7), 0);
    /* Someone else's comment, or an erased account's, is not found rather than forbidden. */
    assert_int_equal(hr_access_comment_own(&cso, 8), HR_ENOTFOUND);
    assert_int_equal(hr_access_comment_own(&cso, 0), HR_ENOTFOUND);
    hr_principal admin = user_with(HR_ROLE_ADMIN, 0);
    assert_int_equal(hr_access_comment_own(&admin, 7), HR_ENOTFOUND);
    hr_principal anonymous = {0};
    assert_int_equal(hr_access_comment_own(&anonymous, 0), HR_ENOTFOUND);
}

static void test_log_names_never_name_a_cso(void **state)
{
    (void)state;
    char name[32];
    hr_principal cso = user_with(HR_ROLE_CSO, 0);
    hr_principal_log_name(name, sizeof name, &cso);
    assert_string_equal(name, "cso");
    /* Whatever other role the account also holds. */
    hr_principal cso_admin = user_with(HR_ROLE_CSO | HR_ROLE_ADMIN, 0);
    hr_principal_log_name(name, sizeof name, &cso_admin);
    assert_string_equal(name, "cso");
    hr_principal focal = user_with(HR_ROLE_FOCAL_POINT, 3);
    hr_principal_log_name(name, sizeof name, &focal);
    assert_string_equal(name, "user:7");
    hr_principal anonymous = {0};
    hr_principal_log_name(name, sizeof name, &anonymous);
    assert_string_equal(name, "anonymous");
    hr_principal_log_name(name, sizeof name, NULL);
    assert_string_equal(name, "anonymous");
}

/* Filters of the public recommendation list: planning data for planning readers only. */
static void test_list_filters(void **state)
{
    (void)state;
    static const char *const planning[] = {"institution", "cluster", "priority"};
    static const char *const public_filters[] = {"status", "state", "document", "q", "sort"};
    const unsigned readers = HR_ROLE_ADMIN | HR_ROLE_COORDINATOR | HR_ROLE_FOCAL_POINT |
                             HR_ROLE_VALIDATOR | HR_ROLE_UNCT;
    hr_principal anonymous = {0};
    for (size_t f = 0; f < sizeof planning / sizeof planning[0]; f++) {
        assert_int_equal(hr_access_list_filter(&anonymous, planning[f]), HR_EUNAUTHENTICATED);
        assert_int_equal(hr_access_list_filter(NULL, planning[f]), HR_EUNAUTHENTICATED);
        hr_principal none = user_with(0, 0);
        assert_int_equal(hr_access_list_filter(&none, planning[f]), HR_EFORBIDDEN);
        for (size_t r = 0; r < HR_ROLE_COUNT; r++) {
            hr_principal p = user_with(all_roles[r], 2);
            int want = (readers & (unsigned)all_roles[r]) ? 0 : HR_EFORBIDDEN;
            if (hr_access_list_filter(&p, planning[f]) != want)
                fail_msg("filter %s, role %s", planning[f], hr_role_name(all_roles[r]));
        }
    }
    /* The validated status and the other filters are public, for everyone. */
    for (size_t f = 0; f < sizeof public_filters / sizeof public_filters[0]; f++) {
        assert_int_equal(hr_access_list_filter(&anonymous, public_filters[f]), 0);
        hr_principal cso = user_with(HR_ROLE_CSO, 0);
        assert_int_equal(hr_access_list_filter(&cso, public_filters[f]), 0);
    }
    /* Names are exact. */
    assert_int_equal(hr_access_list_filter(&anonymous, "Institution"), 0);
    assert_int_equal(hr_access_list_filter(&anonymous, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_rule_for_the_anonymous_public),
        cmocka_unit_test(test_every_rule_for_every_role),
        cmocka_unit_test(test_a_user_without_roles),
        cmocka_unit_test(test_any_one_allowed_role_is_enough),
        cmocka_unit_test(test_unset_and_unknown_rules_are_refused),
        cmocka_unit_test(test_rule_names),
        cmocka_unit_test(test_institution_write),
        cmocka_unit_test(test_recommendation_write),
        cmocka_unit_test(test_principal_has),
        cmocka_unit_test(test_role_names_round_trip),
        cmocka_unit_test(test_comment_answer),
        cmocka_unit_test(test_comment_own),
        cmocka_unit_test(test_log_names_never_name_a_cso),
        cmocka_unit_test(test_list_filters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
