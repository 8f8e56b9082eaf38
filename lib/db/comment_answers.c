/*
 * Ministries' answers to published comments (see participation.h). An
 * answer speaks for its institution: its writer is stored for the audit
 * log, and no reply built here shows who it was.
 */
#include "internal.h"

#include "comment_json.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

#include <stdio.h>

/* $1 comment, $2 institution. */
static hr_stmt comment_concerns = HR_STMT(
    "comment_concerns",
    "SELECT CASE WHEN c.recommendation_id IS NOT NULL"
    " THEN EXISTS (SELECT 1 FROM rec_assignment WHERE recommendation_id = c.recommendation_id"
    "  AND institution_id = $2::integer)"
    " ELSE coalesce((SELECT institution_id = $2::integer FROM status_update"
    "  WHERE id = c.status_update_id), false) END"
    " FROM comment c WHERE c.id = $1::bigint AND c.state = 'published'");

int hr_db_comment_concerns(int *concerned, hr_db *db, long long comment_id, int institution_id)
{
    *concerned = 0;
    char comment[24], institution[16];
    snprintf(comment, sizeof comment, "%lld", comment_id);
    snprintf(institution, sizeof institution, "%d", institution_id);
    const char *params[] = {comment, institution};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &comment_concerns, 2, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > 0 ? 0 : HR_ENOTFOUND;
    if (rc == 0)
        *concerned = PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    return rc;
}

static hr_stmt answer_get =
    HR_STMT("answer_get",
            "SELECT " ANSWER_JSON("a", "$2") " FROM comment_answer a WHERE a.id = $1::bigint");

int hr_db_answer_get(json_t **out, hr_db *db, long long id, hr_lang lang)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &answer_get, 2, params);
}

/* $1 comment, $2 institution, $3 author, $4 body, $5 language. */
static hr_stmt answer_insert = HR_STMT(
    "answer_insert", "INSERT INTO comment_answer AS a (comment_id, institution_id, author_id, body)"
                     " VALUES ($1::bigint, $2::integer, $3::integer, $4)"
                     " RETURNING " ANSWER_JSON("a", "$5"));

int hr_db_answer_create(json_t **out, hr_db *db, const hr_actor *actor, long long comment_id,
                        int institution_id, int author_id, const char *body, hr_lang lang)
{
    char comment[24], institution[16], author[16];
    snprintf(comment, sizeof comment, "%lld", comment_id);
    snprintf(institution, sizeof institution, "%d", institution_id);
    snprintf(author, sizeof author, "%d", author_id);
    const char *params[] = {comment, institution, author, body, hr_lang_code(lang)};
    return hr_db_versioned_write(out, db, actor, &answer_insert, 5, params, NULL);
}

/* $1 id, $2 version, $3 body, $4 language. */
static hr_stmt answer_update =
    HR_STMT("answer_update", "UPDATE comment_answer AS a SET body = $3, version = version + 1,"
                             " updated_at = now() WHERE id = $1::bigint AND version = $2::integer"
                             " RETURNING " ANSWER_JSON("a", "$4"));

static hr_stmt answer_exists =
    HR_STMT("answer_exists", "SELECT 1 FROM comment_answer WHERE id = $1::bigint");

int hr_db_answer_update(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                        const char *body, hr_lang lang)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    const char *params[] = {idt, ver, body, hr_lang_code(lang)};
    return hr_db_versioned_write(out, db, actor, &answer_update, 4, params, &answer_exists);
}

static hr_stmt answer_delete =
    HR_STMT("answer_delete", "DELETE FROM comment_answer WHERE id = $1::bigint"
                             " AND version = $2::integer RETURNING json_build_object('id', id)");

int hr_db_answer_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    return hr_db_versioned_delete(db, actor, &answer_delete, &answer_exists, id, version);
}
