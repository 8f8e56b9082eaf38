/*
 * Attachments in the database (see status_updates.h): file contents are
 * stored once per content in attachment_blob, named by their SHA-256, and
 * each attachment row names one file of one status update. Contents go
 * to and come from PostgreSQL as binary parameters and results, so that
 * a 10 MiB file is not doubled into hex text on the way. The schema
 * (0008) refuses any change to the files of an approved update.
 */
#include "internal.h"
#include "update_json.h"

#include "hrtrack/error.h"
#include "hrtrack/sha256.h"
#include "hrtrack/status_updates.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static hr_stmt blob_exists = HR_STMT(
    "attachment_blob_exists", "SELECT 1 FROM attachment_blob WHERE sha256 = decode($1, 'hex')");

/* $1 hash (hex), $2 size, $3 the content (binary). */
static hr_stmt blob_insert =
    HR_STMT("attachment_blob_insert", "INSERT INTO attachment_blob (sha256, size, content)"
                                      " VALUES (decode($1, 'hex'), $2::integer, $3::bytea)"
                                      " ON CONFLICT (sha256) DO NOTHING");

/* $1 update, $2 hash, $3 name, $4 media type, $5 size, $6 public, $7 user. */
static hr_stmt attachment_insert =
    HR_STMT("attachment_insert",
            "INSERT INTO attachment AS a (status_update_id, sha256, file_name, media_type, size,"
            " is_public, created_by) VALUES ($1::bigint, decode($2, 'hex'), $3, $4, $5::integer,"
            " $6::boolean, $7::integer) RETURNING " ATTACHMENT_JSON("a"));

typedef struct add_call {
    json_t **out;
    const char *update_id, *hash, *name, *media_type, *size, *is_public, *user;
    const void *bytes;
    int len;
} add_call;

/* The content is sent only when no attachment has brought the same bytes before. */
static int store_blob(hr_db *db, const add_call *call)
{
    PGresult *res = NULL;
    const char *key[] = {call->hash};
    int rc = hr_db_exec(&res, db, &blob_exists, 1, key);
    int present = rc == 0 && PQntuples(res) > 0;
    PQclear(res);
    if (rc != 0 || present)
        return rc;
    const char *params[] = {call->hash, call->size, call->bytes};
    const int lengths[] = {0, 0, call->len};
    const int formats[] = {0, 0, 1};
    rc = hr_db_exec_binary(&res, db, &blob_insert, 3, params, lengths, formats, 0);
    PQclear(res);
    return rc;
}

static int run_add(hr_db *db, void *ctx)
{
    add_call *call = ctx;
    json_decref(*call->out);
    *call->out = NULL;
    int rc = store_blob(db, call);
    const char *params[] = {call->update_id, call->hash,      call->name, call->media_type,
                            call->size,      call->is_public, call->user};
    return rc != 0 ? rc : hr_db_exec_json(call->out, db, &attachment_insert, 7, params);
}

int hr_db_attachment_add(json_t **out, hr_db *db, const hr_actor *actor, long long update_id,
                         const char *file_name, const char *media_type, int is_public,
                         const void *bytes, size_t len)
{
    *out = NULL;
    if (len == 0 || len > INT_MAX)
        return HR_ELIMIT;
    char hash[HR_SHA256_HEX_LEN + 1], idt[24], size[24], user[16];
    hr_sha256_hex(hash, bytes, len);
    snprintf(idt, sizeof idt, "%lld", update_id);
    snprintf(size, sizeof size, "%zu", len);
    snprintf(user, sizeof user, "%d", actor->user_id);
    add_call call = {
        out,  idt,   hash,    file_name, media_type, size, is_public ? "true" : "false",
        user, bytes, (int)len};
    int rc = hr_db_audited(db, actor, run_add, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

static hr_stmt attachment_get =
    HR_STMT("attachment_get",
            "SELECT (" ATTACHMENT_JSON("a") "::jsonb || jsonb_build_object('update_state', u.state,"
                                            " 'institution_id', u.institution_id))::text"
                                            " FROM attachment a JOIN status_update u ON u.id = "
                                            "a.status_update_id"
                                            " WHERE a.id = $1::bigint");

int hr_db_attachment_get(json_t **out, hr_db *db, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    return hr_db_exec_json(out, db, &attachment_get, 1, params);
}

static hr_stmt attachment_content =
    HR_STMT("attachment_content", "SELECT b.content FROM attachment a"
                                  " JOIN attachment_blob b ON b.sha256 = a.sha256"
                                  " WHERE a.id = $1::bigint");

int hr_db_attachment_content(void **bytes, size_t *len, hr_db *db, long long id)
{
    *bytes = NULL;
    *len = 0;
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    PGresult *res = NULL;
    int rc = hr_db_exec_binary(&res, db, &attachment_content, 1, params, NULL, NULL, 1);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return HR_ENOTFOUND;
    }
    size_t n = (size_t)PQgetlength(res, 0, 0);
    void *copy = malloc(n > 0 ? n : 1);
    if (copy == NULL) {
        PQclear(res);
        return HR_ENOMEM;
    }
    memcpy(copy, PQgetvalue(res, 0, 0), n);
    PQclear(res);
    *bytes = copy;
    *len = n;
    return 0;
}

static hr_stmt attachment_delete =
    HR_STMT("attachment_delete", "DELETE FROM attachment WHERE id = $1::bigint"
                                 " RETURNING encode(sha256, 'hex')");

/* The content goes when no attachment uses it any more. */
static hr_stmt blob_prune =
    HR_STMT("attachment_blob_prune",
            "DELETE FROM attachment_blob b WHERE b.sha256 = decode($1, 'hex')"
            " AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = b.sha256)");

static int run_delete(hr_db *db, void *ctx)
{
    const char *const *params = ctx;
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &attachment_delete, 1, params);
    if (rc != 0)
        return rc;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return HR_ENOTFOUND;
    }
    char hash[HR_SHA256_HEX_LEN + 1];
    snprintf(hash, sizeof hash, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    const char *prune[] = {hash};
    return hr_db_exec_command(db, &blob_prune, 1, prune);
}

int hr_db_attachment_delete(hr_db *db, const hr_actor *actor, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    return hr_db_audited(db, actor, run_delete, (void *)params);
}

static hr_stmt attachment_set_public =
    HR_STMT("attachment_set_public", "UPDATE attachment AS a SET is_public = $2::boolean"
                                     " WHERE id = $1::bigint RETURNING " ATTACHMENT_JSON("a"));

int hr_db_attachment_set_public(json_t **out, hr_db *db, const hr_actor *actor, long long id,
                                int is_public)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text, is_public ? "true" : "false"};
    return hr_db_versioned_write(out, db, actor, &attachment_set_public, 2, params, NULL);
}
