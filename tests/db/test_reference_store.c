/*
 * Loading the reference data into PostgreSQL and reading it back: real
 * files, a repeat load that changes nothing, an update counted as such, a
 * failing load that leaves the database as it was, and the catalogue
 * queries the API serves.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/catalog.h"
#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/reference.h"
#include "reference_read.h"
#include "testdb.h"

#include <stdlib.h>
#include <string.h>

static char *conninfo;
static hr_db *db;
static hr_reference ref;

static int setup(void **state)
{
    (void)state;
    conninfo = testdb_create("hrtrack_test_reference");
    if (hr_db_open(&db, conninfo, "test", 0) != 0 ||
        hr_migrate_apply(db, HRTRACK_TEST_SCHEMA_DIR, NULL, NULL) != 0)
        return -1;
    return hr_reference_read(&ref, HRTRACK_TEST_DATA_DIR);
}

static int teardown(void **state)
{
    (void)state;
    hr_reference_free(&ref);
    hr_db_free(db);
    free(conninfo);
    return 0;
}

static void test_first_load_inserts_everything(void **state)
{
    (void)state;
    hr_reference_counts c;
    assert_int_equal(hr_db_reference_store(db, &ref, &c), 0);
    assert_int_equal(c.goals.inserted, 17);
    assert_int_equal(c.targets.inserted, 169);
    assert_int_equal(c.indicators.inserted, (long)ref.indicator_count);
    assert_int_equal(c.states.inserted, 249);
    assert_int_equal(c.mechanisms.inserted, 12);
    assert_true(c.aliases.inserted > 249);
    char *texts = testdb_query(conninfo, "SELECT count(*) FROM sdg_target_text");
    assert_string_equal(texts, "507");
    free(texts);
    char *alias = testdb_query(conninfo, "SELECT state FROM state_alias"
                                         " WHERE alias_key = 'bolivia plurinational state of'");
    assert_string_equal(alias, "BO");
    free(alias);
    char *turkiye =
        testdb_query(conninfo, "SELECT state FROM state_alias WHERE alias_key = 'turkiye'");
    assert_string_equal(turkiye, "TR");
    free(turkiye);
}

static void test_second_load_changes_nothing(void **state)
{
    (void)state;
    hr_reference_counts c;
    assert_int_equal(hr_db_reference_store(db, &ref, &c), 0);
    assert_int_equal(c.goals.inserted + c.goals.updated, 0);
    assert_int_equal(c.targets.inserted + c.targets.updated, 0);
    assert_int_equal(c.indicators.inserted + c.indicators.updated, 0);
    assert_int_equal(c.states.inserted + c.states.updated, 0);
    assert_int_equal(c.aliases.inserted + c.aliases.updated + c.aliases.deleted, 0);
    assert_int_equal(c.targets.unchanged, 169);
    assert_int_equal(c.states.unchanged, 249);
}

static void test_changed_text_is_one_update(void **state)
{
    (void)state;
    hr_ref_target *t = &ref.targets[0];
    char *saved = t->title[HR_LANG_FR];
    t->title[HR_LANG_FR] = strdup("Titre modifié");
    hr_reference_counts c;
    assert_int_equal(hr_db_reference_store(db, &ref, &c), 0);
    assert_int_equal(c.targets.updated, 1);
    assert_int_equal(c.targets.inserted, 0);
    assert_int_equal(c.targets.unchanged, 168);
    free(t->title[HR_LANG_FR]);
    t->title[HR_LANG_FR] = saved;
    assert_int_equal(hr_db_reference_store(db, &ref, &c), 0);
    assert_int_equal(c.targets.updated, 1);
}

static void test_failed_load_changes_nothing(void **state)
{
    (void)state;
    char *before = testdb_query(conninfo, "SELECT title FROM sdg_goal_text"
                                          " WHERE goal = 1 AND lang = 'en'");
    /* A goal text changes, then a later row breaks a constraint: all or nothing. */
    char *saved_title = ref.goals[0].title[HR_LANG_EN];
    ref.goals[0].title[HR_LANG_EN] = strdup("Changed in a load that fails");
    char saved_kind[24];
    memcpy(saved_kind, ref.mechanisms[0].kind, sizeof saved_kind);
    strcpy(ref.mechanisms[0].kind, "court");
    hr_log_set_level(HR_LOG_ERROR + 1);
    hr_reference_counts c;
    assert_int_not_equal(hr_db_reference_store(db, &ref, &c), 0);
    hr_log_set_level(HR_LOG_ERROR);
    char *after = testdb_query(conninfo, "SELECT title FROM sdg_goal_text"
                                         " WHERE goal = 1 AND lang = 'en'");
    assert_string_equal(before, after);
    free(before);
    free(after);
    free(ref.goals[0].title[HR_LANG_EN]);
    ref.goals[0].title[HR_LANG_EN] = saved_title;
    memcpy(ref.mechanisms[0].kind, saved_kind, sizeof saved_kind);
}

static void test_goals_in_spanish(void **state)
{
    (void)state;
    json_t *goals = NULL;
    assert_int_equal(hr_db_sdg_goals(&goals, db, HR_LANG_ES), 0);
    assert_int_equal(json_array_size(goals), 17);
    json_int_t targets = 0;
    for (size_t i = 0; i < 17; i++)
        targets += json_integer_value(json_object_get(json_array_get(goals, i), "target_count"));
    assert_int_equal(targets, 169);
    assert_string_equal(json_string_value(json_object_get(json_array_get(goals, 4), "short_title")),
                        "Igualdad de Género");
    json_decref(goals);
}

static void test_goal_16_in_french(void **state)
{
    (void)state;
    static const char *const expected[] = {"16.1", "16.2", "16.3", "16.4",  "16.5", "16.6",
                                           "16.7", "16.8", "16.9", "16.10", "16.a", "16.b"};
    json_t *goal = NULL;
    assert_int_equal(hr_db_sdg_goal(&goal, db, 16, HR_LANG_FR), 0);
    json_t *targets = json_object_get(goal, "targets");
    assert_int_equal(json_array_size(targets), 12);
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(targets, i), "code")),
                            expected[i]);
    const char *title = json_string_value(json_object_get(goal, "title"));
    assert_non_null(strstr(title, "sociétés pacifiques"));
    json_t *indicators = json_object_get(json_array_get(targets, 0), "indicators");
    assert_true(json_array_size(indicators) >= 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(indicators, 0), "code")),
                        "16.1.1");
    json_decref(goal);
    assert_int_equal(hr_db_sdg_goal(&goal, db, 18, HR_LANG_FR), HR_ENOTFOUND);
}

static void test_states_sorted_in_french(void **state)
{
    (void)state;
    json_t *states = NULL;
    assert_int_equal(hr_db_states(&states, db, HR_LANG_FR), 0);
    assert_int_equal(json_array_size(states), 249);
    /* "Égypte" sorts among the E's in French (before "El Salvador"), not after "Z". */
    long egypte = -1, el_salvador = -1, zambie = -1;
    for (size_t i = 0; i < json_array_size(states); i++) {
        const char *alpha2 =
            json_string_value(json_object_get(json_array_get(states, i), "alpha2"));
        if (strcmp(alpha2, "EG") == 0)
            egypte = (long)i;
        if (strcmp(alpha2, "SV") == 0)
            el_salvador = (long)i;
        if (strcmp(alpha2, "ZM") == 0)
            zambie = (long)i;
    }
    assert_true(egypte >= 0 && egypte < zambie);
    assert_true(egypte < el_salvador);
    json_decref(states);
}

int main(void)
{
    hr_log_set_level(HR_LOG_ERROR);
    /* The tests run in order and build on each other's database state. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_load_inserts_everything),
        cmocka_unit_test(test_second_load_changes_nothing),
        cmocka_unit_test(test_changed_text_is_one_update),
        cmocka_unit_test(test_failed_load_changes_nothing),
        cmocka_unit_test(test_goals_in_spanish),
        cmocka_unit_test(test_goal_16_in_french),
        cmocka_unit_test(test_states_sorted_in_french),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
