/*
 * Migrations against a real PostgreSQL: applied in order, each all or
 * nothing, never twice, and edited or reordered files refused.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/implementation_status.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char schema_copy[256];
static char *conninfo;

/* A private copy of schema/ that each test may change. */
static void copy_schema(void)
{
    snprintf(schema_copy, sizeof schema_copy, "/tmp/hrtrack-migrate-XXXXXX");
    assert_non_null(mkdtemp(schema_copy));
    char command[1024];
    snprintf(command, sizeof command, "cp '%s'/*.sql '%s/'", HRTRACK_TEST_SCHEMA_DIR, schema_copy);
    assert_int_equal(system(command), 0);
}

static void write_migration(const char *file, const char *sql)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", schema_copy, file);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(sql, f);
    fclose(f);
}

static int teardown(void **state)
{
    char command[512];
    snprintf(command, sizeof command, "rm -rf '%s'", schema_copy);
    if (system(command) != 0)
        return -1;
    hr_db_free(*state);
    free(conninfo);
    conninfo = NULL;
    return 0;
}

static int setup(void **state)
{
    conninfo = testdb_create("hrtrack_test_migrate");
    hr_db *db = NULL;
    int rc = hr_db_open(&db, conninfo, "test", 0);
    copy_schema();
    *state = db;
    return rc;
}

static int count_files(void)
{
    char command[512];
    snprintf(command, sizeof command, "ls '%s'/*.sql | wc -l", schema_copy);
    FILE *p = popen(command, "r");
    int n = 0;
    assert_int_equal(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

static void test_apply_then_nothing_pending(void **state)
{
    hr_db *db = *state;
    int applied = -1, version = -1;
    assert_int_equal(hr_migrate_check(db, schema_copy, &version), HR_ESCHEMA);
    assert_int_equal(hr_migrate_apply(db, schema_copy, &applied, &version), 0);
    assert_int_equal(applied, count_files());
    assert_true(version >= 1);
    int again = -1, version_again = -1;
    assert_int_equal(hr_migrate_apply(db, schema_copy, &again, &version_again), 0);
    assert_int_equal(again, 0);
    assert_int_equal(version_again, version);
    int checked = 0;
    assert_int_equal(hr_migrate_check(db, schema_copy, &checked), 0);
    assert_int_equal(checked, version);
    int stored = 0;
    assert_int_equal(hr_db_schema_version(db, &stored), 0);
    assert_int_equal(stored, version);
}

/*
 * The names of the statuses live twice: in C (feeds, reports, the API) and
 * in the database (SQL-side exports). Both must say the same.
 */
static void test_status_names_agree_with_the_c_table(void **state)
{
    hr_db *db = *state;
    int applied = 0, version = 0;
    assert_int_equal(hr_migrate_apply(db, schema_copy, &applied, &version), 0);
    char expected[2048] = "";
    size_t used = 0;
    for (int i = 0; hr_status_filter_codes[i] != NULL; i++) {
        const char *code = hr_status_filter_codes[i];
        int n = snprintf(expected + used, sizeof expected - used, "%s%s|%s|%s|%s", i ? ";" : "",
                         code, hr_status_name(code, HR_LANG_EN), hr_status_name(code, HR_LANG_ES),
                         hr_status_name(code, HR_LANG_FR));
        assert_true(n > 0 && (size_t)n < sizeof expected - used);
        used += (size_t)n;
    }
    char *stored = testdb_query(conninfo, "SELECT string_agg(status || '|' || name_en || '|' ||"
                                          " name_es || '|' || name_fr, ';' ORDER BY ordinal)"
                                          " FROM implementation_status");
    assert_non_null(stored);
    assert_string_equal(stored, expected);
    free(stored);
}

static void test_new_migration_is_pending_then_applied(void **state)
{
    hr_db *db = *state;
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), 0);
    write_migration("9000_extra.sql", "CREATE TABLE extra_test (id int);");
    int version = 0, applied = 0;
    assert_int_equal(hr_migrate_check(db, schema_copy, &version), HR_ESCHEMA);
    assert_int_equal(hr_migrate_apply(db, schema_copy, &applied, &version), 0);
    assert_int_equal(applied, 1);
    assert_int_equal(version, 9000);
}

static void test_edited_migration_is_refused(void **state)
{
    hr_db *db = *state;
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), 0);
    write_migration("0001_reference.sql", "-- edited after it was applied\n");
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), HR_EMIGRATION);
    assert_int_equal(hr_migrate_check(db, schema_copy, NULL), HR_EMIGRATION);
}

static void test_failed_migration_leaves_nothing(void **state)
{
    hr_db *db = *state;
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), 0);
    write_migration("9001_broken.sql",
                    "CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);\n");
    int version = 0;
    assert_int_not_equal(hr_migrate_apply(db, schema_copy, NULL, &version), 0);
    assert_true(version < 9001);
    /* The failed file left neither its table nor its schema_migrations row. */
    char *table = testdb_query(conninfo, "SELECT to_regclass('half_done')::text");
    assert_null(table);
    int stored = 0;
    assert_int_equal(hr_db_schema_version(db, &stored), 0);
    assert_true(stored < 9001);
    assert_int_equal(hr_migrate_check(db, schema_copy, NULL), HR_ESCHEMA);
}

static void test_file_below_applied_version_is_refused(void **state)
{
    hr_db *db = *state;
    write_migration("9002_later.sql", "SELECT 1;");
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), 0);
    write_migration("8000_sneaked_in.sql", "SELECT 1;");
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), HR_EMIGRATION);
}

static void test_badly_named_file_is_refused(void **state)
{
    hr_db *db = *state;
    write_migration("12_short.sql", "SELECT 1;");
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), HR_EMIGRATION);
}

static void test_removed_applied_file_is_refused(void **state)
{
    hr_db *db = *state;
    write_migration("9003_temporary.sql", "SELECT 1;");
    assert_int_equal(hr_migrate_apply(db, schema_copy, NULL, NULL), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/9003_temporary.sql", schema_copy);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(hr_migrate_check(db, schema_copy, NULL), HR_EMIGRATION);
}

int main(void)
{
    hr_log_set_level(HR_LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_apply_then_nothing_pending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_names_agree_with_the_c_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_migration_is_pending_then_applied, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_edited_migration_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_migration_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_below_applied_version_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_badly_named_file_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removed_applied_file_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
