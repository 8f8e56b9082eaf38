/* Throwaway test databases (see testdb.h). Tests may use libpq directly. */
#include "testdb.h"

#include "hrtrack/cluster.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGconn *connect_or_die(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "testdb: cannot connect: %s", PQerrorMessage(conn));
        exit(1);
    }
    return conn;
}

static void exec_or_die(PGconn *conn, const char *sql)
{
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(conn));
        exit(1);
    }
    PQclear(res);
}

char *testdb_create(const char *name)
{
    const char *dir = getenv("HRTRACK_TEST_PG_DIR");
    if (dir == NULL || dir[0] == '\0') {
        fprintf(stderr, "testdb: HRTRACK_TEST_PG_DIR is not set; run through ctest\n");
        exit(TESTDB_SKIP);
    }
    char *admin = NULL, *conninfo = NULL;
    if (hr_cluster_conninfo(&admin, dir, "postgres") != 0 ||
        hr_cluster_conninfo(&conninfo, dir, name) != 0)
        exit(1);
    PGconn *conn = connect_or_die(admin);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
    exec_or_die(conn, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    exec_or_die(conn, sql);
    PQfinish(conn);
    free(admin);
    return conninfo;
}

char *testdb_query(const char *conninfo, const char *sql)
{
    PGconn *conn = connect_or_die(conninfo);
    PGresult *res = PQexec(conn, sql);
    char *value = NULL;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
        value = strdup(PQgetvalue(res, 0, 0));
    else if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
        fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(conn));
    PQclear(res);
    PQfinish(conn);
    return value;
}
