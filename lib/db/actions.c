/*
 * Actions in the database (see actions.h): the list with its filters and
 * export, one action, and the audited writes, including the links to
 * recommendations. Every statement builds its JSON with ACTION_JSON, so
 * that a list item, a reply to a write and the "current" of a 409 have one
 * shape.
 */
#include "internal.h"

#include "hrtrack/actions.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACTION_OVERDUE(a)                                                                          \
    "coalesce(" a ".due_date < current_date AND " a ".status IN ('planned', 'in_progress'), "      \
    "false)"

#define ACTION_JSON(a)                                                                             \
    "json_build_object('id', " a ".id, 'title', " a ".title, 'description', " a ".description,"    \
    " 'institution_id', " a ".institution_id,"                                                     \
    " 'institution', (SELECT acronym FROM institution WHERE id = " a ".institution_id),"           \
    " 'start_date', " a ".start_date, 'due_date', " a ".due_date,"                                 \
    " 'budget_amount', " a ".budget_amount::text, 'budget_currency', " a ".budget_currency,"       \
    " 'budget_source', " a ".budget_source, 'status', " a ".status,"                               \
    " 'overdue', " ACTION_OVERDUE(                                                                 \
        a) ","                                                                                     \
           " 'recommendations', (SELECT coalesce(json_agg(recommendation_id ORDER BY "             \
           "recommendation_id),"                                                                   \
           " '[]') FROM action_recommendation WHERE action_id = " a ".id),"                        \
           " 'version', " a ".version, 'created_at', " a ".created_at, 'updated_at', " a           \
           ".updated_at)"

/* $1 institution, $2 status, $3 recommendation, $4 due before, $5 overdue only. */
#define ACTION_FILTERS                                                                             \
    " WHERE ($1::integer IS NULL OR a.institution_id = $1::integer)"                               \
    " AND ($2::text IS NULL OR a.status = $2::text)"                                               \
    " AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM action_recommendation x"                    \
    "  WHERE x.action_id = a.id AND x.recommendation_id = $3::bigint))"                            \
    " AND ($4::date IS NULL OR a.due_date < $4::date)"                                             \
    " AND (NOT $5::boolean OR " ACTION_OVERDUE("a") ")"

typedef struct filter_text {
    char institution[16], recommendation[24], after[24], limit[16];
    const char *params[7];
} filter_text;

static void filter_params(filter_text *t, const hr_action_filter *f)
{
    snprintf(t->institution, sizeof t->institution, "%d", f->institution_id);
    snprintf(t->recommendation, sizeof t->recommendation, "%lld", f->recommendation_id);
    snprintf(t->after, sizeof t->after, "%lld", f->after);
    snprintf(t->limit, sizeof t->limit, "%d", f->limit);
    t->params[0] = f->institution_id > 0 ? t->institution : NULL;
    t->params[1] = f->status;
    t->params[2] = f->recommendation_id > 0 ? t->recommendation : NULL;
    t->params[3] = f->due_before;
    t->params[4] = f->overdue ? "true" : "false";
    t->params[5] = t->after;
    t->params[6] = t->limit;
}

static hr_stmt actions_list = HR_STMT(
    "actions_list", "WITH f AS (SELECT a.* FROM action a" ACTION_FILTERS "),"
                    " page AS (SELECT * FROM f WHERE id > $6::bigint ORDER BY id LIMIT $7::integer)"
                    " SELECT json_build_object("
                    " 'items', coalesce((SELECT json_agg(" ACTION_JSON(
                        "page") " ORDER BY page.id) FROM page), '[]'),"
                                " 'total', (SELECT count(*) FROM f),"
                                " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $7::integer"
                                "  THEN (SELECT max(id) FROM page) END)");

int hr_db_actions_list(json_t **out, hr_db *db, const hr_action_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    return hr_db_exec_json(out, db, &actions_list, 7, t.params);
}

static const hr_export_column action_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"title", HR_COLUMN_TEXT, {"Action", "Acción", "Action"}},
    {"institution", HR_COLUMN_TEXT, {"Institution", "Institución", "Institution"}},
    {"status", HR_COLUMN_TEXT, {"Status", "Estado", "Statut"}},
    {"start_date", HR_COLUMN_TEXT, {"Start", "Inicio", "Début"}},
    {"due_date", HR_COLUMN_TEXT, {"Due", "Vencimiento", "Échéance"}},
    {"budget_amount", HR_COLUMN_TEXT, {"Budget", "Presupuesto", "Budget"}},
    {"budget_currency", HR_COLUMN_TEXT, {"Currency", "Moneda", "Devise"}},
    {"budget_source", HR_COLUMN_TEXT, {"Budget source", "Fuente del presupuesto", "Source"}},
    {"recommendations", HR_COLUMN_LIST, {"Recommendations", "Recomendaciones", "Recommandations"}},
    {"description", HR_COLUMN_TEXT, {"Description", "Descripción", "Description"}},
};

const hr_export_column *hr_action_export_columns(int *count)
{
    *count = (int)(sizeof action_columns / sizeof action_columns[0]);
    return action_columns;
}

static const char actions_export_sql[] =
    "SELECT a.id::text, a.title, (SELECT acronym FROM institution WHERE id = a.institution_id),"
    " a.status, a.start_date::text, a.due_date::text, a.budget_amount::text, a.budget_currency,"
    " a.budget_source, (SELECT string_agg(recommendation_id::text, '; ' ORDER BY recommendation_id)"
    "  FROM action_recommendation WHERE action_id = a.id), a.description"
    " FROM action a" ACTION_FILTERS " ORDER BY a.id";

int hr_db_actions_export(hr_db_export **out, hr_db *db, const hr_action_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    int count = 0;
    hr_action_export_columns(&count);
    return hr_db_export_open_select(out, db, count, actions_export_sql, 5, t.params);
}

static hr_stmt action_get =
    HR_STMT("action_get", "SELECT " ACTION_JSON("a") " FROM action a WHERE a.id = $1::bigint");

int hr_db_action_get(json_t **out, hr_db *db, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    return hr_db_exec_json(out, db, &action_get, 1, params);
}

static hr_stmt recommendations_exist =
    HR_STMT("recommendations_exist",
            "SELECT NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text($1::jsonb) r"
            " WHERE NOT EXISTS (SELECT 1 FROM recommendation WHERE id = r::bigint))");

int hr_db_recommendations_exist(int *all, hr_db *db, const json_t *ids)
{
    *all = 0;
    char *text = json_dumps(ids, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {text};
    PGresult *res = NULL;
    int rc = hr_db_exec(&res, db, &recommendations_exist, 1, params);
    free(text);
    if (rc != 0)
        return rc;
    *all = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return 0;
}

/* $1 the fields. */
static hr_stmt action_insert = HR_STMT(
    "action_insert",
    "INSERT INTO action (title, description, institution_id, start_date, due_date, budget_amount,"
    " budget_currency, budget_source, status)"
    " SELECT $1::jsonb->>'title', coalesce($1::jsonb->>'description', ''),"
    " ($1::jsonb->>'institution_id')::integer, ($1::jsonb->>'start_date')::date,"
    " ($1::jsonb->>'due_date')::date, ($1::jsonb->>'budget_amount')::numeric,"
    " $1::jsonb->>'budget_currency', coalesce($1::jsonb->>'budget_source', ''),"
    " coalesce($1::jsonb->>'status', 'planned')"
    " RETURNING id::text");

/* $1 action, $2 a JSON array of recommendation ids. */
static hr_stmt action_link_add = HR_STMT(
    "action_link_add", "INSERT INTO action_recommendation (action_id, recommendation_id)"
                       " SELECT $1::bigint, r::bigint FROM jsonb_array_elements_text($2::jsonb) r"
                       " ON CONFLICT DO NOTHING");

static hr_stmt action_link_remove = HR_STMT(
    "action_link_remove",
    "DELETE FROM action_recommendation WHERE action_id = $1::bigint"
    " AND recommendation_id IN (SELECT r::bigint FROM jsonb_array_elements_text($2::jsonb) r)");

typedef struct create_call {
    json_t **out;
    const char *fields;
    const char *recommendations;
} create_call;

static int run_create(hr_db *db, void *ctx)
{
    create_call *call = ctx;
    json_decref(*call->out);
    *call->out = NULL;
    PGresult *res = NULL;
    const char *insert_params[] = {call->fields};
    int rc = hr_db_exec(&res, db, &action_insert, 1, insert_params);
    if (rc != 0)
        return rc;
    char id[24];
    snprintf(id, sizeof id, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    const char *params[] = {id, call->recommendations};
    rc = hr_db_exec_command(db, &action_link_add, 2, params);
    return rc != 0 ? rc : hr_db_exec_json(call->out, db, &action_get, 1, params);
}

int hr_db_action_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields)
{
    *out = NULL;
    const json_t *links = json_object_get(fields, "recommendations");
    char *text = json_dumps(fields, JSON_COMPACT);
    char *recs = json_is_array(links) ? json_dumps(links, JSON_COMPACT) : strdup("[]");
    int rc = text && recs ? 0 : HR_ENOMEM;
    create_call call = {out, text, recs};
    if (rc == 0)
        rc = hr_db_audited(db, actor, run_create, &call);
    free(text);
    free(recs);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* $1 id, $2 the fields, $3 version. */
static hr_stmt action_update =
    HR_STMT("action_update",
            "UPDATE action AS a SET"
            " title = CASE WHEN $2::jsonb ? 'title' THEN $2::jsonb->>'title' ELSE title END,"
            " description = CASE WHEN $2::jsonb ? 'description'"
            "  THEN coalesce($2::jsonb->>'description', '') ELSE description END,"
            " institution_id = CASE WHEN $2::jsonb ? 'institution_id'"
            "  THEN ($2::jsonb->>'institution_id')::integer ELSE institution_id END,"
            " start_date = CASE WHEN $2::jsonb ? 'start_date'"
            "  THEN ($2::jsonb->>'start_date')::date ELSE start_date END,"
            " due_date = CASE WHEN $2::jsonb ? 'due_date' THEN ($2::jsonb->>'due_date')::date"
            "  ELSE due_date END,"
            " budget_amount = CASE WHEN $2::jsonb ? 'budget_amount'"
            "  THEN ($2::jsonb->>'budget_amount')::numeric ELSE budget_amount END,"
            " budget_currency = CASE WHEN $2::jsonb ? 'budget_currency'"
            "  THEN $2::jsonb->>'budget_currency' ELSE budget_currency END,"
            " budget_source = CASE WHEN $2::jsonb ? 'budget_source'"
            "  THEN coalesce($2::jsonb->>'budget_source', '') ELSE budget_source END,"
            " status = CASE WHEN $2::jsonb ? 'status' THEN $2::jsonb->>'status' ELSE status END,"
            " version = version + 1, updated_at = now()"
            " WHERE id = $1::bigint AND version = $3::integer"
            " RETURNING " ACTION_JSON("a"));

static hr_stmt action_exists =
    HR_STMT("action_exists", "SELECT 1 FROM action WHERE id = $1::bigint");

int hr_db_action_update(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                        const json_t *fields)
{
    return hr_db_versioned_update(out, db, actor, &action_update, &action_exists, id, version,
                                  fields);
}

static hr_stmt action_delete =
    HR_STMT("action_delete", "DELETE FROM action WHERE id = $1::bigint AND version = $2::integer"
                             " RETURNING json_build_object('id', id)");

int hr_db_action_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    return hr_db_versioned_delete(db, actor, &action_delete, &action_exists, id, version);
}

/* The version goes up first: two link requests based on one version conflict. */
static hr_stmt action_touch =
    HR_STMT("action_touch", "UPDATE action SET version = version + 1, updated_at = now()"
                            " WHERE id = $1::bigint AND version = $2::integer"
                            " RETURNING json_build_object('id', id)");

typedef struct link_call {
    json_t **out;
    const char *id, *version, *add, *remove;
} link_call;

static int run_link(hr_db *db, void *ctx)
{
    link_call *call = ctx;
    json_decref(*call->out);
    *call->out = NULL;
    const char *touch[] = {call->id, call->version};
    const char *remove[] = {call->id, call->remove};
    const char *add[] = {call->id, call->add};
    json_t *touched = NULL;
    int rc = hr_db_exec_json(&touched, db, &action_touch, 2, touch);
    json_decref(touched);
    if (rc == HR_ENOTFOUND) {
        PGresult *res = NULL;
        rc = hr_db_exec(&res, db, &action_exists, 1, touch);
        if (rc == 0)
            rc = PQntuples(res) > 0 ? HR_ECONFLICT : HR_ENOTFOUND;
        PQclear(res);
    }
    if (rc == 0)
        rc = hr_db_exec_command(db, &action_link_remove, 2, remove);
    if (rc == 0)
        rc = hr_db_exec_command(db, &action_link_add, 2, add);
    return rc != 0 ? rc : hr_db_exec_json(call->out, db, &action_get, 1, touch);
}

int hr_db_action_link(json_t **out, hr_db *db, const hr_actor *actor, long long id, long version,
                      const json_t *add, const json_t *remove)
{
    *out = NULL;
    char idt[24], ver[24];
    snprintf(idt, sizeof idt, "%lld", id);
    snprintf(ver, sizeof ver, "%ld", version);
    char *add_text = add ? json_dumps(add, JSON_COMPACT) : strdup("[]");
    char *remove_text = remove ? json_dumps(remove, JSON_COMPACT) : strdup("[]");
    int rc = add_text && remove_text ? 0 : HR_ENOMEM;
    link_call call = {out, idt, ver, add_text, remove_text};
    if (rc == 0)
        rc = hr_db_audited(db, actor, run_link, &call);
    free(add_text);
    free(remove_text);
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}
