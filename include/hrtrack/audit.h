/*
 * Audited writes and the audit log.
 *
 * Every change to an audited table is logged by a trigger in the same
 * transaction (schema/0006_accounts.sql). What the trigger cannot know, who
 * acts and for which request, the writer says by running its transaction
 * through hr_db_audited.
 */
#ifndef HRTRACK_AUDIT_H
#define HRTRACK_AUDIT_H

#include "hrtrack/db.h"

#include <jansson.h>

/* Who makes a change. */
typedef struct hr_actor {
    int user_id;            /* 0 for a command run on the server machine */
    const char *name;       /* "user:12" or "hrtrack-server add-user"; at most 100 bytes */
    const char *request_id; /* the HTTP request's id, or NULL */
} hr_actor;

/*
 * Runs fn(db, ctx) in one transaction (retried as hr_db_transaction does)
 * whose changes are logged as made by `actor`. Returns fn's result or a
 * db.h error.
 */
int hr_db_audited(hr_db *db, const hr_actor *actor, int (*fn)(hr_db *db, void *ctx), void *ctx);

/*
 * The audit log, newest first: at most `limit` entries with an id below
 * `before_id` (0: from the newest), of `entity` (NULL: all) and
 * `entity_id` (NULL: all), and of `user_id` (0: all); entries about user
 * accounts (entity "app_user") only when `with_accounts`. *out is
 * {"items":[{id, at, user_id, actor, request_id, action, entity,
 * entity_id, before, after}], "next_before": id or null}.
 */
int hr_db_audit_list(json_t **out, hr_db *db, const char *entity, const char *entity_id,
                     int user_id, long long before_id, int limit, int with_accounts);

#endif
