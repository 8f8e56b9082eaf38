/*
 * Connections: reconnect after the server ended the session, statements
 * prepared again on the new connection, a quick failure when nothing
 * listens, and an embedded cluster that is re-used rather than re-created.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/catalog.h"
#include "hrtrack/cluster.h"
#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "testdb.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *conninfo;

static int setup(void **state)
{
    (void)state;
    conninfo = testdb_create("hrtrack_test_conn");
    hr_db *db = NULL;
    int rc = hr_db_open(&db, conninfo, "hrtrack-test-conn", 0);
    if (rc == 0)
        rc = hr_migrate_apply(db, HRTRACK_TEST_SCHEMA_DIR, NULL, NULL);
    hr_db_free(db);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

static void test_reconnects_after_session_is_ended(void **state)
{
    (void)state;
    hr_db *db = NULL;
    assert_int_equal(hr_db_open(&db, conninfo, "hrtrack-test-victim", 0), 0);
    json_t *goals = NULL;
    assert_int_equal(hr_db_sdg_goals(&goals, db, HR_LANG_EN), 0);
    json_decref(goals);
    free(testdb_query(conninfo, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                " WHERE application_name = 'hrtrack-test-victim'"));
    /* The same prepared statement works again, on a new connection. */
    assert_int_equal(hr_db_sdg_goals(&goals, db, HR_LANG_EN), 0);
    json_decref(goals);
    int version = 0;
    assert_int_equal(hr_db_schema_version(db, &version), 0);
    assert_true(version >= 1);
    hr_db_free(db);
}

static void test_unreachable_database_fails_fast(void **state)
{
    (void)state;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    hr_db *db = NULL;
    assert_int_equal(hr_db_open(&db, "host=/nonexistent/hrtrack user=x dbname=x", "t", 0),
                     HR_EDBUNAVAILABLE);
    assert_null(db);
    clock_gettime(CLOCK_MONOTONIC, &end);
    assert_true(end.tv_sec - start.tv_sec < 2);
}

static void test_pool_gives_each_thread_one_connection(void **state)
{
    (void)state;
    hr_db_pool *pool = NULL;
    assert_int_equal(hr_db_pool_new(&pool, conninfo, 1, 1000), 0);
    hr_db *first = NULL, *again = NULL;
    assert_int_equal(hr_db_pool_get(&first, pool), 0);
    assert_int_equal(hr_db_pool_get(&again, pool), 0);
    assert_ptr_equal(first, again);
    hr_db_pool_free(pool);
}

static void test_embedded_cluster_is_reused(void **state)
{
    (void)state;
    const char *dir = getenv("HRTRACK_TEST_PG_DIR");
    char *admin = NULL;
    assert_int_equal(hr_cluster_conninfo(&admin, dir, "hrtrack_test_conn"), 0);
    free(testdb_query(admin, "CREATE TABLE survives_ensure (id int)"));
    char *again = NULL;
    assert_int_equal(hr_cluster_ensure(&again, dir), 0);
    int running = 0;
    assert_int_equal(hr_cluster_status(&running, dir), 0);
    assert_true(running);
    char *found = testdb_query(admin, "SELECT to_regclass('survives_ensure')::text");
    assert_non_null(found);
    assert_string_equal(found, "survives_ensure");
    free(found);
    free(again);
    free(admin);
}

int main(void)
{
    hr_log_set_level(HR_LOG_ERROR + 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reconnects_after_session_is_ended),
        cmocka_unit_test(test_unreachable_database_fails_fast),
        cmocka_unit_test(test_pool_gives_each_thread_one_connection),
        cmocka_unit_test(test_embedded_cluster_is_reused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
