/*
 * Everything due, in one list (see deadlines.h): open actions with a due
 * date, indicators with a due date and report deadlines not yet submitted,
 * soonest first by (due date, kind, id). The three sources are one UNION
 * ALL, DUE, so that the page, its total and the export select the same
 * rows; kinds compare in the "C" collation so that the keyset order does
 * not depend on the database's locale.
 */
#include "internal.h"

#include "hrtrack/deadlines.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

/* The recommendations action a follows up, as a JSON array. */
#define ACTION_RECS                                                                                \
    "(SELECT coalesce(json_agg(recommendation_id ORDER BY recommendation_id), '[]')"               \
    " FROM action_recommendation WHERE action_id = a.id)"

/* The recommendations indicator i measures: its own, or its action's. */
#define INDICATOR_RECS                                                                             \
    "CASE WHEN i.recommendation_id IS NOT NULL THEN json_build_array(i.recommendation_id)"         \
    " ELSE (SELECT coalesce(json_agg(recommendation_id ORDER BY recommendation_id), '[]')"         \
    " FROM action_recommendation WHERE action_id = i.action_id) END"

/* Every row that falls due, with its filters: $1 institution, $2 kind, $3 overdue, $4 within. */
#define DUE                                                                                        \
    "(SELECT 'action' AS kind, a.id, a.title, a.institution_id, a.due_date,"                       \
    " NULL::bigint AS action_id, NULL::text AS report_kind, " ACTION_RECS " AS recs"               \
    " FROM action a WHERE a.status IN ('planned', 'in_progress') AND a.due_date IS NOT NULL"       \
    " UNION ALL SELECT 'indicator', i.id, i.definition, i.institution_id, i.due_date,"             \
    " i.action_id, NULL, " INDICATOR_RECS " FROM indicator i WHERE i.due_date IS NOT NULL"         \
    " UNION ALL SELECT 'report', r.id, r.title, r.institution_id, r.due_date, NULL, r.kind,"       \
    " '[]'::json FROM report_deadline r WHERE r.submitted_on IS NULL) d"                           \
    " WHERE ($1::integer IS NULL OR d.institution_id = $1::integer)"                               \
    " AND ($2::text IS NULL OR d.kind = $2::text)"                                                 \
    " AND ($3::boolean IS NULL OR (d.due_date < current_date) = $3::boolean)"                      \
    " AND ($4::integer IS NULL OR d.due_date <= current_date + $4::integer)"

#define ORDER " ORDER BY due_date, kind COLLATE \"C\", id"

/* One item of the page, from row `page`. */
#define ITEM_JSON                                                                                  \
    "json_build_object('kind', page.kind, 'id', page.id, 'title', page.title,"                     \
    " 'institution', (SELECT json_build_object('id', id, 'acronym', acronym) FROM institution"     \
    "  WHERE id = page.institution_id),"                                                           \
    " 'due_date', page.due_date, 'days_left', page.due_date - current_date,"                       \
    " 'overdue', page.due_date < current_date, 'recommendations', page.recs,"                      \
    " 'action_id', page.action_id, 'report_kind', page.report_kind)"

/* The cursor of row `last`, as hr_deadline_cursor_parse reads it. */
#define CURSOR "concat_ws('.', last.due_date::text, last.kind, last.id::text)"

static hr_stmt deadlines_list = HR_STMT(
    "deadlines_list",
    "WITH f AS (SELECT d.* FROM " DUE "),"
    " page AS (SELECT * FROM f WHERE $5::date IS NULL"
    "  OR (due_date, kind COLLATE \"C\", id) > ($5::date, $6::text COLLATE \"C\", $7::bigint)"
    "  " ORDER " LIMIT $8::integer),"
    " last AS (SELECT * FROM page ORDER BY due_date DESC, kind COLLATE \"C\" DESC, id DESC"
    "  LIMIT 1)"
    " SELECT json_build_object('items', coalesce((SELECT json_agg(" ITEM_JSON ORDER ")"
    " FROM page), '[]'), 'total', (SELECT count(*) FROM f), 'today', current_date,"
    " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $8::integer"
    "  THEN (SELECT " CURSOR " FROM last) END)");

typedef struct filter_text {
    char institution[16], within[16], after_id[24], limit[16];
    const char *params[8];
} filter_text;

static void filter_params(filter_text *t, const hr_deadline_filter *f)
{
    snprintf(t->institution, sizeof t->institution, "%d", f->institution_id);
    snprintf(t->within, sizeof t->within, "%d", f->within);
    snprintf(t->after_id, sizeof t->after_id, "%lld", f->after.id);
    snprintf(t->limit, sizeof t->limit, "%d", f->limit);
    int from_start = f->after.due_date[0] == '\0';
    t->params[0] = f->institution_id > 0 ? t->institution : NULL;
    t->params[1] = hr_deadline_kind_name(f->kind);
    t->params[2] = f->overdue < 0 ? NULL : (f->overdue ? "true" : "false");
    t->params[3] = f->within < 0 ? NULL : t->within;
    t->params[4] = from_start ? NULL : f->after.due_date;
    t->params[5] = from_start ? NULL : hr_deadline_kind_name(f->after.kind);
    t->params[6] = from_start ? NULL : t->after_id;
    t->params[7] = t->limit;
}

int hr_db_deadlines_list(json_t **out, hr_db *db, const hr_deadline_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    return hr_db_exec_json(out, db, &deadlines_list, 8, t.params);
}

static const hr_export_column due_columns[] = {
    {"kind", HR_COLUMN_TEXT, {"Kind", "Tipo", "Type"}},
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"title", HR_COLUMN_TEXT, {"What", "Qué", "Quoi"}},
    {"institution", HR_COLUMN_TEXT, {"Institution", "Institución", "Institution"}},
    {"due_date", HR_COLUMN_TEXT, {"Due", "Vencimiento", "Échéance"}},
    {"days_left", HR_COLUMN_NUMBER, {"Days left", "Días restantes", "Jours restants"}},
    {"overdue", HR_COLUMN_TEXT, {"Overdue", "Vencido", "En retard"}},
    {"recommendations", HR_COLUMN_LIST, {"Recommendations", "Recomendaciones", "Recommandations"}},
    {"action_id", HR_COLUMN_NUMBER, {"Action", "Acción", "Action"}},
};

const hr_export_column *hr_deadline_export_columns(int *count)
{
    *count = (int)(sizeof due_columns / sizeof due_columns[0]);
    return due_columns;
}

/* $5 the language of the kind names and of yes/no: people read these files. */
static const char deadlines_export_sql[] =
    "SELECT CASE $5::text"
    "  WHEN 'es' THEN CASE d.kind WHEN 'action' THEN 'Acción' WHEN 'indicator' THEN 'Indicador'"
    "   ELSE 'Informe' END"
    "  WHEN 'fr' THEN CASE d.kind WHEN 'action' THEN 'Action' WHEN 'indicator' THEN 'Indicateur'"
    "   ELSE 'Rapport' END"
    "  ELSE CASE d.kind WHEN 'action' THEN 'Action' WHEN 'indicator' THEN 'Indicator'"
    "   ELSE 'Report' END END,"
    " d.id::text, d.title, (SELECT acronym FROM institution WHERE id = d.institution_id),"
    " d.due_date::text, (d.due_date - current_date)::text,"
    " CASE WHEN d.due_date < current_date"
    "  THEN CASE $5::text WHEN 'es' THEN 'sí' WHEN 'fr' THEN 'oui' ELSE 'yes' END"
    "  ELSE CASE $5::text WHEN 'es' THEN 'no' WHEN 'fr' THEN 'non' ELSE 'no' END END,"
    " (SELECT string_agg(r::text, '; ') FROM json_array_elements_text(d.recs) r),"
    " d.action_id::text"
    " FROM " DUE ORDER;

int hr_db_deadlines_export(hr_db_export **out, hr_db *db, const hr_deadline_filter *f, hr_lang lang)
{
    filter_text t;
    filter_params(&t, f);
    t.params[4] = hr_lang_code(lang);
    int count = 0;
    hr_deadline_export_columns(&count);
    return hr_db_export_open_select(out, db, count, deadlines_export_sql, 5, t.params);
}
