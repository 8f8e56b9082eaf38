/*
 * The server's connection pool: one connection per worker thread, never
 * shared, at most `size` of them. A thread-specific key finds the calling
 * thread's connection without a lock on the hot path; the lock is taken only
 * when a thread opens its first connection.
 */
#include "internal.h"

#include "hrtrack/error.h"
#include "hrtrack/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct hr_db_pool {
    pthread_key_t key;
    pthread_mutex_t lock;
    char *conninfo; /* one or more connection strings, ';'-separated (hr_db_pool_new) */
    char **servers; /* conninfo split: thread i connects to servers[i % server_count] */
    unsigned server_count;
    unsigned size;
    unsigned statement_timeout_ms;
    unsigned used;
    hr_db **all; /* every connection handed out, for hr_db_pool_free */
};

int hr_db_pool_new(hr_db_pool **out, const char *conninfo, unsigned size,
                   unsigned statement_timeout_ms)
{
    *out = NULL;
    hr_db_pool *pool = calloc(1, sizeof *pool);
    if (pool == NULL)
        return HR_ENOMEM;
    pool->conninfo = strdup(conninfo);
    pool->all = calloc(size, sizeof *pool->all);
    pool->servers = calloc(HR_DB_POOL_SERVERS_MAX, sizeof *pool->servers);
    if (pool->conninfo == NULL || pool->all == NULL || pool->servers == NULL ||
        pthread_key_create(&pool->key, NULL) != 0) {
        free(pool->conninfo);
        free(pool->all);
        free(pool->servers);
        free(pool);
        return HR_ENOMEM;
    }
    /* Several servers (read replicas): each thread keeps to one of them. */
    char *save = NULL;
    for (char *part = strtok_r(pool->conninfo, ";", &save);
         part != NULL && pool->server_count < HR_DB_POOL_SERVERS_MAX;
         part = strtok_r(NULL, ";", &save)) {
        while (*part == ' ' || *part == '\n' || *part == '\t')
            part++;
        if (*part != '\0')
            pool->servers[pool->server_count++] = part;
    }
    if (pool->server_count == 0) {
        pool->servers[0] = pool->conninfo;
        pool->server_count = 1;
    }
    pthread_mutex_init(&pool->lock, NULL);
    pool->size = size;
    pool->statement_timeout_ms = statement_timeout_ms;
    *out = pool;
    return 0;
}

void hr_db_pool_free(hr_db_pool *pool)
{
    if (pool == NULL)
        return;
    for (unsigned i = 0; i < pool->used; i++)
        hr_db_free(pool->all[i]);
    pthread_key_delete(pool->key);
    pthread_mutex_destroy(&pool->lock);
    free(pool->all);
    free(pool->servers);
    free(pool->conninfo);
    free(pool);
}

/* Opens this thread's connection, or a placeholder to reconnect later. */
static int open_for_thread(hr_db **out, hr_db_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    int rc = 0;
    if (pool->used >= pool->size) {
        hr_log_error("database pool: more threads than its %u connections", pool->size);
        rc = HR_ELIMIT;
        goto done;
    }
    hr_db *db = NULL;
    rc = hr_db_open(&db, pool->servers[pool->used % pool->server_count], "hrtrack-server",
                    pool->statement_timeout_ms);
    /* The server's sessions run as the application role: no rewriting of
     * the audit log, even through a bug (schema/0006_accounts.sql). */
    if (rc == 0 && (rc = hr_db_use_role(db, HR_DB_APP_ROLE)) != 0)
        hr_db_free(db);
    if (rc != 0)
        goto done;
    pool->all[pool->used++] = db;
    pthread_setspecific(pool->key, db);
    *out = db;
done:
    pthread_mutex_unlock(&pool->lock);
    return rc;
}

int hr_db_pool_get(hr_db **out, hr_db_pool *pool)
{
    hr_db *db = pthread_getspecific(pool->key);
    if (db == NULL)
        return open_for_thread(out, pool);
    *out = db;
    return hr_db_ensure(db);
}
