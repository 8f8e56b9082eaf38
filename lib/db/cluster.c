/*
 * The embedded PostgreSQL cluster (see include/hrtrack/cluster.h).
 *
 * This file starts programs (initdb, pg_ctl, useradd) with fork and execv,
 * never through a shell, so that no path is ever interpreted as a command.
 * When we are root the children drop to the unprivileged "hrtrack" user
 * before exec, because PostgreSQL refuses to run as root.
 */
#include "internal.h"

#include "hrtrack/buf.h"
#include "hrtrack/cluster.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLUSTER_USER    "hrtrack"
#define CLUSTER_DB      "hrtrack"
#define SOCKET_NAME_LEN sizeof("/.s.PGSQL.5432")
#define UNIX_PATH_LIMIT 107

/* Who runs the cluster: ourselves, or the system user when we are root. */
typedef struct runner {
    int drop; /* 1 when children must switch to uid/gid */
    uid_t uid;
    gid_t gid;
} runner;

static int path_join(char *out, size_t n, const char *dir, const char *name)
{
    int len = snprintf(out, n, "%s/%s", dir, name);
    return (len < 0 || (size_t)len >= n) ? HR_ELIMIT : 0;
}

static int make_dir(const char *path, mode_t mode)
{
    if (mkdir(path, mode) == 0 || errno == EEXIST)
        return 0;
    hr_log_error("cannot create %s: %s", path, strerror(errno));
    return HR_EIO;
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char partial[PATH_MAX];
    if (snprintf(partial, sizeof partial, "%s", path) >= (int)sizeof partial)
        return HR_ELIMIT;
    for (char *p = partial + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = make_dir(partial, 0755);
        *p = '/';
        if (rc != 0)
            return rc;
    }
    return make_dir(partial, 0755);
}

/*
 * Runs argv[0] with argv, waits, and returns its exit status (or -1). Its
 * output goes to `log_path` when given, so that our own output stays short.
 */
static int run(const runner *who, const char *const argv[], const char *log_path)
{
    pid_t pid = fork();
    if (pid < 0) {
        hr_log_error("fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        if (log_path != NULL) {
            int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (fd >= 0) {
                dup2(fd, STDOUT_FILENO);
                dup2(fd, STDERR_FILENO);
                close(fd);
            }
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        if (who->drop &&
            (setgroups(0, NULL) != 0 || setgid(who->gid) != 0 || setuid(who->uid) != 0))
            _exit(126);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int file_exists(const char *path)
{
    return access(path, X_OK) == 0;
}

/* Newest /usr/lib/postgresql/N/bin (Debian's layout), unless HRTRACK_PG_BINDIR says. */
static int find_bindir(char *out, size_t n)
{
    const char *env_dir = getenv("HRTRACK_PG_BINDIR");
    if (env_dir != NULL && env_dir[0] != '\0') {
        snprintf(out, n, "%s", env_dir);
        return 0;
    }
    long best = 0;
    DIR *d = opendir("/usr/lib/postgresql");
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        char *end = NULL;
        long version = strtol(e->d_name, &end, 10);
        char probe[PATH_MAX];
        if (end == e->d_name || *end != '\0' || version <= best)
            continue;
        snprintf(probe, sizeof probe, "/usr/lib/postgresql/%ld/bin/initdb", version);
        if (file_exists(probe))
            best = version;
    }
    if (d != NULL)
        closedir(d);
    if (best > 0) {
        snprintf(out, n, "/usr/lib/postgresql/%ld/bin", best);
        return 0;
    }
    static const char *const fallbacks[] = {"/usr/local/pgsql/bin", "/usr/bin", "/usr/local/bin"};
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
        char probe[PATH_MAX];
        snprintf(probe, sizeof probe, "%s/initdb", fallbacks[i]);
        if (file_exists(probe)) {
            snprintf(out, n, "%s", fallbacks[i]);
            return 0;
        }
    }
    hr_log_error("PostgreSQL server programs (initdb, pg_ctl) not found; install the "
                 "postgresql package (scripts/deps) or set HRTRACK_PG_BINDIR");
    return HR_EIO;
}

int hr_cluster_bindir(char *out, size_t n)
{
    return find_bindir(out, n);
}

static int lookup_user(runner *who)
{
    struct passwd *pw = getpwnam(CLUSTER_USER);
    if (pw == NULL)
        return HR_ENOTFOUND;
    who->drop = 1;
    who->uid = pw->pw_uid;
    who->gid = pw->pw_gid;
    return 0;
}

/* As root: find or create the system user that runs the cluster. */
static int choose_runner(runner *who)
{
    memset(who, 0, sizeof *who);
    if (geteuid() != 0)
        return 0;
    if (lookup_user(who) == 0)
        return 0;
    hr_log_info("creating system user \"%s\" to run the embedded database", CLUSTER_USER);
    const runner self = {0, 0, 0};
    const char *const argv[] = {
        "/usr/sbin/useradd", "--system", "--user-group",      "--no-create-home", "--home-dir",
        "/nonexistent",      "--shell",  "/usr/sbin/nologin", CLUSTER_USER,       NULL};
    if (run(&self, argv, NULL) != 0 || lookup_user(who) != 0) {
        hr_log_error("could not create the system user \"%s\"", CLUSTER_USER);
        return HR_EIO;
    }
    return 0;
}

/*
 * The cluster user must be able to walk down to the folder. A project kept
 * under /root (mode 0700) would stop it, so add traverse-only permission
 * (o+x, not read) to the ancestors that lack it, and say so.
 */
static int grant_traverse(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", dir);
    for (char *slash = strrchr(path, '/'); slash != NULL && slash != path;
         slash = strrchr(path, '/')) {
        *slash = '\0';
        struct stat st;
        if (stat(path, &st) != 0)
            return HR_EIO;
        if ((st.st_mode & S_IXOTH) != 0)
            continue;
        hr_log_warn("adding traverse permission (o+x) to %s so that the database user can "
                    "reach the cluster folder",
                    path);
        if (chmod(path, st.st_mode | S_IXOTH) != 0)
            return HR_EIO;
    }
    return 0;
}

static int hand_over(const runner *who, const char *path)
{
    if (who->drop && chown(path, who->uid, who->gid) != 0) {
        hr_log_error("cannot give %s to user %s: %s", path, CLUSTER_USER, strerror(errno));
        return HR_EIO;
    }
    return 0;
}

/* Appends `value` as a single-quoted string, for postgresql.conf and conninfo alike. */
static int put_quoted(hr_buf *b, const char *value)
{
    int rc = hr_buf_puts(b, "'");
    for (const char *p = value; rc == 0 && *p != '\0'; p++) {
        if (*p == '\'' || *p == '\\')
            rc = hr_buf_append(b, "\\", 1);
        if (rc == 0)
            rc = hr_buf_append(b, p, 1);
    }
    return rc == 0 ? hr_buf_puts(b, "'") : rc;
}

static int write_settings(const runner *who, const char *dir)
{
    char conf[PATH_MAX], run_dir[PATH_MAX];
    if (path_join(conf, sizeof conf, dir, "data/hrtrack.conf") != 0 ||
        path_join(run_dir, sizeof run_dir, dir, "run") != 0)
        return HR_ELIMIT;
    hr_buf b;
    hr_buf_init(&b, 8192);
    int rc = hr_buf_puts(&b, "# Written by hrtrack: a private cluster on a unix socket only.\n"
                             "listen_addresses = ''\n"
                             "unix_socket_permissions = 0700\n"
                             "timezone = 'UTC'\n"
                             "jit = off\n"
                             /* The data lives in memory or on SSD: index lookups are
                              * nearly as cheap as sequential reads (facets 240 -> 110 ms). */
                             "random_page_cost = 1.1\n"
                             "effective_cache_size = 4GB\n"
                             "shared_buffers = 256MB\n"
                             "max_connections = 100\n"
                             "unix_socket_directories = ");
    if (rc == 0)
        rc = put_quoted(&b, run_dir);
    if (rc == 0)
        rc = hr_buf_puts(&b, "\n");
    FILE *f = rc == 0 ? fopen(conf, "w") : NULL;
    if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len) {
        hr_log_error("cannot write %s", conf);
        rc = HR_EIO;
    }
    if (f != NULL && fclose(f) != 0)
        rc = HR_EIO;
    hr_buf_free(&b);
    if (rc == 0)
        rc = hand_over(who, conf);
    char main_conf[PATH_MAX];
    if (rc == 0 && path_join(main_conf, sizeof main_conf, dir, "data/postgresql.conf") == 0) {
        FILE *m = fopen(main_conf, "a");
        if (m == NULL || fputs("include = 'hrtrack.conf'\n", m) < 0)
            rc = HR_EIO;
        if (m != NULL && fclose(m) != 0)
            rc = HR_EIO;
    }
    return rc;
}

static int init_cluster(const runner *who, const char *bindir, const char *dir)
{
    char initdb[PATH_MAX], data[PATH_MAX], log_path[PATH_MAX];
    if (path_join(initdb, sizeof initdb, bindir, "initdb") != 0 ||
        path_join(data, sizeof data, dir, "data") != 0 ||
        path_join(log_path, sizeof log_path, dir, "log/initdb.log") != 0)
        return HR_ELIMIT;
    hr_log_info("creating the embedded database cluster in %s", data);
    const char *const argv[] = {
        initdb, "-D", data, "-U", CLUSTER_USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        NULL};
    if (run(who, argv, log_path) != 0) {
        hr_log_error("initdb failed; see %s", log_path);
        return HR_EIO;
    }
    return write_settings(who, dir);
}

int hr_cluster_conninfo(char **out, const char *dir, const char *dbname)
{
    char real[PATH_MAX], run_dir[PATH_MAX];
    const char *base = realpath(dir, real) ? real : dir;
    if (path_join(run_dir, sizeof run_dir, base, "run") != 0)
        return HR_ELIMIT;
    hr_buf b;
    hr_buf_init(&b, 2 * PATH_MAX);
    int rc = hr_buf_puts(&b, "host=");
    if (rc == 0)
        rc = put_quoted(&b, run_dir);
    if (rc == 0)
        rc = hr_buf_puts(&b, " user=" CLUSTER_USER " dbname=");
    if (rc == 0)
        rc = put_quoted(&b, dbname);
    if (rc != 0) {
        hr_buf_free(&b);
        return rc;
    }
    *out = hr_buf_steal(&b);
    return *out ? 0 : HR_ENOMEM;
}

int hr_cluster_status(int *running, const char *dir)
{
    char *conninfo = NULL;
    *running = 0;
    int rc = hr_cluster_conninfo(&conninfo, dir, "postgres");
    if (rc != 0)
        return rc;
    *running = PQping(conninfo) == PQPING_OK;
    free(conninfo);
    return 0;
}

static int pg_ctl(const runner *who, const char *bindir, const char *dir, const char *action)
{
    char prog[PATH_MAX], data[PATH_MAX], log_path[PATH_MAX];
    if (path_join(prog, sizeof prog, bindir, "pg_ctl") != 0 ||
        path_join(data, sizeof data, dir, "data") != 0 ||
        path_join(log_path, sizeof log_path, dir, "log/postgresql.log") != 0)
        return HR_ELIMIT;
    const char *const start[] = {prog, "-D", data, "-l",    log_path, "-w",
                                 "-t", "60", "-s", "start", NULL};
    const char *const stop[] = {prog, "-D", data, "-m",   "fast", "-w",
                                "-t", "60", "-s", "stop", NULL};
    int status = run(who, strcmp(action, "start") == 0 ? start : stop, NULL);
    if (status != 0) {
        hr_log_error("pg_ctl %s failed for %s; see %s", action, data, log_path);
        return HR_EIO;
    }
    return 0;
}

static int create_database(const char *dir)
{
    char *admin = NULL;
    int rc = hr_cluster_conninfo(&admin, dir, "postgres");
    if (rc != 0)
        return rc;
    PGconn *conn = PQconnectdb(admin);
    free(admin);
    if (PQstatus(conn) != CONNECTION_OK) {
        hr_log_error("cannot reach the embedded cluster: %s", PQerrorMessage(conn));
        PQfinish(conn);
        return HR_EDBUNAVAILABLE;
    }
    const char *params[] = {CLUSTER_DB};
    PGresult *res = PQexecParams(conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL,
                                 params, NULL, NULL, 0);
    int exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    PQclear(res);
    if (!exists) {
        /* A constant name: identifiers cannot be parameters. */
        res = PQexec(conn, "CREATE DATABASE " CLUSTER_DB);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            hr_log_error("cannot create database %s: %s", CLUSTER_DB, PQerrorMessage(conn));
            rc = HR_EIO;
        }
        PQclear(res);
    }
    PQfinish(conn);
    return rc;
}

/* Creates the folder tree and hands it to the cluster user. */
static int prepare_folder(const runner *who, const char *dir)
{
    static const char *const subdirs[] = {"run", "log"};
    int rc = make_dirs(dir);
    if (rc == 0)
        rc = hand_over(who, dir);
    if (rc == 0 && who->drop)
        rc = grant_traverse(dir);
    for (size_t i = 0; rc == 0 && i < sizeof subdirs / sizeof subdirs[0]; i++) {
        char path[PATH_MAX];
        if (path_join(path, sizeof path, dir, subdirs[i]) != 0)
            return HR_ELIMIT;
        rc = make_dir(path, 0700);
        if (rc == 0)
            rc = hand_over(who, path);
    }
    return rc;
}

static int ensure_locked(const runner *who, const char *dir)
{
    char bindir[PATH_MAX], version_file[PATH_MAX];
    int rc = find_bindir(bindir, sizeof bindir);
    if (rc != 0)
        return rc;
    if (path_join(version_file, sizeof version_file, dir, "data/PG_VERSION") != 0)
        return HR_ELIMIT;
    if (access(version_file, F_OK) != 0 && (rc = init_cluster(who, bindir, dir)) != 0)
        return rc;
    int running = 0;
    if ((rc = hr_cluster_status(&running, dir)) != 0)
        return rc;
    if (!running) {
        hr_log_info("starting the embedded database (%s)", dir);
        if ((rc = pg_ctl(who, bindir, dir, "start")) != 0)
            return rc;
    }
    return create_database(dir);
}

int hr_cluster_ensure(char **conninfo, const char *dir)
{
    if (conninfo != NULL)
        *conninfo = NULL;
    if (strlen(dir) + sizeof("/run") + SOCKET_NAME_LEN > UNIX_PATH_LIMIT) {
        hr_log_error("the cluster folder %s is too deep for a unix socket path (%d bytes at "
                     "most); set HRTRACK_PG_DIR to a shorter path",
                     dir, UNIX_PATH_LIMIT);
        return HR_ELIMIT;
    }
    runner who;
    int rc = choose_runner(&who);
    if (rc == 0)
        rc = prepare_folder(&who, dir);
    if (rc != 0)
        return rc;
    /* postgresql.conf and the socket need an absolute path. */
    char absolute[PATH_MAX];
    if (realpath(dir, absolute) == NULL)
        return HR_EIO;
    dir = absolute;
    char lock_path[PATH_MAX];
    if (path_join(lock_path, sizeof lock_path, dir, "lock") != 0)
        return HR_ELIMIT;
    int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || flock(lock, LOCK_EX) != 0) {
        hr_log_error("cannot lock %s: %s", lock_path, strerror(errno));
        if (lock >= 0)
            close(lock);
        return HR_EIO;
    }
    rc = ensure_locked(&who, dir);
    close(lock);
    if (rc == 0 && conninfo != NULL)
        rc = hr_cluster_conninfo(conninfo, dir, CLUSTER_DB);
    return rc;
}

int hr_cluster_stop(const char *dir)
{
    int running = 0;
    int rc = hr_cluster_status(&running, dir);
    if (rc != 0 || !running)
        return rc;
    runner who;
    char bindir[PATH_MAX];
    if ((rc = choose_runner(&who)) != 0 || (rc = find_bindir(bindir, sizeof bindir)) != 0)
        return rc;
    return pg_ctl(&who, bindir, dir, "stop");
}

int hr_db_resolve_conninfo(char **out, const hr_config *cfg)
{
    if (cfg->db != NULL) {
        *out = strdup(cfg->db);
        return *out ? 0 : HR_ENOMEM;
    }
    return hr_cluster_ensure(out, cfg->pg_dir);
}
