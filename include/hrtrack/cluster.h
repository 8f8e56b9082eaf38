/*
 * The embedded PostgreSQL cluster: a private server kept in a folder of the
 * project (var/pg/ by default), used whenever HRTRACK_DB is not set.
 *
 * Layout of the folder:
 *   data/   the cluster (initdb), owned by the user that runs it
 *   run/    the unix socket; the server listens on nothing else (no TCP)
 *   log/    postgresql.log
 *   lock    serialises concurrent `ensure` calls from several programs
 *
 * PostgreSQL refuses to run as root. When the calling process is root, the
 * cluster runs as the system user "hrtrack" (created when missing), and the
 * folder is handed to that user.
 */
#ifndef HRTRACK_CLUSTER_H
#define HRTRACK_CLUSTER_H

#include <stddef.h>

/*
 * Makes sure the cluster in `dir` exists (initdb on first use), is running
 * (pg_ctl start when not) and has the database "hrtrack". Writes a malloc'd
 * libpq connection string for that database to *conninfo (may be NULL when
 * the caller does not need it). Returns 0, or a negative code after logging
 * what failed and where its log is.
 */
int hr_cluster_ensure(char **conninfo, const char *dir);

/* Stops the cluster in `dir` (fast shutdown) if it runs. Returns 0 or HR_EIO. */
int hr_cluster_stop(const char *dir);

/* Sets *running to 1 when the cluster in `dir` accepts connections, else 0. */
int hr_cluster_status(int *running, const char *dir);

/*
 * The connection string of database `dbname` in the cluster at `dir` (which
 * need not be running). Returns 0 and a malloc'd string in *out.
 */
int hr_cluster_conninfo(char **out, const char *dir, const char *dbname);

/*
 * The folder of PostgreSQL's programs (initdb, pg_ctl, pg_dump, ...): the
 * newest /usr/lib/postgresql/N/bin, unless HRTRACK_PG_BINDIR names one.
 * Returns 0, or HR_EIO after logging that none was found.
 */
int hr_cluster_bindir(char *out, size_t n);

#endif
