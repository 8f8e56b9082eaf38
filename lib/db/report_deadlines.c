/*
 * Report deadlines in the database (see deadlines.h): the country's
 * reports due to the UPR, treaty bodies and the VNR, kept by the
 * coordinator. One JSON shape, DEADLINE_JSON, for lists, replies to writes
 * and the "current" of a 409.
 */
#include "internal.h"

#include "hrtrack/deadlines.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

/* Report deadline d as the API shows it. */
#define DEADLINE_JSON                                                                              \
    "json_build_object('id', d.id, 'kind', d.kind, 'title', d.title, 'body_name', d.body_name,"    \
    " 'institution_id', d.institution_id,"                                                         \
    " 'institution', (SELECT acronym FROM institution WHERE id = d.institution_id),"               \
    " 'due_date', d.due_date, 'submitted_on', d.submitted_on, 'note', d.note,"                     \
    " 'overdue', d.submitted_on IS NULL AND d.due_date < current_date,"                            \
    " 'version', d.version, 'created_at', d.created_at, 'updated_at', d.updated_at)"

/* $1 institution, $2 kind, $3 submitted (NULL: any). */
#define DEADLINE_FILTERS                                                                           \
    " WHERE ($1::integer IS NULL OR d.institution_id = $1::integer)"                               \
    " AND ($2::text IS NULL OR d.kind = $2::text)"                                                 \
    " AND ($3::boolean IS NULL OR (d.submitted_on IS NOT NULL) = $3::boolean)"

typedef struct filter_text {
    char institution[16], after[24], limit[16];
    const char *params[5];
} filter_text;

static void filter_params(filter_text *t, const hr_report_deadline_filter *f)
{
    snprintf(t->institution, sizeof t->institution, "%d", f->institution_id);
    snprintf(t->after, sizeof t->after, "%lld", f->after);
    snprintf(t->limit, sizeof t->limit, "%d", f->limit);
    t->params[0] = f->institution_id > 0 ? t->institution : NULL;
    t->params[1] = f->kind;
    t->params[2] = f->submitted < 0 ? NULL : (f->submitted ? "true" : "false");
    t->params[3] = t->after;
    t->params[4] = t->limit;
}

static hr_stmt deadlines_list =
    HR_STMT("report_deadlines_list",
            "WITH f AS (SELECT d.* FROM report_deadline d" DEADLINE_FILTERS "),"
            " page AS (SELECT * FROM f WHERE id > $4::bigint ORDER BY id LIMIT $5::integer)"
            " SELECT json_build_object("
            " 'items', coalesce((SELECT json_agg(" DEADLINE_JSON " ORDER BY d.id) FROM page d),"
            " '[]'), 'total', (SELECT count(*) FROM f),"
            " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $5::integer"
            "  THEN (SELECT max(id) FROM page) END)");

int hr_db_report_deadlines_list(json_t **out, hr_db *db, const hr_report_deadline_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    return hr_db_exec_json(out, db, &deadlines_list, 5, t.params);
}

static const hr_export_column deadline_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"kind", HR_COLUMN_TEXT, {"Kind", "Tipo", "Type"}},
    {"title", HR_COLUMN_TEXT, {"Report", "Informe", "Rapport"}},
    {"body_name", HR_COLUMN_TEXT, {"Body", "Órgano", "Organe"}},
    {"institution", HR_COLUMN_TEXT, {"Institution", "Institución", "Institution"}},
    {"due_date", HR_COLUMN_TEXT, {"Due", "Vencimiento", "Échéance"}},
    {"submitted_on", HR_COLUMN_TEXT, {"Submitted", "Presentado", "Soumis"}},
    {"note", HR_COLUMN_TEXT, {"Note", "Nota", "Note"}},
};

const hr_export_column *hr_report_deadline_export_columns(int *count)
{
    *count = (int)(sizeof deadline_columns / sizeof deadline_columns[0]);
    return deadline_columns;
}

static const char deadlines_export_sql[] =
    "SELECT d.id::text, d.kind, d.title, d.body_name,"
    " (SELECT acronym FROM institution WHERE id = d.institution_id), d.due_date::text,"
    " d.submitted_on::text, d.note FROM report_deadline d" DEADLINE_FILTERS " ORDER BY d.id";

int hr_db_report_deadlines_export(hr_db_export **out, hr_db *db, const hr_report_deadline_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    int count = 0;
    hr_report_deadline_export_columns(&count);
    return hr_db_export_open_select(out, db, count, deadlines_export_sql, 3, t.params);
}

static hr_stmt deadline_get = HR_STMT(
    "report_deadline_get", "SELECT " DEADLINE_JSON " FROM report_deadline d WHERE d.id = $1");

int hr_db_report_deadline_get(json_t **out, hr_db *db, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    return hr_db_exec_json(out, db, &deadline_get, 1, params);
}

/* $1 the fields. */
static hr_stmt deadline_insert = HR_STMT(
    "report_deadline_insert",
    "INSERT INTO report_deadline AS d (kind, title, body_name, institution_id, due_date,"
    " submitted_on, note)"
    " SELECT $1::jsonb->>'kind', $1::jsonb->>'title', coalesce($1::jsonb->>'body_name', ''),"
    " ($1::jsonb->>'institution_id')::integer, ($1::jsonb->>'due_date')::date,"
    " ($1::jsonb->>'submitted_on')::date, coalesce($1::jsonb->>'note', '')"
    " RETURNING " DEADLINE_JSON);

int hr_db_report_deadline_create(json_t **out, hr_db *db, const hr_actor *actor,
                                 const json_t *fields)
{
    *out = NULL;
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {text};
    int rc = hr_db_versioned_write(out, db, actor, &deadline_insert, 1, params, NULL);
    free(text);
    return rc;
}

/* $1 id, $2 the fields, $3 version. */
static hr_stmt deadline_update = HR_STMT(
    "report_deadline_update",
    "UPDATE report_deadline AS d SET"
    " kind = CASE WHEN $2::jsonb ? 'kind' THEN $2::jsonb->>'kind' ELSE kind END,"
    " title = CASE WHEN $2::jsonb ? 'title' THEN $2::jsonb->>'title' ELSE title END,"
    " body_name = CASE WHEN $2::jsonb ? 'body_name'"
    "  THEN coalesce($2::jsonb->>'body_name', '') ELSE body_name END,"
    " institution_id = CASE WHEN $2::jsonb ? 'institution_id'"
    "  THEN ($2::jsonb->>'institution_id')::integer ELSE institution_id END,"
    " due_date = CASE WHEN $2::jsonb ? 'due_date' THEN ($2::jsonb->>'due_date')::date"
    "  ELSE due_date END,"
    " submitted_on = CASE WHEN $2::jsonb ? 'submitted_on'"
    "  THEN ($2::jsonb->>'submitted_on')::date ELSE submitted_on END,"
    " note = CASE WHEN $2::jsonb ? 'note' THEN coalesce($2::jsonb->>'note', '') ELSE note END,"
    " version = version + 1, updated_at = now()"
    " WHERE id = $1::bigint AND version = $3::integer"
    " RETURNING " DEADLINE_JSON);

static hr_stmt deadline_exists =
    HR_STMT("report_deadline_exists", "SELECT 1 FROM report_deadline WHERE id = $1::bigint");

int hr_db_report_deadline_update(json_t **out, hr_db *db, const hr_actor *actor, long long id,
                                 long version, const json_t *fields)
{
    return hr_db_versioned_update(out, db, actor, &deadline_update, &deadline_exists, id, version,
                                  fields);
}

static hr_stmt deadline_delete = HR_STMT(
    "report_deadline_delete", "DELETE FROM report_deadline WHERE id = $1::bigint"
                              " AND version = $2::integer RETURNING json_build_object('id', id)");

int hr_db_report_deadline_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    return hr_db_versioned_delete(db, actor, &deadline_delete, &deadline_exists, id, version);
}
