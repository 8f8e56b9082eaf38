/*
 * hrtrack-server: the HTTP API, and the database chores around it.
 *
 *   hrtrack-server [serve] [--port N] [--bind ADDR] [--threads N] [--port-file F]
 *   hrtrack-server migrate
 *   hrtrack-server db start|stop|status|url
 *
 * `serve` refuses to start on a database whose schema is not up to date,
 * and stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
 */
#include "server.h"

#include "hrtrack/cluster.h"
#include "hrtrack/config.h"
#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATEMENT_TIMEOUT_MS 10000u

static void usage(FILE *out)
{
    fputs("usage: hrtrack-server [COMMAND] [OPTIONS]\n"
          "\n"
          "commands:\n"
          "  serve        run the HTTP server (the default)\n"
          "  migrate      apply the pending schema migrations of schema/\n"
          "  db start     create (first time) and start the embedded database\n"
          "  db stop      stop the embedded database\n"
          "  db status    say whether the embedded database runs\n"
          "  db url       print the connection string of the embedded database\n"
          "\n"
          "serve options:\n"
          "  --port N       TCP port (default 8080 or HRTRACK_PORT; 0 = any free port)\n"
          "  --bind ADDR    address to listen on (default 127.0.0.1 or HRTRACK_BIND)\n"
          "  --threads N    worker threads = database connections (default 4)\n"
          "  --port-file F  write the port actually used to F once listening\n"
          "\n"
          "environment: HRTRACK_DB (libpq connection string; default: the embedded\n"
          "cluster in var/pg), HRTRACK_HOME, HRTRACK_PORT, HRTRACK_BIND, HRTRACK_THREADS\n",
          out);
}

static int parse_long(long *out, const char *text, long min, long max, const char *option)
{
    char *end = NULL;
    errno = 0;
    long n = text ? strtol(text, &end, 10) : 0;
    if (text == NULL || errno != 0 || end == text || *end != '\0' || n < min || n > max) {
        fprintf(stderr, "hrtrack-server: %s needs a number from %ld to %ld\n", option, min, max);
        return HR_EPARAM;
    }
    *out = n;
    return 0;
}

typedef struct serve_args {
    const char *port_file;
} serve_args;

static int parse_serve_args(hr_config *cfg, serve_args *args, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        long n = 0;
        int rc = 0;
        if (strcmp(argv[i], "--port") == 0) {
            rc = parse_long(&n, value, 0, 65535, "--port");
            cfg->port = (uint16_t)n;
        } else if (strcmp(argv[i], "--threads") == 0) {
            rc = parse_long(&n, value, 1, 256, "--threads");
            cfg->threads = (unsigned)n;
        } else if (strcmp(argv[i], "--bind") == 0 && value != NULL &&
                   strlen(value) < sizeof cfg->bind) {
            snprintf(cfg->bind, sizeof cfg->bind, "%s", value);
        } else if (strcmp(argv[i], "--port-file") == 0 && value != NULL) {
            args->port_file = value;
        } else {
            fprintf(stderr, "hrtrack-server: unknown or incomplete option \"%s\"\n", argv[i]);
            return HR_EPARAM;
        }
        if (rc != 0)
            return rc;
        i++;
    }
    return 0;
}

/* `timeout_ms` 0: no statement timeout (migrations may rewrite large tables). */
static int open_db(hr_db **db, char **conninfo, const hr_config *cfg, unsigned timeout_ms)
{
    int rc = hr_db_resolve_conninfo(conninfo, cfg);
    if (rc == 0)
        rc = hr_db_open(db, *conninfo, "hrtrack-server", timeout_ms);
    return rc;
}

static int write_port_file(const char *path, uint16_t port)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return HR_EIO;
    int ok = fprintf(f, "%u\n", port) > 0;
    return (fclose(f) == 0 && ok) ? 0 : HR_EIO;
}

/* Blocks until SIGINT or SIGTERM; the signals were blocked before threads started. */
static void wait_for_stop(const sigset_t *signals)
{
    int sig = 0;
    while (sigwait(signals, &sig) != 0) {
    }
    hr_log_info("received %s, stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
}

static int serve(hr_config *cfg, int argc, char **argv)
{
    serve_args args = {0};
    int rc = parse_serve_args(cfg, &args, argc, argv);
    if (rc != 0)
        return rc;
    hr_db *db = NULL;
    char *conninfo = NULL;
    hr_db_pool *pool = NULL;
    hr_server *server = NULL;
    int version = 0;
    if ((rc = open_db(&db, &conninfo, cfg, STATEMENT_TIMEOUT_MS)) != 0 ||
        (rc = hr_migrate_check(db, cfg->schema_dir, &version)) != 0)
        goto done;
    hr_db_free(db);
    db = NULL;

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    if ((rc = hr_db_pool_new(&pool, conninfo, cfg->threads, STATEMENT_TIMEOUT_MS)) != 0)
        goto done;
    hr_server_options options = {cfg->bind, cfg->port, cfg->threads,  pool,
                                 version,   hr_routes, hr_route_count};
    if ((rc = hr_server_start(&server, &options)) != 0)
        goto done;
    hr_log_info("hrtrack-server listening on http://%s:%u/ (schema version %d, %u threads)",
                cfg->bind, hr_server_port(server), version, cfg->threads);
    if (args.port_file != NULL &&
        (rc = write_port_file(args.port_file, hr_server_port(server))) != 0)
        goto done;
    wait_for_stop(&signals);
done:
    hr_server_stop(server);
    hr_db_pool_free(pool);
    hr_db_free(db);
    free(conninfo);
    return rc;
}

static int migrate(const hr_config *cfg)
{
    hr_db *db = NULL;
    char *conninfo = NULL;
    int applied = 0, version = 0;
    int rc = open_db(&db, &conninfo, cfg, 0);
    if (rc == 0)
        rc = hr_migrate_apply(db, cfg->schema_dir, &applied, &version);
    if (rc == 0)
        printf("schema at version %d (%d migration(s) applied now)\n", version, applied);
    else
        fprintf(stderr, "hrtrack-server: migrate failed (%s)\n", hr_error_code(rc));
    hr_db_free(db);
    free(conninfo);
    return rc;
}

static int db_command(const hr_config *cfg, const char *action)
{
    if (cfg->db != NULL && strcmp(action, "url") != 0) {
        fprintf(stderr,
                "hrtrack-server: HRTRACK_DB is set, so the embedded database is not "
                "used; nothing to %s\n",
                action);
        return HR_EPARAM;
    }
    char *conninfo = NULL;
    int rc = 0, running = 0;
    if (strcmp(action, "start") == 0) {
        rc = hr_cluster_ensure(&conninfo, cfg->pg_dir);
        if (rc == 0)
            printf("embedded database running: %s\n", conninfo);
    } else if (strcmp(action, "stop") == 0) {
        rc = hr_cluster_stop(cfg->pg_dir);
    } else if (strcmp(action, "status") == 0) {
        rc = hr_cluster_status(&running, cfg->pg_dir);
        printf("embedded database in %s: %s\n", cfg->pg_dir, running ? "running" : "stopped");
    } else if (strcmp(action, "url") == 0) {
        rc = cfg->db ? ((conninfo = strdup(cfg->db)) ? 0 : HR_ENOMEM)
                     : hr_cluster_conninfo(&conninfo, cfg->pg_dir, "hrtrack");
        if (rc == 0)
            printf("%s\n", conninfo);
    } else {
        fprintf(stderr, "hrtrack-server: unknown db action \"%s\"\n", action);
        rc = HR_EPARAM;
    }
    free(conninfo);
    return rc;
}

int main(int argc, char **argv)
{
    hr_config cfg;
    if (hr_config_load(&cfg) != 0)
        return 2;
    const char *command = argc > 1 ? argv[1] : "serve";
    int rc;
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strncmp(command, "--", 2) == 0)
        rc = serve(&cfg, argc - 1, argv + 1);
    else if (strcmp(command, "serve") == 0)
        rc = serve(&cfg, argc - 2, argv + 2);
    else if (strcmp(command, "migrate") == 0 && argc == 2)
        rc = migrate(&cfg);
    else if (strcmp(command, "db") == 0 && argc == 3)
        rc = db_command(&cfg, argv[2]);
    else {
        usage(stderr);
        return 2;
    }
    return rc == 0 ? 0 : 1;
}
