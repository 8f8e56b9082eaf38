/*
 * hrtrack-server: the HTTP API, and the database chores around it.
 *
 *   hrtrack-server [serve] [--port N] [--bind ADDR] [--threads N] [--port-file F]
 *   hrtrack-server migrate
 *   hrtrack-server db start|stop|status|url
 *   hrtrack-server sql TARGET      (the SQL a request runs, for EXPLAIN or pgbench)
 *   hrtrack-server backup FILE | restore FILE   (include/hrtrack/backup.h)
 *   hrtrack-server add-user | add-institution | reset-password | demo-accounts
 *                                  (accounts_cli.h)
 *
 * `serve` refuses to start on a database whose schema is not up to date,
 * and stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
 */
#include "server.h"

#include "accounts_cli.h"
#include "cached_routes.h"
#include "forwarded.h"

#include "hrtrack/backup.h"
#include "hrtrack/cluster.h"
#include "hrtrack/config.h"
#include "hrtrack/db.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"
#include "hrtrack/migrate.h"
#include "hrtrack/rec_query.h"
#include "hrtrack/response_cache.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATEMENT_TIMEOUT_MS 10000u

static void usage(FILE *out)
{
    fprintf(out,
            "usage: hrtrack-server [COMMAND] [OPTIONS]\n"
            "\n"
            "commands:\n"
            "  serve        run the HTTP server (the default)\n"
            "  migrate      apply the pending schema migrations of schema/\n"
            "  db start     create (first time) and start the embedded database\n"
            "  db stop      stop the embedded database\n"
            "  db status    say whether the embedded database runs\n"
            "  db url       print the connection string of the embedded database\n"
            "  sql TARGET   print the SQL an API request runs, with its parameters written\n"
            "               in, for EXPLAIN ANALYZE or pgbench: TARGET is a path and query\n"
            "               such as '/api/v1/recommendations?state=PY&q=tortura'\n"
            "  backup FILE  write a consistent backup of the whole database (pg_dump custom\n"
            "               format; attachments included) to FILE, while the server runs\n"
            "  restore FILE restore a backup into an empty database (one transaction)\n"
            "%s"
            "\n"
            "serve options:\n"
            "  --port N       TCP port (default 8080 or HRTRACK_PORT; 0 = any free port)\n"
            "  --bind ADDR    address to listen on (default 127.0.0.1 or HRTRACK_BIND)\n"
            "  --threads N    worker threads = database connections (default 4)\n"
            "  --port-file F  write the port actually used to F once listening\n"
            "\n"
            "environment: HRTRACK_DB (libpq connection string; default: the embedded\n"
            "cluster in var/pg), HRTRACK_DB_READ (read replicas for public reads,\n"
            "';'-separated connection strings), HRTRACK_HOME, HRTRACK_PORT, HRTRACK_BIND, "
            "HRTRACK_THREADS,\n"
            "HRTRACK_ATTACHMENT_MAX_BYTES (largest attached file; default 10 MiB),\n"
            "HRTRACK_WEB_DIR (the web pages served at /; default $HRTRACK_HOME/web),\n"
            "HRTRACK_SHUTDOWN_GRACE (seconds SIGTERM waits for requests in progress; 10),\n"
            "HRTRACK_REQUEST_TIMEOUT (seconds a request's head may take to arrive; 10),\n"
            "HRTRACK_TRUSTED_PROXIES (reverse proxies whose X-Forwarded-For/-Proto are\n"
            "believed; default \"127.0.0.1, ::1\"; empty: none),\n"
            "HRTRACK_CACHE_BYTES (the response cache of anonymous public reads; default\n"
            "64 MiB, 0 = off)\n",
            hr_accounts_usage);
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
    hr_db_pool *pool = NULL, *read_pool = NULL;
    hr_server *server = NULL;
    hr_response_cache *cache = NULL;
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

    hr_proxy_list trusted;
    if (hr_proxy_list_parse(&trusted, cfg->trusted_proxies) != 0) {
        fprintf(stderr,
                "hrtrack-server: HRTRACK_TRUSTED_PROXIES must list IPv4/IPv6 addresses or "
                "ranges (a.b.c.d/n), comma-separated, at most %d\n",
                HR_PROXY_MAX);
        rc = HR_EPARAM;
        goto done;
    }
    if ((rc = hr_db_pool_new(&pool, conninfo, cfg->threads, STATEMENT_TIMEOUT_MS)) != 0)
        goto done;
    if (cfg->db_read != NULL &&
        (rc = hr_db_pool_new(&read_pool, cfg->db_read, cfg->threads, STATEMENT_TIMEOUT_MS)) != 0)
        goto done;
    if (read_pool != NULL)
        hr_log_info("public reads go to the read replicas of HRTRACK_DB_READ");
    if (cfg->cache_bytes > 0 && (rc = hr_response_cache_new(&cache, cfg->cache_bytes)) != 0)
        goto done;
    hr_server_options options = {.bind = cfg->bind,
                                 .port = cfg->port,
                                 .threads = cfg->threads,
                                 .pool = pool,
                                 .read_pool = read_pool,
                                 .schema_version = version,
                                 .routes = hr_routes,
                                 .route_count = hr_route_count,
                                 .session_idle_s = cfg->session_idle_s,
                                 .session_absolute_s = cfg->session_absolute_s,
                                 .file_max_bytes = cfg->attachment_max_bytes,
                                 .web_dir = cfg->web_dir,
                                 .request_timeout_ms = cfg->request_timeout_s * 1000u,
                                 .trusted_proxies = &trusted,
                                 .cache = cache,
                                 .cached_routes = hr_cached_routes};
    if ((rc = hr_server_start(&server, &options)) != 0)
        goto done;
    hr_log_info("hrtrack-server listening on http://%s:%u/ (schema version %d, %u threads, "
                "response cache %zu bytes)",
                cfg->bind, hr_server_port(server), version, cfg->threads, cfg->cache_bytes);
    if (args.port_file != NULL &&
        (rc = write_port_file(args.port_file, hr_server_port(server))) != 0)
        goto done;
    wait_for_stop(&signals);
    unsigned cut = hr_server_drain(server, cfg->shutdown_grace_s * 1000u);
    if (cut > 0)
        hr_log_warn(
            "stopping with %u request(s) still in progress after %u s (HRTRACK_SHUTDOWN_GRACE)",
            cut, cfg->shutdown_grace_s);
    else
        hr_log_info("every request in progress was answered; stopping");
done:
    hr_server_stop(server);
    hr_db_pool_free(read_pool);
    hr_response_cache_free(cache);
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

/* backup FILE / restore FILE: the database of HRTRACK_DB, or the embedded one. */
static int backup_command(const hr_config *cfg, const char *action, const char *path)
{
    char *conninfo = NULL;
    int rc = hr_db_resolve_conninfo(&conninfo, cfg);
    int restore = strcmp(action, "restore") == 0;
    if (rc == 0)
        rc = restore ? hr_backup_restore(conninfo, path) : hr_backup_write(conninfo, path);
    hr_db *db = NULL;
    int version = 0;
    if (rc == 0 && hr_db_open(&db, conninfo, "hrtrack-server", 0) == 0 &&
        hr_db_schema_version(db, &version) == 0)
        printf("%s %s: schema at version %d\n", restore ? "restored from" : "backup written to",
               path, version);
    else if (rc != 0)
        fprintf(stderr, "hrtrack-server: %s failed (%s)\n", action, hr_error_code(rc));
    if (rc == 0 && restore)
        printf("run `hrtrack-server migrate` if this version of hrtrack is newer than the "
               "backup's\n");
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

/* Percent-decodes s in place ('+' is a space). Returns 0, or -1 for a bad escape. */
static int url_decode(char *s)
{
    char *out = s;
    for (char *p = s; *p != '\0'; p++) {
        if (*p == '+') {
            *out++ = ' ';
        } else if (*p == '%') {
            char hex[3] = {p[1], p[1] ? p[2] : '\0', '\0'};
            char *end = NULL;
            long v = strtol(hex, &end, 16);
            if (hex[0] == '\0' || hex[1] == '\0' || *end != '\0' || v == 0)
                return -1;
            *out++ = (char)v;
            p += 2;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return 0;
}

/* Applies the query string to q: everything but the cursor first, then the cursor. */
static int apply_query_string(hr_rec_query *q, const char *query)
{
    char copy[4096];
    if (snprintf(copy, sizeof copy, "%s", query) >= (int)sizeof copy)
        return HR_ELIMIT;
    for (int pass = 0; pass < 2; pass++) {
        char work[4096];
        memcpy(work, copy, sizeof work);
        for (char *pair = work; pair != NULL && *pair != '\0';) {
            char *amp = strchr(pair, '&');
            if (amp != NULL)
                *amp = '\0';
            char *eq = strchr(pair, '=');
            char *value = eq ? eq + 1 : pair + strlen(pair);
            if (eq != NULL)
                *eq = '\0';
            if (url_decode(pair) != 0 || url_decode(value) != 0)
                return HR_EPARAM;
            int cursor = strcmp(pair, "cursor") == 0;
            int rc = 0;
            if (strcmp(pair, "lang") == 0)
                q->lang = hr_lang_negotiate(value, NULL);
            else if ((pass == 1) == cursor && strcmp(pair, "format") != 0)
                rc = hr_rec_query_param(q, pair, value);
            if (rc != 0) {
                fprintf(stderr, "hrtrack-server: parameter \"%s\": %s\n", pair,
                        hr_error_message(rc, HR_LANG_EN));
                return rc;
            }
            pair = amp ? amp + 1 : NULL;
        }
    }
    return 0;
}

/* `sql TARGET`: the statements the request would run, one per line group. */
static int print_sql(const char *target)
{
    char path[512];
    const char *question = strchr(target, '?');
    size_t len = question ? (size_t)(question - target) : strlen(target);
    if (len >= sizeof path)
        return HR_ELIMIT;
    memcpy(path, target, len);
    path[len] = '\0';
    hr_rec_query q;
    hr_rec_query_init(&q, HR_LANG_EN);
    hr_buf out;
    hr_buf_init(&out, 1024u * 1024u);
    int rc = apply_query_string(&q, question ? question + 1 : "");
    const char *id_text = strncmp(path, "/api/v1/recommendations/", 24) == 0 ? path + 24 : NULL;
    if (rc != 0) {
        /* reported by apply_query_string */
    } else if (strcmp(path, "/api/v1/recommendations") == 0) {
        rc = hr_rec_query_sql(&out, &q, HR_SQL_COUNT);
        if (rc == 0)
            rc = hr_buf_puts(&out, ";\n");
        if (rc == 0)
            rc = hr_rec_query_sql(&out, &q, HR_SQL_PAGE);
    } else if (strcmp(path, "/api/v1/recommendations/facets") == 0) {
        rc = hr_rec_query_sql(&out, &q, HR_SQL_FACETS);
    } else if (id_text != NULL && strspn(id_text, "0123456789") == strlen(id_text) &&
               id_text[0] != '\0') {
        rc = hr_rec_detail_sql(&out, strtoll(id_text, NULL, 10), q.lang);
    } else {
        fprintf(stderr, "hrtrack-server: sql knows /api/v1/recommendations, its /facets and "
                        "/{id}\n");
        rc = HR_EPARAM;
    }
    if (rc == 0)
        printf("%s;\n", hr_buf_cstr(&out));
    hr_buf_free(&out);
    hr_rec_query_free(&q);
    return rc;
}

int main(int argc, char **argv)
{
    hr_config cfg;
    if (hr_config_load(&cfg) != 0)
        return 2;
    const char *command = argc > 1 ? argv[1] : "serve";
    int rc, handled = 0;
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
    else if (strcmp(command, "sql") == 0 && argc == 3)
        rc = print_sql(argv[2]);
    else if ((strcmp(command, "backup") == 0 || strcmp(command, "restore") == 0) && argc == 3)
        rc = backup_command(&cfg, command, argv[2]);
    else if ((rc = hr_accounts_command(&handled, &cfg, argc - 1, argv + 1)), handled)
        ;
    else {
        usage(stderr);
        return 2;
    }
    return rc == 0 ? 0 : 1;
}
