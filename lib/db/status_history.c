/*
 * The public, validated history of a recommendation or an action (see
 * status_updates.h): its approved updates, oldest first, in the public
 * shape, paged by the id of the last one read (approved rows never
 * change, so the position of an id in the order never moves), and its
 * export.
 */
#include "internal.h"
#include "update_json.h"

#include "hrtrack/error.h"
#include "hrtrack/status_updates.h"

#include <stdio.h>
#include <string.h>

/* $1 recommendation or NULL, $2 action or NULL. */
#define HISTORY_OF                                                                                 \
    " u.state = 'approved'"                                                                        \
    " AND (u.recommendation_id = $1::bigint OR u.action_id = $2::bigint)"

#define HISTORY_ORDER(u) u ".as_of, " u ".decided_at, " u ".id"

/* $3 after (0: from the first), $4 limit, $5 language. */
static hr_stmt history_page = HR_STMT(
    "status_history_page",
    "WITH page AS (SELECT u.* FROM status_update u WHERE" HISTORY_OF
    " AND ($3::bigint = 0 OR (" HISTORY_ORDER("u") ") > (SELECT " HISTORY_ORDER(
        "x") " FROM status_update x WHERE x.id = $3::bigint))"
             " ORDER BY " HISTORY_ORDER(
                 "u") " LIMIT $4::integer)"
                      " SELECT json_build_object('items', coalesce((SELECT "
                      "json_agg(" UPDATE_PUBLIC_JSON("page", "$5::text") " ORDER BY " HISTORY_ORDER(
                          "page") ")"
                                  " FROM page), '[]'),"
                                  " 'next_after', CASE WHEN (SELECT "
                                  "count(*) FROM page) = $4::integer"
                                  " THEN (SELECT id FROM page ORDER BY "
                                  "as_of DESC, decided_at DESC,"
                                  " id DESC LIMIT 1) END)");

static hr_stmt history_subject = HR_STMT(
    "status_history_subject", "SELECT 1 WHERE CASE WHEN $1::bigint IS NOT NULL"
                              " THEN EXISTS (SELECT 1 FROM recommendation WHERE id = $1::bigint)"
                              " ELSE EXISTS (SELECT 1 FROM action WHERE id = $2::bigint) END");

typedef struct subject_text {
    char rec[24], act[24];
    const char *params[2];
} subject_text;

static void subject_params(subject_text *t, long long recommendation_id, long long action_id)
{
    snprintf(t->rec, sizeof t->rec, "%lld", recommendation_id);
    snprintf(t->act, sizeof t->act, "%lld", action_id);
    t->params[0] = recommendation_id > 0 ? t->rec : NULL;
    t->params[1] = action_id > 0 ? t->act : NULL;
}

static int subject_exists(hr_db *db, const subject_text *t)
{
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &history_subject, 2, t->params);
    if (rc == 0 && PQntuples(res) == 0)
        rc = HR_ENOTFOUND;
    PQclear(res);
    return rc;
}

int hr_db_status_history(json_t **out, hr_db *db, long long recommendation_id, long long action_id,
                         long long after, int limit, hr_lang lang)
{
    *out = NULL;
    subject_text t;
    subject_params(&t, recommendation_id, action_id);
    int rc = subject_exists(db, &t);
    if (rc != 0)
        return rc;
    char after_text[24], limit_text[16];
    snprintf(after_text, sizeof after_text, "%lld", after);
    snprintf(limit_text, sizeof limit_text, "%d", limit);
    const char *params[] = {t.params[0], t.params[1], after_text, limit_text, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &history_page, 5, params);
}

static const hr_export_column history_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"as_of", HR_COLUMN_TEXT, {"As of", "Fecha de referencia", "Date de référence"}},
    {"approved_at", HR_COLUMN_TEXT, {"Approved", "Aprobada", "Approuvée"}},
    {"status", HR_COLUMN_TEXT, {"Status", "Estado", "Statut"}},
    {"institution", HR_COLUMN_TEXT, {"Institution", "Institución", "Institution"}},
    {"narrative", HR_COLUMN_TEXT, {"Narrative", "Descripción", "Description"}},
    {"evidence_links", HR_COLUMN_LIST, {"Evidence", "Evidencias", "Éléments de preuve"}},
    {"attachments", HR_COLUMN_LIST, {"Files", "Archivos", "Fichiers"}},
};

const hr_export_column *hr_status_history_export_columns(int *count)
{
    *count = (int)(sizeof history_columns / sizeof history_columns[0]);
    return history_columns;
}

/* Files are listed by their address, which is what a reader of a spreadsheet can follow. */
static const char history_export_sql[] =
    "SELECT u.id::text, u.as_of::text, u.decided_at::date::text,"
    " " UPDATE_STATUS_LABEL("u.status",
                            "$3::text") ","
                                        " (SELECT CASE $3::text WHEN 'es' THEN i.name_es WHEN 'fr' "
                                        "THEN i.name_fr ELSE i.name_en END"
                                        "  FROM institution i WHERE i.id = u.institution_id),"
                                        " u.narrative, array_to_string(u.evidence_links, '; '),"
                                        " (SELECT string_agg(a.file_name || ' "
                                        "</api/v1/attachments/' || a.id || '>', '; '"
                                        "  ORDER BY a.id) FROM attachment a WHERE "
                                        "a.status_update_id = u.id AND a.is_public)"
                                        " FROM status_update u WHERE" HISTORY_OF
                                        " ORDER BY " HISTORY_ORDER("u");

int hr_db_status_history_export(hr_db_export **out, hr_db *db, long long recommendation_id,
                                long long action_id, hr_lang lang)
{
    *out = NULL;
    subject_text t;
    subject_params(&t, recommendation_id, action_id);
    int rc = subject_exists(db, &t);
    if (rc != 0)
        return rc;
    int count = 0;
    hr_status_history_export_columns(&count);
    const char *params[] = {t.params[0], t.params[1], hr_lang_code(lang)};
    return hr_db_export_open_select(out, db, count, history_export_sql, 3, params);
}
