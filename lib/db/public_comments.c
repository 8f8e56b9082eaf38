/*
 * What the public reads of participation (see participation.h): the
 * published comments about a recommendation or an approved status update,
 * with the answers under each, as a page and as an export. The author
 * appears as the public name alone, or as the "withdrawn account" label
 * once the account is erased.
 */
#include "internal.h"

#include "comment_json.h"

#include "hrtrack/error.h"
#include "hrtrack/participation.h"

#include <stdio.h>

static hr_stmt recommendation_public =
    HR_STMT("comment_subject_recommendation", "SELECT 1 FROM recommendation WHERE id = $1::bigint");

static hr_stmt status_update_public =
    HR_STMT("comment_subject_status_update",
            "SELECT 1 FROM status_update WHERE id = $1::bigint AND state = 'approved'");

int hr_db_comment_subject_public(hr_db *db, hr_comment_subject subject, long long id)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt};
    PGresult *res = NULL;
    hr_stmt *stmt =
        subject == HR_SUBJECT_STATUS_UPDATE ? &status_update_public : &recommendation_public;
    int rc = hr_db_exec(&res, db, stmt, 1, params);
    if (rc != 0)
        return rc;
    rc = PQntuples(res) > 0 ? 0 : HR_ENOTFOUND;
    PQclear(res);
    return rc;
}

/* $1 subject id, $2 after, $3 limit, $4 language, $5 the label of an erased account. */
#define PUBLIC_LIST(name, column)                                                                  \
    HR_STMT(name,                                                                                  \
            "WITH page AS (SELECT * FROM comment WHERE " column " = $1::bigint"                    \
            " AND state = 'published' AND id > $2::bigint ORDER BY id LIMIT $3::integer)"          \
            " SELECT json_build_object('items', coalesce((SELECT json_agg(" PUBLIC_COMMENT_JSON(   \
                "page", "$4",                                                                      \
                "$5") " ORDER BY page.id) FROM page), '[]'),"                                      \
                      " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $3::integer"         \
                      "  THEN (SELECT max(id) FROM page) END)")

static hr_stmt recommendation_comments =
    PUBLIC_LIST("public_comments_recommendation", "recommendation_id");
static hr_stmt status_update_comments =
    PUBLIC_LIST("public_comments_status_update", "status_update_id");

int hr_db_public_comments(json_t **out, hr_db *db, hr_comment_subject subject, long long id,
                          long long after, int limit, hr_lang lang)
{
    char idt[24], aft[24], lim[16];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(aft, sizeof aft, "%lld", after);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {idt, aft, lim, hr_lang_code(lang), hr_comment_withdrawn_label(lang)};
    hr_stmt *stmt =
        subject == HR_SUBJECT_STATUS_UPDATE ? &status_update_comments : &recommendation_comments;
    return hr_db_exec_json(out, db, stmt, 5, params);
}

static const hr_export_column public_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"author", HR_COLUMN_TEXT, {"Author", "Autor", "Auteur"}},
    {"published_at", HR_COLUMN_TEXT, {"Published", "Publicado", "Publié"}},
    {"body", HR_COLUMN_TEXT, {"Comment", "Comentario", "Commentaire"}},
    {"answers", HR_COLUMN_TEXT, {"Answers", "Respuestas", "Réponses"}},
};

const hr_export_column *hr_public_comment_export_columns(int *count)
{
    *count = (int)(sizeof public_columns / sizeof public_columns[0]);
    return public_columns;
}

/* $1 subject id, $2 language, $3 the label. Answers: "Institution: text", a blank line apart. */
#define PUBLIC_EXPORT(column)                                                                      \
    "SELECT c.id::text, coalesce((SELECT display_name FROM app_user WHERE id = c.author_id),"      \
    " $3::text), to_char(c.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"    \
    " c.body, (SELECT string_agg(" INSTITUTION_NAME(                                               \
        "i", "$2") " || ': ' || a.body, E'\\n\\n'"                                                 \
                   "  ORDER BY a.id) FROM comment_answer a JOIN institution i ON i.id = "          \
                   "a.institution_id"                                                              \
                   "  WHERE a.comment_id = c.id)"                                                  \
                   " FROM comment c WHERE c." column                                               \
                   " = $1::bigint AND c.state = 'published' ORDER BY c.id"

static const char recommendation_export_sql[] = PUBLIC_EXPORT("recommendation_id");
static const char status_update_export_sql[] = PUBLIC_EXPORT("status_update_id");

int hr_db_public_comments_export(hr_db_export **out, hr_db *db, hr_comment_subject subject,
                                 long long id, hr_lang lang)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%lld", id);
    const char *params[] = {idt, hr_lang_code(lang), hr_comment_withdrawn_label(lang)};
    int count = 0;
    hr_public_comment_export_columns(&count);
    return hr_db_export_open_select(out, db, count,
                                    subject == HR_SUBJECT_STATUS_UPDATE ? status_update_export_sql
                                                                        : recommendation_export_sql,
                                    3, params);
}
