/*
 * Comments in the database (see participation.h): writing one, the
 * author's own list, the moderation list, the moves of moderators and
 * authors, and the admins' read of who wrote a comment, which is audited
 * in the same statement.
 */
#include "internal.h"

#include "comment_json.h"

#include "hrtrack/error.h"
#include "hrtrack/json_spec.h"
#include "hrtrack/participation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* $1 recommendation or NULL, $2 status update or NULL: is the subject commentable? */
static hr_stmt comment_subject_ok = HR_STMT(
    "comment_subject_ok", "SELECT CASE WHEN $1::bigint IS NOT NULL"
                          " THEN EXISTS (SELECT 1 FROM recommendation WHERE id = $1::bigint)"
                          " ELSE EXISTS (SELECT 1 FROM status_update WHERE id = $2::bigint"
                          "  AND state = 'approved') END");

/* $1 recommendation, $2 status update, $3 author, $4 body, $5 language. */
static hr_stmt comment_insert =
    HR_STMT("comment_insert",
            "INSERT INTO comment AS c (recommendation_id, status_update_id, author_id, body)"
            " VALUES ($1::bigint, $2::bigint, $3::integer, $4)"
            " RETURNING " OWN_COMMENT_JSON("c", "$5"));

typedef struct create_call {
    json_t **out;
    const char **field;
    const char *const *params;
} create_call;

static int run_create(hr_db *db, void *ctx)
{
    create_call *call = ctx;
    json_decref(*call->out);
    *call->out = NULL;
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &comment_subject_ok, 2, call->params);
    if (rc != 0)
        return rc;
    int ok = PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    if (!ok) {
        *call->field = call->params[0] ? "recommendation_id" : "status_update_id";
        return HR_EUNPROCESSABLE;
    }
    return hr_db_exec_json(call->out, db, &comment_insert, 5, call->params);
}

/* The id field `name` of `body` as text into buf, or NULL when absent. */
static const char *id_text(char *buf, size_t size, const json_t *body, const char *name)
{
    long long id = 0;
    if (!hr_json_integer(&id, body, name))
        return NULL;
    snprintf(buf, size, "%lld", id);
    return buf;
}

int hr_db_comment_create(json_t **out, const char **field, hr_db *db, const hr_actor *actor,
                         int author_id, const json_t *body, hr_lang lang)
{
    *out = NULL;
    char rec[24], update[24], author[16];
    snprintf(author, sizeof author, "%d", author_id);
    const char *params[] = {id_text(rec, sizeof rec, body, "recommendation_id"),
                            id_text(update, sizeof update, body, "status_update_id"), author,
                            hr_json_string(body, "body"), hr_lang_code(lang)};
    create_call call = {out, field, params};
    int rc = hr_db_audited(db, actor, run_create, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* $1 author, $2 after, $3 limit, $4 language. */
static hr_stmt own_comments =
    HR_STMT("own_comments",
            "WITH page AS (SELECT * FROM comment WHERE author_id = $1::integer AND id > $2::bigint"
            " ORDER BY id LIMIT $3::integer)"
            " SELECT json_build_object("
            " 'items', coalesce((SELECT json_agg(" OWN_COMMENT_JSON(
                "page", "$4") " ORDER BY page.id)"
                              "  FROM page), '[]'),"
                              " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $3::integer"
                              "  THEN (SELECT max(id) FROM page) END)");

int hr_db_own_comments(json_t **out, hr_db *db, int author_id, long long after, int limit,
                       hr_lang lang)
{
    char author[16], aft[24], lim[16];
    snprintf(author, sizeof author, "%d", author_id);
    snprintf(aft, sizeof aft, "%lld", after);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {author, aft, lim, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &own_comments, 4, params);
}

static const hr_export_column own_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"recommendation_id", HR_COLUMN_NUMBER, {"Recommendation", "Recomendación", "Recommandation"}},
    {"status_update_id",
     HR_COLUMN_NUMBER,
     {"Status update", "Actualización de estado", "Mise à jour de l'état"}},
    {"state", HR_COLUMN_TEXT, {"State", "Estado", "État"}},
    {"created_at", HR_COLUMN_TEXT, {"Written", "Escrito", "Écrit"}},
    {"published_at", HR_COLUMN_TEXT, {"Published", "Publicado", "Publié"}},
    {"moderation_reason",
     HR_COLUMN_TEXT,
     {"Reason for rejection", "Motivo del rechazo", "Motif du refus"}},
    {"body", HR_COLUMN_TEXT, {"Comment", "Comentario", "Commentaire"}},
};

const hr_export_column *hr_own_comment_export_columns(int *count)
{
    *count = (int)(sizeof own_columns / sizeof own_columns[0]);
    return own_columns;
}

static const char own_export_sql[] =
    "SELECT id::text, recommendation_id::text, status_update_id::text, state,"
    " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " CASE WHEN state = 'rejected' THEN moderation_reason END, body"
    " FROM comment WHERE author_id = $1::integer ORDER BY id";

int hr_db_own_comments_export(hr_db_export **out, hr_db *db, int author_id)
{
    char author[16];
    snprintf(author, sizeof author, "%d", author_id);
    const char *params[] = {author};
    int count = 0;
    hr_own_comment_export_columns(&count);
    return hr_db_export_open_select(out, db, count, own_export_sql, 1, params);
}

static hr_stmt comment_owner =
    HR_STMT("comment_owner", "SELECT coalesce(author_id, 0) FROM comment WHERE id = $1::bigint");

int hr_db_comment_owner(int *author_id, hr_db *db, long long id)
{
    *author_id = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &comment_owner, 1, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > 0 ? 0 : HR_ENOTFOUND;
    if (rc == 0)
        *author_id = (int)hr_db_get_long(res, 0, 0);
    PQclear(res);
    return rc;
}

static hr_stmt comment_get =
    HR_STMT("comment_get", "SELECT " COMMENT_JSON("c") " FROM comment c WHERE c.id = $1::bigint");

int hr_db_comment_get(json_t **out, hr_db *db, long long id)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt};
    return hr_db_exec_json(out, db, &comment_get, 1, params);
}

/* $1 state, $2 after (0: from the first), $3 limit. Oldest first: a queue. */
#define MODERATION_FILTER                                                                          \
    " WHERE state = $1 AND ($2::bigint = 0 OR (created_at, id) >"                                  \
    "  (SELECT created_at, id FROM comment WHERE id = $2::bigint))"

static hr_stmt comments_moderation = HR_STMT(
    "comments_moderation",
    "WITH page AS (SELECT * FROM comment" MODERATION_FILTER
    " ORDER BY created_at, id LIMIT $3::integer)"
    " SELECT json_build_object("
    " 'items', coalesce((SELECT json_agg(" COMMENT_JSON(
        "page") " ORDER BY page.created_at,"
                "  page.id) FROM page), '[]'),"
                " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $3::integer"
                "  THEN (SELECT id FROM page ORDER BY created_at DESC, id DESC LIMIT 1) END)");

int hr_db_comments_moderation(json_t **out, hr_db *db, const char *state, long long after,
                              int limit)
{
    char aft[24], lim[16];
    snprintf(aft, sizeof aft, "%lld", after);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {state, aft, lim};
    return hr_db_exec_json(out, db, &comments_moderation, 3, params);
}

static const hr_export_column moderation_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"recommendation_id", HR_COLUMN_NUMBER, {"Recommendation", "Recomendación", "Recommandation"}},
    {"status_update_id",
     HR_COLUMN_NUMBER,
     {"Status update", "Actualización de estado", "Mise à jour de l'état"}},
    {"document", HR_COLUMN_TEXT, {"Document", "Documento", "Document"}},
    {"paragraph", HR_COLUMN_TEXT, {"Paragraph", "Párrafo", "Paragraphe"}},
    {"state", HR_COLUMN_TEXT, {"State", "Estado", "État"}},
    {"created_at", HR_COLUMN_TEXT, {"Written", "Escrito", "Écrit"}},
    {"moderation_reason",
     HR_COLUMN_TEXT,
     {"Reason for rejection", "Motivo del rechazo", "Motif du refus"}},
    {"body", HR_COLUMN_TEXT, {"Comment", "Comentario", "Commentaire"}},
};

const hr_export_column *hr_moderation_export_columns(int *count)
{
    *count = (int)(sizeof moderation_columns / sizeof moderation_columns[0]);
    return moderation_columns;
}

static const char moderation_export_sql[] =
    "SELECT c.id::text, coalesce(c.recommendation_id, s.recommendation_id)::text,"
    " c.status_update_id::text, d.symbol, r.paragraph, c.state,"
    " to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    " c.moderation_reason, c.body"
    " FROM comment c LEFT JOIN status_update s ON s.id = c.status_update_id"
    " LEFT JOIN recommendation r ON r.id = coalesce(c.recommendation_id, s.recommendation_id)"
    " LEFT JOIN document d ON d.id = r.document_id"
    " WHERE c.state = $1 ORDER BY c.created_at, c.id";

int hr_db_comments_moderation_export(hr_db_export **out, hr_db *db, const char *state)
{
    const char *params[] = {state};
    int count = 0;
    hr_moderation_export_columns(&count);
    return hr_db_export_open_select(out, db, count, moderation_export_sql, 1, params);
}

/*
 * $1 id, $2 version, $3 the states the move starts from, $4 the new state,
 * $5 the reason of a rejection, $6 the moderator (NULL for the author).
 */
static hr_stmt comment_move = HR_STMT(
    "comment_move",
    "UPDATE comment AS c SET state = $4,"
    " body = CASE WHEN $4 = 'withdrawn' THEN NULL ELSE body END,"
    " moderation_reason = CASE $4 WHEN 'rejected' THEN $5 WHEN 'published' THEN NULL"
    "  ELSE moderation_reason END,"
    " published_at = CASE $4 WHEN 'published' THEN now() WHEN 'rejected' THEN NULL"
    "  ELSE published_at END,"
    " moderated_by = CASE WHEN $6::integer IS NOT NULL THEN $6::integer ELSE moderated_by END,"
    " moderated_at = CASE WHEN $6::integer IS NOT NULL THEN now() ELSE moderated_at END,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1::bigint AND version = $2::integer AND state = ANY ($3::text[])"
    " RETURNING " COMMENT_JSON("c"));

static hr_stmt comment_exists =
    HR_STMT("comment_exists", "SELECT 1 FROM comment WHERE id = $1::bigint");

int hr_db_comment_move(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                       hr_comment_move move, const char *reason)
{
    char idt[24], ver[24], moderator[16];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    snprintf(moderator, sizeof moderator, "%d", actor->user_id);
    int by_moderator = move != HR_COMMENT_WITHDRAW && actor->user_id > 0;
    const char *params[] = {idt,
                            ver,
                            hr_comment_move_from(move),
                            hr_comment_move_to(move),
                            move == HR_COMMENT_REJECT ? reason : NULL,
                            by_moderator ? moderator : NULL};
    return hr_db_versioned_write(out, db, actor, &comment_move, 6, params, &comment_exists);
}

/*
 * The read and its audit entry in one statement: no row, no entry, and no
 * entry, no answer. The entry names the admin, never the author.
 */
static hr_stmt comment_author = HR_STMT(
    "comment_author",
    "WITH c AS (SELECT id, author_id FROM comment WHERE id = $1::bigint),"
    " logged AS (INSERT INTO audit_log (user_id, actor, request_id, action, entity, entity_id)"
    "  SELECT nullif(current_setting('hrtrack.user_id', true), '')::integer,"
    "  coalesce(nullif(current_setting('hrtrack.actor', true), ''), session_user),"
    "  nullif(current_setting('hrtrack.request_id', true), ''), 'read', 'comment', c.id::text"
    "  FROM c RETURNING entity_id)"
    "SELECT json_build_object('comment_id', c.id, 'author', CASE WHEN u.id IS NULL THEN NULL"
    " ELSE json_build_object('id', u.id, 'email', u.email, 'public_name', u.display_name,"
    " 'organisation', u.organisation) END)"
    " FROM c JOIN logged ON logged.entity_id = c.id::text"
    " LEFT JOIN app_user u ON u.id = c.author_id");

typedef struct author_call {
    json_t **out;
    const char *const *params;
} author_call;

static int run_author(hr_db *db, void *ctx)
{
    author_call *call = ctx;
    json_decref(*call->out);
    *call->out = NULL;
    return hr_db_exec_json(call->out, db, &comment_author, 1, call->params);
}

int hr_db_comment_author(json_t **out, hr_db *db, const hr_actor *actor, long long id)
{
    *out = NULL;
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt};
    author_call call = {out, params};
    int rc = hr_db_audited(db, actor, run_author, &call);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}
