/*
 * The data generation of schema 0014, against a real PostgreSQL: it grows
 * once per committed writing transaction, at its commit and not before
 * (another session sees the old number until then), not at all for a
 * rolled-back one or one that only touched sessions; the server's role can
 * write through it; hr_db_data_generation reads it; and every table is
 * watched unless it is in the short list of tables no public reply reads,
 * so that a table added by a later migration without hr_watch_data fails
 * here.
 */
/* cmocka needs these three first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "hrtrack/data_generation.h"
#include "hrtrack/db.h"
#include "hrtrack/migrate.h"
#include "testdb.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *conninfo;

static int setup(void **state)
{
    (void)state;
    conninfo = testdb_create("hrtrack_test_generation");
    hr_db *db = NULL;
    if (hr_db_open(&db, conninfo, "test", 0) != 0 ||
        hr_migrate_apply(db, HRTRACK_TEST_SCHEMA_DIR, NULL, NULL) != 0)
        return -1;
    hr_db_free(db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(conninfo);
    return 0;
}

/* The generation as another session sees it. */
static long long generation(void)
{
    char *v = testdb_query(conninfo, "SELECT generation FROM data_generation");
    assert_non_null(v);
    long long g = strtoll(v, NULL, 10);
    free(v);
    return g;
}

static void run(PGconn *c, const char *sql)
{
    PGresult *res = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(res);
}

static void test_bumped_once_at_commit(void **state)
{
    (void)state;
    PGconn *c = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    long long g = generation();
    run(c, "BEGIN");
    run(c, "INSERT INTO theme (name) VALUES ('generation test one')");
    run(c, "UPDATE theme SET name = 'generation test two' WHERE name = 'generation test one'");
    /* Not before the commit: a reader would cache the old data under the new number. */
    assert_int_equal(generation(), g);
    run(c, "COMMIT");
    assert_int_equal(generation(), g + 1);

    run(c, "BEGIN");
    run(c, "DELETE FROM theme WHERE name = 'generation test two'");
    run(c, "ROLLBACK");
    assert_int_equal(generation(), g + 1);

    /* A savepoint rolled back forgets its change; the rest still counts once. */
    run(c, "BEGIN");
    run(c, "SAVEPOINT a");
    run(c, "DELETE FROM theme WHERE name = 'generation test two'");
    run(c, "ROLLBACK TO SAVEPOINT a");
    run(c, "COMMIT");
    assert_int_equal(generation(), g + 1);
    run(c, "BEGIN");
    run(c, "SAVEPOINT a");
    run(c, "UPDATE theme SET name = name WHERE false");
    run(c, "ROLLBACK TO SAVEPOINT a");
    run(c, "DELETE FROM theme WHERE name = 'generation test two'");
    run(c, "COMMIT");
    assert_int_equal(generation(), g + 2);

    /* Sessions are written on every signed-in request: they change nothing public. */
    run(c, "DELETE FROM user_session WHERE false");
    assert_int_equal(generation(), g + 2);
    char *pending = testdb_query(conninfo, "SELECT count(*) FROM data_generation_pending");
    assert_string_equal(pending, "0");
    free(pending);
    PQfinish(c);
}

static void test_app_role_and_reader(void **state)
{
    (void)state;
    PGconn *c = PQconnectdb(conninfo);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    long long g = generation();
    /* The server's role (0006) writes through the triggers with its own rights. */
    run(c, "SET ROLE hrtrack_app");
    run(c, "INSERT INTO theme (name) VALUES ('generation test app')");
    run(c, "RESET ROLE");
    assert_int_equal(generation(), g + 1);
    PQfinish(c);

    hr_db *db = NULL;
    assert_int_equal(hr_db_open(&db, conninfo, "test", 0), 0);
    int64_t read = 0;
    assert_int_equal(hr_db_data_generation(&read, db), 0);
    assert_int_equal(read, g + 1);
    hr_db_free(db);
}

static void test_every_table_is_watched(void **state)
{
    (void)state;
    /* The tables no reply to an anonymous caller reads (schema 0014). */
    char *missing = testdb_query(
        conninfo,
        "SELECT coalesce(string_agg(c.relname, ', ' ORDER BY c.relname), '') FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        " AND c.relname NOT IN ('user_session', 'login_failure', 'password_reset', 'audit_log',"
        "  'schema_migrations', 'data_generation', 'data_generation_pending',"
        "  'attachment_blob')" /* read only by GET /attachments/{id}, never cached (0016) */
        " AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid"
        "  AND t.tgname LIKE 'data\\_generation%%')");
    assert_non_null(missing);
    if (missing[0] != '\0')
        fail_msg("tables without the data_generation trigger (call hr_watch_data in the "
                 "migration that creates them): %s",
                 missing);
    free(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bumped_once_at_commit),
        cmocka_unit_test(test_app_role_and_reader),
        cmocka_unit_test(test_every_table_is_watched),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
