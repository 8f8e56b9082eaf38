/*
 * The pure rules of participation (lib/domain/participation.c): the shape
 * of an email, what a comment may be about, which moves each state allows
 * (and that the SQL array of a move says the same), and the label of an
 * erased account in the three languages.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

#include <string.h>

static void test_email_shapes(void **state)
{
    (void)state;
    assert_int_equal(hr_email_check("ana@example.org"), 0);
    assert_int_equal(hr_email_check("a@b"), 0);
    assert_int_equal(hr_email_check("Ana.Pérez@ejemplo.es"), 0);
    const char *bad[] = {NULL,
                         "",
                         "ab",
                         "no-at-sign",
                         "@example.org",
                         "ana@",
                         "a@b@c",
                         "ana @example.org",
                         "ana@exa\tmple.org",
                         "ana@example.org\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (hr_email_check(bad[i]) != HR_EUNPROCESSABLE)
            fail_msg("accepted \"%s\"", bad[i] ? bad[i] : "(null)");
    }
    char long_email[300];
    memset(long_email, 'a', sizeof long_email);
    long_email[0] = 'x';
    long_email[1] = '@';
    long_email[HR_EMAIL_MAX] = '\0';
    assert_int_equal(hr_email_check(long_email), 0);
    long_email[HR_EMAIL_MAX] = 'a';
    long_email[HR_EMAIL_MAX + 1] = '\0';
    assert_int_equal(hr_email_check(long_email), HR_EUNPROCESSABLE);
}

static void test_a_comment_is_about_exactly_one_thing(void **state)
{
    (void)state;
    const char *field = NULL;
    json_t *rec = json_pack("{s:i, s:s}", "recommendation_id", 5, "body", "x");
    json_t *update = json_pack("{s:i, s:s}", "status_update_id", 5, "body", "x");
    json_t *both = json_pack("{s:i, s:i}", "recommendation_id", 5, "status_update_id", 6);
    json_t *neither = json_pack("{s:s}", "body", "x");
    json_t *null_rec = json_pack("{s:n, s:i}", "recommendation_id", "status_update_id", 6);
    assert_int_equal(hr_comment_target_check(&field, rec), 0);
    assert_int_equal(hr_comment_target_check(&field, update), 0);
    assert_int_equal(hr_comment_target_check(&field, null_rec), 0);
    assert_int_equal(hr_comment_target_check(&field, both), HR_EUNPROCESSABLE);
    assert_string_equal(field, "recommendation_id");
    field = NULL;
    assert_int_equal(hr_comment_target_check(&field, neither), HR_EUNPROCESSABLE);
    assert_string_equal(field, "recommendation_id");
    json_decref(rec);
    json_decref(update);
    json_decref(both);
    json_decref(neither);
    json_decref(null_rec);
}

static const char *const states[] = {"pending", "published", "rejected", "withdrawn"};

/* The expected table, written out independently of the library's. */
static const int allowed[3][4] = {
    /* pending, published, rejected, withdrawn */
    {1, 0, 1, 0}, /* publish */
    {1, 1, 0, 0}, /* reject */
    {1, 1, 1, 0}, /* withdraw */
};

static void test_moves_by_state(void **state)
{
    (void)state;
    hr_comment_move moves[] = {HR_COMMENT_PUBLISH, HR_COMMENT_REJECT, HR_COMMENT_WITHDRAW};
    for (int m = 0; m < 3; m++) {
        for (int s = 0; s < 4; s++) {
            if (hr_comment_move_allowed(moves[m], states[s]) != allowed[m][s])
                fail_msg("move %d from %s: expected %d", m, states[s], allowed[m][s]);
            /* The SQL guard lists the same states, whole words only. */
            char word[32];
            snprintf(word, sizeof word, "%s", states[s]);
            const char *from = hr_comment_move_from(moves[m]);
            int listed = 0;
            for (const char *p = from + 1; *p != '\0' && *p != '}';) {
                size_t n = strcspn(p, ",}");
                listed |= n == strlen(word) && strncmp(p, word, n) == 0;
                p += n + (p[n] == ',' ? 1 : 0);
            }
            assert_int_equal(listed, allowed[m][s]);
        }
    }
    assert_string_equal(hr_comment_move_to(HR_COMMENT_PUBLISH), "published");
    assert_string_equal(hr_comment_move_to(HR_COMMENT_REJECT), "rejected");
    assert_string_equal(hr_comment_move_to(HR_COMMENT_WITHDRAW), "withdrawn");
    /* Prefixes and unknown states are not states. */
    assert_int_equal(hr_comment_move_allowed(HR_COMMENT_PUBLISH, "pend"), 0);
    assert_int_equal(hr_comment_move_allowed(HR_COMMENT_PUBLISH, "pendingx"), 0);
    assert_int_equal(hr_comment_move_allowed(HR_COMMENT_PUBLISH, ""), 0);
    assert_int_equal(hr_comment_move_allowed(HR_COMMENT_PUBLISH, NULL), 0);
}

static void test_withdrawn_label_in_three_languages(void **state)
{
    (void)state;
    assert_string_equal(hr_comment_withdrawn_label(HR_LANG_EN), "Withdrawn account");
    assert_string_equal(hr_comment_withdrawn_label(HR_LANG_ES), "Cuenta retirada");
    assert_string_equal(hr_comment_withdrawn_label(HR_LANG_FR), "Compte retiré");
    assert_string_equal(hr_comment_withdrawn_label((hr_lang)99), "Withdrawn account");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_email_shapes),
        cmocka_unit_test(test_a_comment_is_about_exactly_one_thing),
        cmocka_unit_test(test_moves_by_state),
        cmocka_unit_test(test_withdrawn_label_in_three_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
