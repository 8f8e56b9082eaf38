/*
 * The shape every versioned write shares: one statement that writes and
 * returns the resource, inside an audited transaction, and a second look
 * when nothing came back to tell "gone" (404) from "changed since you read
 * it" (409).
 */
#include "internal.h"

#include "hrtrack/audit.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct write_call {
    json_t **out;
    hr_stmt *write;
    int nparams;
    const char *const *params;
    hr_stmt *exists;
} write_call;

static int run_write(hr_db *db, void *ctx)
{
    write_call *call = ctx;
    json_decref(*call->out);
    *call->out = NULL;
    int rc = hr_db_exec_json(call->out, db, call->write, call->nparams, call->params);
    if (rc != HR_ENOTFOUND || call->exists == NULL)
        return rc;
    PGresult *res = NULL;
    rc = hr_db_exec(&res, db, call->exists, 1, call->params);
    if (rc == 0)
        rc = PQntuples(res) > 0 ? HR_ECONFLICT : HR_ENOTFOUND;
    PQclear(res);
    return rc;
}

int hr_db_versioned_write(json_t **out, hr_db *db, const struct hr_actor *actor, hr_stmt *write,
                          int nparams, const char *const *params, hr_stmt *exists)
{
    *out = NULL;
    write_call call = {out, write, nparams, params, exists};
    int rc = hr_db_audited(db, actor, run_write, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int hr_db_versioned_update(json_t **out, hr_db *db, const struct hr_actor *actor, hr_stmt *write,
                           hr_stmt *exists, long long id, long version, const json_t *fields)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    *out = NULL;
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {idt, text, ver};
    int rc = hr_db_versioned_write(out, db, actor, write, 3, params, exists);
    free(text);
    return rc;
}

int hr_db_versioned_delete(hr_db *db, const struct hr_actor *actor, hr_stmt *write, hr_stmt *exists,
                           long long id, long version)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    const char *params[] = {idt, ver};
    json_t *deleted = NULL;
    int rc = hr_db_versioned_write(&deleted, db, actor, write, 2, params, exists);
    json_decref(deleted);
    return rc;
}

void hr_db_bytea_hex(char out[67], const unsigned char hash[32])
{
    static const char digits[] = "0123456789abcdef";
    out[0] = '\\';
    out[1] = 'x';
    for (int i = 0; i < 32; i++) {
        out[2 + 2 * i] = digits[hash[i] >> 4];
        out[3 + 2 * i] = digits[hash[i] & 15];
    }
    out[66] = '\0';
}
