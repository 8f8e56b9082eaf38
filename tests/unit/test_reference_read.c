/*
 * Reading the bundled reference data (data/): the real open-sdg files in
 * three languages and the state and mechanism tables, and the refusal of
 * broken copies.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "reference_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const hr_ref_target *target(const hr_reference *ref, const char *code)
{
    for (size_t i = 0; i < ref->target_count; i++) {
        if (strcmp(ref->targets[i].code, code) == 0)
            return &ref->targets[i];
    }
    return NULL;
}

static void test_real_data(void **state)
{
    (void)state;
    hr_reference ref = {0};
    assert_int_equal(hr_reference_read(&ref, HRTRACK_TEST_DATA_DIR), 0);
    assert_int_equal(ref.goal_count, 17);
    assert_int_equal(ref.target_count, 169);
    assert_true(ref.indicator_count >= 231);
    assert_int_equal(ref.state_count, 249);
    assert_int_equal(ref.mechanism_count, 12);
    assert_string_equal(ref.mechanisms[0].code, "UPR");

    /* Folded YAML values are joined into one line. */
    assert_string_equal(ref.goals[10].title[HR_LANG_ES],
                        "Lograr que las ciudades y los asentamientos humanos sean inclusivos, "
                        "seguros, resilientes y sostenibles");
    const hr_ref_target *t = target(&ref, "16.a");
    assert_non_null(t);
    assert_int_equal(t->goal, 16);
    assert_int_equal(t->ordinal, 101);
    assert_non_null(t->title[HR_LANG_FR]);
    assert_non_null(target(&ref, "17.19"));
    size_t goal16 = 0;
    for (size_t i = 0; i < ref.target_count; i++)
        goal16 += ref.targets[i].goal == 16;
    assert_int_equal(goal16, 12);
    hr_reference_free(&ref);
}

/* Copies data/ to a temporary folder whose `file` gets `content` instead. */
static void make_broken_copy(char *dir, size_t size, const char *file, const char *content)
{
    snprintf(dir, size, "/tmp/hrtrack-refread-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char command[1024];
    /* The test may use a shell; the project code may not. */
    snprintf(command, sizeof command, "cp -r '%s/sdg' '%s/reference' '%s/'", HRTRACK_TEST_DATA_DIR,
             HRTRACK_TEST_DATA_DIR, dir);
    assert_int_equal(system(command), 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static void remove_copy(const char *dir)
{
    char command[1024];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

static void test_missing_translation_is_refused(void **state)
{
    (void)state;
    char dir[256];
    /* A French goals file without goal 5. */
    make_broken_copy(dir, sizeof dir, "sdg/global_goals_fr.yml",
                     "1-title: Pas de pauvreté\n1-short: Pauvreté\n");
    hr_reference ref = {0};
    assert_int_equal(hr_reference_read(&ref, dir), HR_EPARSE);
    hr_reference_free(&ref);
    remove_copy(dir);
}

static void test_bad_rows_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *content;
    } cases[] = {
        {"sdg/global_targets_en.yml", "1-1-title: a\n1-1-title: twice\n"},
        {"sdg/global_targets_en.yml", "1-Z-title: bad code\n"},
        {"sdg/global_goals_en.yml", "nested:\n  a: b\n"},
        {"reference/states.tsv", "alpha2\talpha3\tnumeric\tun_member\tname_en\tname_es\tname_fr\n"
                                 "py\tPRY\t600\tt\tParaguay\tParaguay\tParaguay\n"},
        {"reference/states.tsv", "wrong\theader\n"},
        {"reference/state-aliases.tsv", "alias\talpha2\nNowhere Land\tQQ\n"},
        {"reference/mechanisms.tsv", "code\tkind\tname_en\tname_es\tname_fr\n"
                                     "UPR\tcourt\tA\tB\tC\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[256];
        make_broken_copy(dir, sizeof dir, cases[i].file, cases[i].content);
        hr_reference ref = {0};
        assert_int_equal(hr_reference_read(&ref, dir), HR_EPARSE);
        hr_reference_free(&ref);
        remove_copy(dir);
    }
}

int main(void)
{
    hr_log_set_level(HR_LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_data),
        cmocka_unit_test(test_missing_translation_is_refused),
        cmocka_unit_test(test_bad_rows_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
