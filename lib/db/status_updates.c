/*
 * Status updates in the database (see status_updates.h): the staff list
 * and its export, one update in either shape, the scope of a new update,
 * and the audited writes of the workflow. Each step's statement names the
 * states it may start from, so that a step the domain allowed on a stale
 * read cannot land on a row that has moved on: it finds no row and is
 * answered 409 like any stale version.
 */
#include "internal.h"
#include "update_json.h"

#include "hrtrack/error.h"
#include "hrtrack/status_updates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* $1 recommendation, $2 action, $3 institution, $4 state. */
#define UPDATE_FILTERS                                                                             \
    " WHERE ($1::bigint IS NULL OR u.recommendation_id = $1::bigint)"                              \
    " AND ($2::bigint IS NULL OR u.action_id = $2::bigint)"                                        \
    " AND ($3::integer IS NULL OR u.institution_id = $3::integer)"                                 \
    " AND ($4::text IS NULL OR u.state = $4::text)"

typedef struct filter_text {
    char recommendation[24], action[24], institution[16], after[24], limit[16];
    const char *params[6];
} filter_text;

static void filter_params(filter_text *t, const hr_update_filter *f)
{
    snprintf(t->recommendation, sizeof t->recommendation, "%lld", f->recommendation_id);
    snprintf(t->action, sizeof t->action, "%lld", f->action_id);
    snprintf(t->institution, sizeof t->institution, "%d", f->institution_id);
    snprintf(t->after, sizeof t->after, "%lld", f->after);
    snprintf(t->limit, sizeof t->limit, "%d", f->limit);
    t->params[0] = f->recommendation_id > 0 ? t->recommendation : NULL;
    t->params[1] = f->action_id > 0 ? t->action : NULL;
    t->params[2] = f->institution_id > 0 ? t->institution : NULL;
    t->params[3] = f->state;
    t->params[4] = t->after;
    t->params[5] = t->limit;
}

static hr_stmt updates_list =
    HR_STMT("status_updates_list",
            "WITH f AS (SELECT u.* FROM status_update u" UPDATE_FILTERS "),"
            " page AS (SELECT * FROM f WHERE id > $5::bigint ORDER BY id LIMIT $6::integer)"
            " SELECT json_build_object("
            " 'items', coalesce((SELECT json_agg(" UPDATE_JSON(
                "page") " ORDER BY page.id) FROM page),"
                        " '[]'), 'total', (SELECT count(*) FROM f),"
                        " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $6::integer"
                        "  THEN (SELECT max(id) FROM page) END)");

int hr_db_updates_list(json_t **out, hr_db *db, const hr_update_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    return hr_db_exec_json(out, db, &updates_list, 6, t.params);
}

static const hr_export_column update_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"recommendation_id", HR_COLUMN_NUMBER, {"Recommendation", "Recomendación", "Recommandation"}},
    {"action_id", HR_COLUMN_NUMBER, {"Action", "Acción", "Action"}},
    {"institution", HR_COLUMN_TEXT, {"Institution", "Institución", "Institution"}},
    {"status", HR_COLUMN_TEXT, {"Status", "Estado", "Statut"}},
    {"as_of", HR_COLUMN_TEXT, {"As of", "Fecha de referencia", "Date de référence"}},
    {"state", HR_COLUMN_TEXT, {"Validation", "Validación", "Validation"}},
    {"narrative", HR_COLUMN_TEXT, {"Narrative", "Descripción", "Description"}},
    {"evidence_links", HR_COLUMN_LIST, {"Evidence", "Evidencias", "Éléments de preuve"}},
    {"submitted_at", HR_COLUMN_TEXT, {"Submitted", "Enviada", "Soumise"}},
    {"decided_at", HR_COLUMN_TEXT, {"Decided", "Decidida", "Décidée"}},
    {"return_reason",
     HR_COLUMN_TEXT,
     {"Reason returned", "Motivo de devolución", "Motif du renvoi"}},
};

const hr_export_column *hr_update_export_columns(int *count)
{
    *count = (int)(sizeof update_columns / sizeof update_columns[0]);
    return update_columns;
}

static const char updates_export_sql[] =
    "SELECT u.id::text, u.recommendation_id::text, u.action_id::text,"
    " (SELECT acronym FROM institution WHERE id = u.institution_id), u.status, u.as_of::text,"
    " u.state, u.narrative, array_to_string(u.evidence_links, '; '), u.submitted_at::text,"
    " u.decided_at::text, u.return_reason"
    " FROM status_update u" UPDATE_FILTERS " ORDER BY u.id";

int hr_db_updates_export(hr_db_export **out, hr_db *db, const hr_update_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    int count = 0;
    hr_update_export_columns(&count);
    return hr_db_export_open_select(out, db, count, updates_export_sql, 4, t.params);
}

static hr_stmt update_get =
    HR_STMT("status_update_get",
            "SELECT " UPDATE_JSON("u") " FROM status_update u WHERE u.id = $1::bigint");

int hr_db_update_get(json_t **out, hr_db *db, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    return hr_db_exec_json(out, db, &update_get, 1, params);
}

static hr_stmt update_get_public =
    HR_STMT("status_update_get_public",
            "SELECT " UPDATE_PUBLIC_JSON(
                "u", "$2::text") " FROM status_update u"
                                 " WHERE u.id = $1::bigint AND u.state = 'approved'");

int hr_db_update_get_public(json_t **out, hr_db *db, long long id, hr_lang lang)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text, hr_lang_code(lang)};
    return hr_db_exec_json(out, db, &update_get_public, 2, params);
}

/* $1 recommendation or NULL, $2 action or NULL, $3 institution: (exists, in scope). */
static hr_stmt target_scope =
    HR_STMT("status_update_target_scope",
            "SELECT CASE WHEN $1::bigint IS NOT NULL"
            "  THEN EXISTS (SELECT 1 FROM recommendation WHERE id = $1::bigint)"
            "  ELSE EXISTS (SELECT 1 FROM action WHERE id = $2::bigint) END,"
            " CASE WHEN $1::bigint IS NOT NULL THEN EXISTS (SELECT 1 FROM rec_assignment"
            "  WHERE recommendation_id = $1::bigint AND institution_id = $3::integer)"
            "  ELSE EXISTS (SELECT 1 FROM action WHERE id = $2::bigint"
            "  AND institution_id = $3::integer) END");

int hr_db_update_target_scope(int *in_scope, hr_db *db, long long recommendation_id,
                              long long action_id, int institution_id)
{
    *in_scope = 0;
    char rec[24], act[24], inst[16];
    snprintf(rec, sizeof rec, "%lld", recommendation_id);
    snprintf(act, sizeof act, "%lld", action_id);
    snprintf(inst, sizeof inst, "%d", institution_id);
    const char *params[] = {recommendation_id > 0 ? rec : NULL, action_id > 0 ? act : NULL, inst};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &target_scope, 3, params);
    if (rc != 0)
        return rc;
    if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
        rc = HR_ENOTFOUND;
    *in_scope = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
    PQclear(res);
    return rc;
}

/* The evidence_links of jsonb $n as text[]: null or absent is none. */
#define LINKS_OF(j)                                                                                \
    "(CASE jsonb_typeof(" j "->'evidence_links') WHEN 'array' THEN ARRAY(SELECT"                   \
    " jsonb_array_elements_text(" j "->'evidence_links')) ELSE '{}'::text[] END)"

/* $1 the fields, $2 institution, $3 author. */
static hr_stmt update_insert = HR_STMT(
    "status_update_insert",
    "INSERT INTO status_update AS u (recommendation_id, action_id, institution_id, status, as_of,"
    " narrative, evidence_links, author_id)"
    " SELECT ($1::jsonb->>'recommendation_id')::bigint, ($1::jsonb->>'action_id')::bigint,"
    " $2::integer, $1::jsonb->>'status', ($1::jsonb->>'as_of')::date, $1::jsonb->>'narrative',"
    " " LINKS_OF("$1::jsonb") ", $3::integer"
                              " RETURNING " UPDATE_JSON("u"));

int hr_db_update_create(json_t **out, hr_db *db, const hr_actor *actor, int institution_id,
                        const json_t *fields)
{
    *out = NULL;
    char inst[16], author[16];
    snprintf(inst, sizeof inst, "%d", institution_id);
    snprintf(author, sizeof author, "%d", actor->user_id);
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {text, inst, author};
    int rc = hr_db_versioned_write(out, db, actor, &update_insert, 3, params, NULL);
    free(text);
    return rc;
}

static hr_stmt update_exists =
    HR_STMT("status_update_exists", "SELECT 1 FROM status_update WHERE id = $1::bigint");

/* $1 id, $2 the fields, $3 version: only a draft or a returned update is edited. */
static hr_stmt update_edit = HR_STMT(
    "status_update_edit",
    "UPDATE status_update AS u SET"
    " status = CASE WHEN $2::jsonb ? 'status' THEN $2::jsonb->>'status' ELSE status END,"
    " as_of = CASE WHEN $2::jsonb ? 'as_of' THEN ($2::jsonb->>'as_of')::date ELSE as_of END,"
    " narrative = CASE WHEN $2::jsonb ? 'narrative' THEN $2::jsonb->>'narrative'"
    "  ELSE narrative END,"
    " evidence_links = CASE WHEN $2::jsonb ? 'evidence_links' THEN " LINKS_OF(
        "$2::jsonb") " ELSE evidence_links END,"
                     " version = version + 1, updated_at = now()"
                     " WHERE id = $1::bigint AND version = $3::integer"
                     " AND state IN ('draft', 'returned') RETURNING " UPDATE_JSON("u"));

int hr_db_update_edit(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                      const json_t *fields)
{
    return hr_db_versioned_update(out, db, actor, &update_edit, &update_exists, id, version,
                                  fields);
}

static hr_stmt update_delete =
    HR_STMT("status_update_delete",
            "DELETE FROM status_update WHERE id = $1::bigint AND version = $2::integer"
            " AND state = 'draft' RETURNING json_build_object('id', id)");

/* $1 a JSON array of hex hashes: those contents no attachment uses any more go. */
static hr_stmt blobs_prune =
    HR_STMT("attachment_blobs_prune",
            "DELETE FROM attachment_blob b WHERE b.sha256 IN"
            " (SELECT decode(h, 'hex') FROM jsonb_array_elements_text($1::jsonb) h)"
            " AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = b.sha256)");

/* The hashes of the files of update $1, read before it is deleted with them. */
static hr_stmt update_blobs =
    HR_STMT("status_update_blobs", "SELECT coalesce(json_agg(DISTINCT encode(sha256, 'hex')),"
                                   " '[]') FROM attachment WHERE status_update_id = $1::bigint");

typedef struct delete_call {
    const char *id, *version;
} delete_call;

static int run_delete(hr_db *db, void *ctx)
{
    delete_call *call = ctx;
    const char *params[] = {call->id, call->version};
    json_t *blobs = NULL, *deleted = NULL;
    int rc = hr_db_exec_json(&blobs, db, &update_blobs, 1, params);
    if (rc == 0)
        rc = hr_db_exec_json(&deleted, db, &update_delete, 2, params);
    json_decref(deleted);
    if (rc == HR_ENOTFOUND) {
        PGresult *res = NULL;
        rc = hr_db_exec(&res, db, &update_exists, 1, params);
        if (rc == 0)
            rc = PQntuples(res) > 0 ? HR_ECONFLICT : HR_ENOTFOUND;
        PQclear(res);
    }
    char *hashes = rc == 0 ? json_dumps(blobs, JSON_COMPACT) : NULL;
    if (rc == 0 && hashes == NULL)
        rc = HR_ENOMEM;
    const char *prune[] = {hashes};
    if (rc == 0)
        rc = hr_db_exec_command(db, &blobs_prune, 1, prune);
    free(hashes);
    json_decref(blobs);
    return rc;
}

int hr_db_update_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    delete_call call = {idt, ver};
    return hr_db_audited(db, actor, run_delete, &call);
}

/* $1 id, $2 version, $3 the user taking the step. */
static hr_stmt update_submit = HR_STMT(
    "status_update_submit",
    "UPDATE status_update AS u SET state = 'submitted', return_reason = NULL,"
    " submitted_by = $3::integer, submitted_at = now(), decided_by = NULL, decided_at = NULL,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1::bigint AND version = $2::integer AND state IN ('draft', 'returned')"
    " RETURNING " UPDATE_JSON("u"));

/* The schema refuses self-approval by the submitter; the author is refused here too. */
static hr_stmt update_approve =
    HR_STMT("status_update_approve",
            "UPDATE status_update AS u SET state = 'approved', decided_by = $3::integer,"
            " decided_at = now(), version = version + 1, updated_at = now()"
            " WHERE id = $1::bigint AND version = $2::integer AND state = 'submitted'"
            " AND author_id <> $3::integer AND submitted_by <> $3::integer"
            " RETURNING " UPDATE_JSON("u"));

/* $4 the reason. */
static hr_stmt update_return = HR_STMT(
    "status_update_return",
    "UPDATE status_update AS u SET state = 'returned', return_reason = $4::text,"
    " decided_by = $3::integer, decided_at = now(), version = version + 1, updated_at = now()"
    " WHERE id = $1::bigint AND version = $2::integer AND state = 'submitted'"
    " RETURNING " UPDATE_JSON("u"));

int hr_db_update_step(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                      hr_update_step step, const char *reason)
{
    *out = NULL;
    hr_stmt *stmt = step == HR_STEP_SUBMIT    ? &update_submit
                    : step == HR_STEP_APPROVE ? &update_approve
                    : step == HR_STEP_RETURN  ? &update_return
                                              : NULL;
    if (stmt == NULL || (step == HR_STEP_RETURN && reason == NULL))
        return HR_EINTERNAL;
    char idt[24], ver[24], user[16];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    snprintf(user, sizeof user, "%d", actor->user_id);
    const char *params[] = {idt, ver, user, reason};
    return hr_db_versioned_write(out, db, actor, stmt, step == HR_STEP_RETURN ? 4 : 3, params,
                                 &update_exists);
}
