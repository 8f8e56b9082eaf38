/*
 * Backup and restore with PostgreSQL's pg_dump and pg_restore
 * (include/hrtrack/backup.h).
 *
 * The programs get the connection through the libpq environment variables
 * (PGHOST, PGPASSWORD, ...) built from the connection string, never on
 * their command line, where any local user could read a password with ps.
 * They are started with fork and execve, never through a shell.
 */
#include "internal.h"

#include "hrtrack/backup.h"
#include "hrtrack/cluster.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define ENV_MAX 512

/* The environment of a child: ours without any PG* variable, plus those of `conninfo`. */
typedef struct child_env {
    char *entries[ENV_MAX + 1];
    size_t count;
} child_env;

static void child_env_free(child_env *env)
{
    for (size_t i = 0; i < env->count; i++)
        free(env->entries[i]);
    env->count = 0;
}

static int child_env_add(child_env *env, const char *name, const char *value)
{
    if (env->count >= ENV_MAX)
        return HR_ELIMIT;
    size_t len = strlen(name) + strlen(value) + 2;
    char *entry = malloc(len);
    if (entry == NULL)
        return HR_ENOMEM;
    snprintf(entry, len, "%s=%s", name, value);
    env->entries[env->count++] = entry;
    env->entries[env->count] = NULL;
    return 0;
}

static int child_env_build(child_env *env, const char *conninfo)
{
    env->count = 0;
    env->entries[0] = NULL;
    char *error = NULL;
    PQconninfoOption *options = PQconninfoParse(conninfo, &error);
    if (options == NULL) {
        hr_log_error("the database connection string is not valid: %s",
                     error ? error : "out of memory");
        PQfreemem(error);
        return HR_EPARAM;
    }
    int rc = 0;
    /* Inherited PG* variables would override nothing we set, but could add
     * settings the connection string did not ask for: leave them out. */
    for (char **e = environ; rc == 0 && *e != NULL; e++) {
        if (strncmp(*e, "PG", 2) == 0)
            continue;
        if (env->count >= ENV_MAX) {
            rc = HR_ELIMIT;
            break;
        }
        env->entries[env->count] = strdup(*e);
        if (env->entries[env->count] == NULL)
            rc = HR_ENOMEM;
        else
            env->entries[++env->count] = NULL;
    }
    for (PQconninfoOption *o = options; rc == 0 && o->keyword != NULL; o++) {
        if (o->val != NULL && o->val[0] != '\0' && o->envvar != NULL)
            rc = child_env_add(env, o->envvar, o->val);
    }
    PQconninfoFree(options);
    if (rc != 0)
        child_env_free(env);
    return rc;
}

/* Runs argv with `env`; its output goes to ours (pg_dump's messages are for the operator). */
static int run_program(const char *const argv[], const child_env *env, int stdout_fd)
{
    pid_t pid = fork();
    if (pid < 0) {
        hr_log_error("fork: %s", strerror(errno));
        return HR_EIO;
    }
    if (pid == 0) {
        if (stdout_fd >= 0)
            dup2(stdout_fd, STDOUT_FILENO);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        execve(argv[0], (char *const *)argv, (char *const *)env->entries);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return HR_EIO;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        hr_log_error("%s failed (%s %d)", argv[0], WIFEXITED(status) ? "exit code" : "signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return HR_EIO;
    }
    return 0;
}

static int program_path(char *out, size_t n, const char *name)
{
    char bindir[PATH_MAX];
    int rc = hr_cluster_bindir(bindir, sizeof bindir);
    if (rc != 0)
        return rc;
    int len = snprintf(out, n, "%s/%s", bindir, name);
    if (len < 0 || (size_t)len >= n)
        return HR_ELIMIT;
    if (access(out, X_OK) != 0) {
        hr_log_error("%s not found; install the postgresql-client package (scripts/deps)", out);
        return HR_EIO;
    }
    return 0;
}

static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    if (fd < 0)
        return HR_EIO;
    int rc = fsync(fd) == 0 ? 0 : HR_EIO;
    close(fd);
    return rc;
}

/* fsync of the folder holding `path`, so that a rename survives a crash. */
static int sync_parent(const char *path)
{
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return HR_ELIMIT;
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    return sync_path(dir, O_RDONLY | O_DIRECTORY);
}

int hr_backup_write(const char *conninfo, const char *path)
{
    char pg_dump[PATH_MAX], pg_restore[PATH_MAX], tmp[PATH_MAX];
    int rc = program_path(pg_dump, sizeof pg_dump, "pg_dump");
    if (rc == 0)
        rc = program_path(pg_restore, sizeof pg_restore, "pg_restore");
    if (rc != 0)
        return rc;
    if (snprintf(tmp, sizeof tmp, "%s.partial", path) >= (int)sizeof tmp)
        return HR_ELIMIT;
    child_env env;
    rc = child_env_build(&env, conninfo);
    if (rc != 0)
        return rc;
    /* --no-owner: a restore runs as whatever role the new server gives it. */
    const char *const dump[] = {
        pg_dump, "--format=custom", "--compress=6", "--no-owner", "--no-password", "--file", tmp,
        NULL};
    rc = run_program(dump, &env, -1);
    if (rc == 0) {
        /* Read back the table of contents: a file pg_restore cannot list is no backup. */
        int devnull = open("/dev/null", O_WRONLY);
        const char *const list[] = {pg_restore, "--list", tmp, NULL};
        rc = run_program(list, &env, devnull);
        if (devnull >= 0)
            close(devnull);
    }
    child_env_free(&env);
    if (rc == 0)
        rc = sync_path(tmp, O_RDONLY);
    if (rc == 0 && rename(tmp, path) != 0) {
        hr_log_error("cannot rename %s to %s: %s", tmp, path, strerror(errno));
        rc = HR_EIO;
    }
    if (rc == 0)
        rc = sync_parent(path);
    else
        unlink(tmp);
    return rc;
}

static hr_stmt count_tables =
    HR_STMT("backup_count_tables", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                                   "n.oid = c.relnamespace WHERE n.nspname = 'public' "
                                   "AND c.relkind IN ('r', 'p', 'v', 'm', 'S')");

/*
 * The application role must exist before the grants to it are restored; on a
 * new server, create it as migration 0006 does. Without CREATEROLE the
 * restore leaves the grants out (pg_restore --no-acl), and the server runs
 * with the login role's rights, as 0006 documents for that case.
 */
static const char ensure_app_role[] =
    "DO $$ BEGIN "
    "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hrtrack_app') THEN "
    "  BEGIN CREATE ROLE hrtrack_app NOLOGIN; "
    "  EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN NULL; "
    "  END; "
    "END IF; "
    "IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hrtrack_app') THEN "
    "  BEGIN GRANT hrtrack_app TO CURRENT_USER; EXCEPTION WHEN OTHERS THEN NULL; END; "
    "END IF; "
    "END $$";

static hr_stmt app_role_exists =
    HR_STMT("backup_app_role_exists", "SELECT 1 FROM pg_roles WHERE rolname = 'hrtrack_app'");

static int check_target(hr_db *db, int *has_app_role)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &count_tables, 0, NULL);
    if (rc != 0)
        return rc;
    long tables = hr_db_get_long(res, 0, 0);
    PQclear(res);
    if (tables != 0) {
        hr_log_error("the database already holds %ld tables, sequences or views: a restore "
                     "needs an empty database (create one and point HRTRACK_DB at it)",
                     tables);
        return HR_ECONFLICT;
    }
    rc = hr_db_exec_script(db, ensure_app_role);
    if (rc == 0)
        rc = hr_db_exec(&res, db, &app_role_exists, 0, NULL);
    if (rc != 0)
        return rc;
    *has_app_role = PQntuples(res) == 1;
    PQclear(res);
    return 0;
}

int hr_backup_restore(const char *conninfo, const char *path)
{
    char pg_restore[PATH_MAX];
    int rc = program_path(pg_restore, sizeof pg_restore, "pg_restore");
    if (rc != 0)
        return rc;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        hr_log_error("cannot read the backup %s: %s", path, errno ? strerror(errno) : "not a file");
        return HR_EIO;
    }
    hr_db *db = NULL;
    rc = hr_db_open(&db, conninfo, "hrtrack-restore", 0);
    if (rc != 0)
        return rc;
    int has_app_role = 0;
    rc = check_target(db, &has_app_role);
    hr_db_free(db);
    if (rc != 0)
        return rc;
    if (!has_app_role)
        hr_log_warn("role hrtrack_app cannot be created here: restoring without grants; the "
                    "server will run with the login role's rights");
    child_env env;
    rc = child_env_build(&env, conninfo);
    if (rc != 0)
        return rc;
    /* "--dbname=" with no value: connect (rather than print a script) to the
     * database libpq finds in PGDATABASE and the other variables of env. */
    const char *restore[] = {pg_restore,
                             "--single-transaction",
                             "--exit-on-error",
                             "--no-owner",
                             "--no-password",
                             "--dbname=",
                             NULL /* or --no-acl */,
                             NULL,
                             NULL};
    size_t next = 6;
    if (!has_app_role)
        restore[next++] = "--no-acl";
    restore[next] = path;
    rc = run_program(restore, &env, -1);
    child_env_free(&env);
    return rc;
}
