/*
 * Reads hrtrack's settings from the environment (see include/hrtrack/config.h).
 * Values are checked here, once, so the rest of the code can trust them.
 */
#include "hrtrack/config.h"
#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HRTRACK_HOME_DEFAULT
#define HRTRACK_HOME_DEFAULT "."
#endif

/* Empty variables count as unset: `HRTRACK_DB= cmd` means "use the default". */
static const char *env(const char *name)
{
    const char *v = getenv(name);
    return (v != NULL && v[0] != '\0') ? v : NULL;
}

static int set_path(char *dst, const char *name, const char *value)
{
    int n = snprintf(dst, HR_PATH_MAX, "%s", value);
    if (n < 0 || n >= HR_PATH_MAX) {
        hr_log_error("%s is longer than %d bytes", name, HR_PATH_MAX - 1);
        return HR_EPARAM;
    }
    return 0;
}

static int set_subdir(char *dst, const char *name, const char *home, const char *sub)
{
    const char *v = env(name);
    if (v != NULL)
        return set_path(dst, name, v);
    int n = snprintf(dst, HR_PATH_MAX, "%s/%s", home, sub);
    if (n < 0 || n >= HR_PATH_MAX) {
        hr_log_error("HRTRACK_HOME is too long to hold %s", sub);
        return HR_EPARAM;
    }
    return 0;
}

static int read_number(long *out, const char *name, long min, long max)
{
    const char *v = env(name);
    if (v == NULL)
        return 0;
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
        hr_log_error("%s must be a whole number from %ld to %ld, not \"%s\"", name, min, max, v);
        return HR_EPARAM;
    }
    *out = n;
    return 0;
}

/* HRTRACK_CACHE_BYTES: 0 turns the response cache off; else at least 64 KiB. */
static int read_cache_bytes(hr_config *cfg)
{
    long bytes = 64L * 1024 * 1024;
    int rc = read_number(&bytes, "HRTRACK_CACHE_BYTES", 0, 4L * 1024 * 1024 * 1024);
    if (rc == 0 && bytes > 0 && bytes < 64L * 1024) {
        hr_log_error("HRTRACK_CACHE_BYTES must be 0 (no cache) or at least 65536, not %ld", bytes);
        rc = HR_EPARAM;
    }
    cfg->cache_bytes = (size_t)bytes;
    return rc;
}

static int read_log_level(void)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    const char *v = env("HRTRACK_LOG_LEVEL");
    if (v == NULL)
        return 0;
    for (int i = 0; i < 4; i++) {
        if (strcmp(v, names[i]) == 0) {
            hr_log_set_level((hr_log_level)i);
            return 0;
        }
    }
    hr_log_error("HRTRACK_LOG_LEVEL must be debug, info, warn or error, not \"%s\"", v);
    return HR_EPARAM;
}

int hr_config_load(hr_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    if (read_log_level() != 0)
        return HR_EPARAM;
    cfg->db = env("HRTRACK_DB");
    cfg->db_read = env("HRTRACK_DB_READ");
    const char *home = env("HRTRACK_HOME");
    int rc = set_path(cfg->home, "HRTRACK_HOME", home ? home : HRTRACK_HOME_DEFAULT);
    if (rc == 0)
        rc = set_subdir(cfg->pg_dir, "HRTRACK_PG_DIR", cfg->home, "var/pg");
    if (rc == 0)
        rc = set_subdir(cfg->schema_dir, "HRTRACK_SCHEMA_DIR", cfg->home, "schema");
    if (rc == 0)
        rc = set_subdir(cfg->data_dir, "HRTRACK_DATA_DIR", cfg->home, "data");
    if (rc == 0)
        rc = set_subdir(cfg->web_dir, "HRTRACK_WEB_DIR", cfg->home, "web");
    if (rc != 0)
        return rc;

    const char *bind = env("HRTRACK_BIND");
    snprintf(cfg->bind, sizeof cfg->bind, "%s", bind ? bind : "127.0.0.1");
    if (bind != NULL && strlen(bind) >= sizeof cfg->bind) {
        hr_log_error("HRTRACK_BIND is too long");
        return HR_EPARAM;
    }
    long port = 8080, threads = 4;
    if ((rc = read_number(&port, "HRTRACK_PORT", 0, 65535)) != 0 ||
        (rc = read_number(&threads, "HRTRACK_THREADS", 1, 256)) != 0)
        return rc;
    cfg->port = (uint16_t)port;
    cfg->threads = (unsigned)threads;
    /* A bank's defaults: signed out after 30 idle minutes, and after 12 hours whatever. */
    long idle = 30 * 60, absolute = 12 * 3600;
    if ((rc = read_number(&idle, "HRTRACK_SESSION_IDLE", 60, 7 * 86400)) != 0 ||
        (rc = read_number(&absolute, "HRTRACK_SESSION_MAX", 60, 30 * 86400)) != 0)
        return rc;
    cfg->session_idle_s = (unsigned)idle;
    cfg->session_absolute_s = (unsigned)absolute;
    /* Files are held in memory while they arrive, one per worker thread at most. */
    long attachment_max = 10L * 1024 * 1024;
    if ((rc = read_number(&attachment_max, "HRTRACK_ATTACHMENT_MAX_BYTES", 1024,
                          256L * 1024 * 1024)) != 0)
        return rc;
    cfg->attachment_max_bytes = (size_t)attachment_max;
    /* Long enough for a large export to finish; short enough for a supervisor's stop timeout. */
    long grace = 10;
    if ((rc = read_number(&grace, "HRTRACK_SHUTDOWN_GRACE", 0, 3600)) != 0)
        return rc;
    cfg->shutdown_grace_s = (unsigned)grace;
    long request_timeout = 10;
    if ((rc = read_number(&request_timeout, "HRTRACK_REQUEST_TIMEOUT", 1, 600)) != 0)
        return rc;
    cfg->request_timeout_s = (unsigned)request_timeout;
    /* A reverse proxy on the same machine is the documented TLS set-up (docs/deployment.md). */
    /* Set but empty means "no proxy": getenv, not env(), which reads empty as unset. */
    const char *proxies = getenv("HRTRACK_TRUSTED_PROXIES");
    if (proxies != NULL && strlen(proxies) >= sizeof cfg->trusted_proxies) {
        hr_log_error("HRTRACK_TRUSTED_PROXIES is too long");
        return HR_EPARAM;
    }
    snprintf(cfg->trusted_proxies, sizeof cfg->trusted_proxies, "%s",
             proxies ? proxies : "127.0.0.1, ::1");
    return read_cache_bytes(cfg);
}
