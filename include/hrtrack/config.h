/*
 * Where hrtrack finds things, read once from the environment.
 *
 *   HRTRACK_DB        libpq connection string or URI. When unset, the
 *                     programs use the embedded cluster under var/pg/.
 *   HRTRACK_HOME      project folder holding schema/, data/ and var/
 *                     (default: the source tree the programs were built from)
 *   HRTRACK_PG_DIR    folder of the embedded cluster (default $HRTRACK_HOME/var/pg)
 *   HRTRACK_SCHEMA_DIR, HRTRACK_DATA_DIR   override schema/ and data/
 *   HRTRACK_WEB_DIR   the web interface served at / (default $HRTRACK_HOME/web:
 *                     the source tree, or, installed, HRTRACK_HOME pointing at
 *                     the folder that holds schema/, data/ and web/)
 *   HRTRACK_PORT, HRTRACK_BIND, HRTRACK_THREADS   server settings
 *   HRTRACK_LOG_LEVEL debug, info (default), warn or error
 *   HRTRACK_SESSION_IDLE, HRTRACK_SESSION_MAX   session expiry in seconds
 *   HRTRACK_ATTACHMENT_MAX_BYTES   largest file attached to a status update
 *                     (default 10 MiB, from 1 KiB to 256 MiB)
 *   HRTRACK_CACHE_BYTES   memory of the server's response cache for public
 *                     reads by anonymous callers (default 64 MiB; 0 turns
 *                     it off; otherwise from 64 KiB to 4 GiB)
 */
#ifndef HRTRACK_CONFIG_H
#define HRTRACK_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#define HR_PATH_MAX 1024

typedef struct hr_config {
    const char *db;               /* HRTRACK_DB, or NULL for the embedded cluster */
    const char *db_read;          /* HRTRACK_DB_READ: read replicas, ';'-separated, or NULL */
    char home[HR_PATH_MAX];       /* project folder */
    char pg_dir[HR_PATH_MAX];     /* embedded cluster folder */
    char schema_dir[HR_PATH_MAX]; /* migrations */
    char data_dir[HR_PATH_MAX];   /* reference and sample data */
    char web_dir[HR_PATH_MAX];    /* static pages */
    char bind[64];                /* address to listen on */
    uint16_t port;                /* TCP port; 0 asks the kernel for a free one */
    unsigned threads;             /* HTTP worker threads = database connections */
    unsigned session_idle_s;      /* HRTRACK_SESSION_IDLE: idle expiry of a session (1800) */
    unsigned session_absolute_s;  /* HRTRACK_SESSION_MAX: absolute expiry (43200) */
    size_t attachment_max_bytes;  /* HRTRACK_ATTACHMENT_MAX_BYTES (10 MiB) */
    unsigned shutdown_grace_s;    /* HRTRACK_SHUTDOWN_GRACE: wait for requests on SIGTERM (10) */
    unsigned request_timeout_s;   /* HRTRACK_REQUEST_TIMEOUT: a request's head must arrive (10) */
    char trusted_proxies[512];    /* HRTRACK_TRUSTED_PROXIES: whose X-Forwarded-* to believe */
    size_t cache_bytes;           /* HRTRACK_CACHE_BYTES (64 MiB; 0: no response cache) */
} hr_config;

/*
 * Fills `cfg` from the environment and the built-in defaults. Returns 0, or
 * HR_EPARAM when a variable holds a value that cannot be used (the message
 * is logged, naming the variable).
 */
int hr_config_load(hr_config *cfg);

#endif
