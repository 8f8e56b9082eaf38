/*
 * The record of imports in the database (see import_runs.h): one JSON
 * shape, RUN_JSON, for the list, and the same rows as text for exports.
 */
#include "internal.h"

#include "hrtrack/import_runs.h"

#include <stdio.h>

#define RUN_JSON                                                                                   \
    "json_build_object('id', r.id, 'kind', r.kind, 'file_name', r.file_name,"                      \
    " 'sha256', r.sha256, 'records_read', r.records_read, 'inserted', r.inserted,"                 \
    " 'updated', r.updated, 'unchanged', r.unchanged, 'rejected', r.rejected,"                     \
    " 'outcome', r.outcome, 'started_at', r.started_at, 'finished_at', r.finished_at)"

/* $1 kind, $2 rejects (NULL: any). */
#define RUN_FILTERS                                                                                \
    " WHERE ($1::text IS NULL OR r.kind = $1::text)"                                               \
    " AND ($2::boolean IS NULL OR (r.rejected > 0) = $2::boolean)"

typedef struct filter_text {
    char before[24], limit[16];
    const char *params[4];
} filter_text;

static void filter_params(filter_text *t, const hr_import_run_filter *f)
{
    snprintf(t->before, sizeof t->before, "%lld", f->before);
    snprintf(t->limit, sizeof t->limit, "%d", f->limit);
    t->params[0] = f->kind;
    t->params[1] = f->rejects < 0 ? NULL : (f->rejects ? "true" : "false");
    t->params[2] = f->before > 0 ? t->before : NULL;
    t->params[3] = t->limit;
}

static hr_stmt runs_list = HR_STMT(
    "import_runs_list",
    "WITH f AS (SELECT r.* FROM import_run r" RUN_FILTERS "),"
    " page AS (SELECT * FROM f WHERE $3::bigint IS NULL OR id < $3::bigint"
    "  ORDER BY id DESC LIMIT $4::integer)"
    " SELECT json_build_object("
    " 'items', coalesce((SELECT json_agg(" RUN_JSON " ORDER BY r.id DESC) FROM page r), '[]'),"
    " 'total', (SELECT count(*) FROM f),"
    " 'next_before', CASE WHEN (SELECT count(*) FROM page) = $4::integer"
    "  THEN (SELECT min(id) FROM page) END)");

int hr_db_import_runs_list(json_t **out, hr_db *db, const hr_import_run_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    return hr_db_exec_json(out, db, &runs_list, 4, t.params);
}

static const hr_export_column run_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"kind", HR_COLUMN_TEXT, {"Source", "Fuente", "Source"}},
    {"file_name", HR_COLUMN_TEXT, {"File", "Archivo", "Fichier"}},
    {"sha256", HR_COLUMN_TEXT, {"SHA-256", "SHA-256", "SHA-256"}},
    {"records_read", HR_COLUMN_NUMBER, {"Records read", "Registros leídos", "Enregistrements lus"}},
    {"inserted", HR_COLUMN_NUMBER, {"Inserted", "Insertados", "Insérés"}},
    {"updated", HR_COLUMN_NUMBER, {"Updated", "Actualizados", "Mis à jour"}},
    {"unchanged", HR_COLUMN_NUMBER, {"Unchanged", "Sin cambios", "Inchangés"}},
    {"rejected", HR_COLUMN_NUMBER, {"Refused", "Rechazados", "Refusés"}},
    {"outcome", HR_COLUMN_TEXT, {"Outcome", "Resultado", "Résultat"}},
    {"started_at", HR_COLUMN_TEXT, {"Started", "Inicio", "Début"}},
    {"finished_at", HR_COLUMN_TEXT, {"Finished", "Fin", "Fin"}},
};

const hr_export_column *hr_import_run_export_columns(int *count)
{
    *count = (int)(sizeof run_columns / sizeof run_columns[0]);
    return run_columns;
}

static const char runs_export_sql[] =
    "SELECT r.id::text, r.kind, r.file_name, r.sha256, r.records_read::text, r.inserted::text,"
    " r.updated::text, r.unchanged::text, r.rejected::text, r.outcome, r.started_at::text,"
    " r.finished_at::text FROM import_run r" RUN_FILTERS " ORDER BY r.id DESC";

int hr_db_import_runs_export(hr_db_export **out, hr_db *db, const hr_import_run_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    int count = 0;
    hr_import_run_export_columns(&count);
    return hr_db_export_open_select(out, db, count, runs_export_sql, 2, t.params);
}
