/*
 * Throwaway databases for the DB tests, in the test cluster that the CTest
 * fixture `cluster` starts under the build folder (never the user's
 * embedded cluster, never HRTRACK_DB).
 */
#ifndef HRTRACK_TESTS_TESTDB_H
#define HRTRACK_TESTS_TESTDB_H

/* CTest treats this exit code as "skipped". */
#define TESTDB_SKIP 77

/*
 * Drops and creates database `name` and returns its connection string
 * (malloc'd). Exits with TESTDB_SKIP when HRTRACK_TEST_PG_DIR is unset, and
 * aborts the test when the cluster cannot be reached.
 */
char *testdb_create(const char *name);

/* Runs one SQL statement (test setup only) and returns the first value, malloc'd, or NULL. */
char *testdb_query(const char *conninfo, const char *sql);

#endif
