/*
 * Indicators in the database (see actions.h): what measures an action or a
 * recommendation, its baseline and target. One JSON shape, INDICATOR_JSON,
 * for lists, replies to writes and the "current" of a 409.
 */
#include "internal.h"

#include "hrtrack/actions.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

#define INDICATOR_JSON(i)                                                                          \
    "json_build_object('id', " i ".id, 'action_id', " i ".action_id,"                              \
    " 'recommendation_id', " i ".recommendation_id, 'institution_id', " i ".institution_id,"       \
    " 'institution', (SELECT acronym FROM institution WHERE id = " i ".institution_id),"           \
    " 'definition', " i ".definition, 'unit', " i ".unit, 'baseline', " i ".baseline::text,"       \
    " 'baseline_date', " i ".baseline_date, 'target_value', " i ".target_value::text,"             \
    " 'due_date', " i ".due_date, 'reporting_schedule', " i ".reporting_schedule,"                 \
    " 'measurements', (SELECT count(*) FROM indicator_measurement WHERE indicator_id = " i ".id)," \
    " 'version', " i ".version, 'created_at', " i ".created_at, 'updated_at', " i ".updated_at)"

/* $1 action, $2 recommendation, $3 institution. */
#define INDICATOR_FILTERS                                                                          \
    " WHERE ($1::bigint IS NULL OR i.action_id = $1::bigint)"                                      \
    " AND ($2::bigint IS NULL OR i.recommendation_id = $2::bigint)"                                \
    " AND ($3::integer IS NULL OR i.institution_id = $3::integer)"

typedef struct filter_text {
    char action[24], recommendation[24], institution[16], after[24], limit[16];
    const char *params[5];
} filter_text;

static void filter_params(filter_text *t, const hr_indicator_filter *f)
{
    snprintf(t->action, sizeof t->action, "%lld", f->action_id);
    snprintf(t->recommendation, sizeof t->recommendation, "%lld", f->recommendation_id);
    snprintf(t->institution, sizeof t->institution, "%d", f->institution_id);
    snprintf(t->after, sizeof t->after, "%lld", f->after);
    snprintf(t->limit, sizeof t->limit, "%d", f->limit);
    t->params[0] = f->action_id > 0 ? t->action : NULL;
    t->params[1] = f->recommendation_id > 0 ? t->recommendation : NULL;
    t->params[2] = f->institution_id > 0 ? t->institution : NULL;
    t->params[3] = t->after;
    t->params[4] = t->limit;
}

static hr_stmt indicators_list =
    HR_STMT("indicators_list",
            "WITH f AS (SELECT i.* FROM indicator i" INDICATOR_FILTERS "),"
            " page AS (SELECT * FROM f WHERE id > $4::bigint ORDER BY id LIMIT $5::integer)"
            " SELECT json_build_object("
            " 'items', coalesce((SELECT json_agg(" INDICATOR_JSON(
                "page") " ORDER BY page.id) FROM page),"
                        " '[]'), 'total', (SELECT count(*) FROM f),"
                        " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $5::integer"
                        "  THEN (SELECT max(id) FROM page) END)");

int hr_db_indicators_list(json_t **out, hr_db *db, const hr_indicator_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    return hr_db_exec_json(out, db, &indicators_list, 5, t.params);
}

static const hr_export_column indicator_columns[] = {
    {"id", HR_COLUMN_NUMBER, {"ID", "ID", "ID"}},
    {"action_id", HR_COLUMN_NUMBER, {"Action", "Acción", "Action"}},
    {"recommendation_id", HR_COLUMN_NUMBER, {"Recommendation", "Recomendación", "Recommandation"}},
    {"institution", HR_COLUMN_TEXT, {"Institution", "Institución", "Institution"}},
    {"definition", HR_COLUMN_TEXT, {"Indicator", "Indicador", "Indicateur"}},
    {"unit", HR_COLUMN_TEXT, {"Unit", "Unidad", "Unité"}},
    {"baseline", HR_COLUMN_TEXT, {"Baseline", "Línea de base", "Valeur de référence"}},
    {"baseline_date",
     HR_COLUMN_TEXT,
     {"Baseline date", "Fecha de la línea de base", "Date de référence"}},
    {"target_value", HR_COLUMN_TEXT, {"Target", "Meta", "Cible"}},
    {"due_date", HR_COLUMN_TEXT, {"Due", "Vencimiento", "Échéance"}},
    {"reporting_schedule",
     HR_COLUMN_TEXT,
     {"Reporting schedule", "Periodicidad de los informes", "Périodicité des rapports"}},
};

const hr_export_column *hr_indicator_export_columns(int *count)
{
    *count = (int)(sizeof indicator_columns / sizeof indicator_columns[0]);
    return indicator_columns;
}

static const char indicators_export_sql[] =
    "SELECT i.id::text, i.action_id::text, i.recommendation_id::text,"
    " (SELECT acronym FROM institution WHERE id = i.institution_id), i.definition, i.unit,"
    " i.baseline::text, i.baseline_date::text, i.target_value::text, i.due_date::text,"
    " i.reporting_schedule FROM indicator i" INDICATOR_FILTERS " ORDER BY i.id";

int hr_db_indicators_export(hr_db_export **out, hr_db *db, const hr_indicator_filter *f)
{
    filter_text t;
    filter_params(&t, f);
    int count = 0;
    hr_indicator_export_columns(&count);
    return hr_db_export_open_select(out, db, count, indicators_export_sql, 3, t.params);
}

static hr_stmt indicator_get = HR_STMT(
    "indicator_get", "SELECT " INDICATOR_JSON("i") " FROM indicator i WHERE i.id = $1::bigint");

int hr_db_indicator_get(json_t **out, hr_db *db, long long id)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", id);
    const char *params[] = {text};
    return hr_db_exec_json(out, db, &indicator_get, 1, params);
}

/* $1 the fields. */
static hr_stmt indicator_insert = HR_STMT(
    "indicator_insert",
    "INSERT INTO indicator AS i (action_id, recommendation_id, institution_id, definition, unit,"
    " baseline, baseline_date, target_value, due_date, reporting_schedule)"
    " SELECT ($1::jsonb->>'action_id')::bigint, ($1::jsonb->>'recommendation_id')::bigint,"
    " ($1::jsonb->>'institution_id')::integer, $1::jsonb->>'definition', $1::jsonb->>'unit',"
    " ($1::jsonb->>'baseline')::numeric, ($1::jsonb->>'baseline_date')::date,"
    " ($1::jsonb->>'target_value')::numeric, ($1::jsonb->>'due_date')::date,"
    " coalesce($1::jsonb->>'reporting_schedule', 'annual')"
    " RETURNING " INDICATOR_JSON("i"));

int hr_db_indicator_create(json_t **out, hr_db *db, const hr_actor *actor, const json_t *fields)
{
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {text};
    int rc = hr_db_versioned_write(out, db, actor, &indicator_insert, 1, params, NULL);
    free(text);
    return rc;
}

/* $1 id, $2 the fields, $3 version. */
static hr_stmt indicator_update =
    HR_STMT("indicator_update",
            "UPDATE indicator AS i SET"
            " definition = CASE WHEN $2::jsonb ? 'definition' THEN $2::jsonb->>'definition'"
            "  ELSE definition END,"
            " unit = CASE WHEN $2::jsonb ? 'unit' THEN $2::jsonb->>'unit' ELSE unit END,"
            " baseline = CASE WHEN $2::jsonb ? 'baseline' THEN ($2::jsonb->>'baseline')::numeric"
            "  ELSE baseline END,"
            " baseline_date = CASE WHEN $2::jsonb ? 'baseline_date'"
            "  THEN ($2::jsonb->>'baseline_date')::date ELSE baseline_date END,"
            " target_value = CASE WHEN $2::jsonb ? 'target_value'"
            "  THEN ($2::jsonb->>'target_value')::numeric ELSE target_value END,"
            " due_date = CASE WHEN $2::jsonb ? 'due_date' THEN ($2::jsonb->>'due_date')::date"
            "  ELSE due_date END,"
            " reporting_schedule = CASE WHEN $2::jsonb ? 'reporting_schedule'"
            "  THEN $2::jsonb->>'reporting_schedule' ELSE reporting_schedule END,"
            " version = version + 1, updated_at = now()"
            " WHERE id = $1::bigint AND version = $3::integer"
            " RETURNING " INDICATOR_JSON("i"));

static hr_stmt indicator_exists =
    HR_STMT("indicator_exists", "SELECT 1 FROM indicator WHERE id = $1::bigint");

int hr_db_indicator_update(json_t **out, hr_db *db, const hr_actor *actor, long long id,
                           long version, const json_t *fields)
{
    return hr_db_versioned_update(out, db, actor, &indicator_update, &indicator_exists, id, version,
                                  fields);
}

static hr_stmt indicator_delete = HR_STMT(
    "indicator_delete", "DELETE FROM indicator WHERE id = $1::bigint AND version = $2::integer"
                        " RETURNING json_build_object('id', id)");

int hr_db_indicator_delete(hr_db *db, const hr_actor *actor, long long id, long version)
{
    return hr_db_versioned_delete(db, actor, &indicator_delete, &indicator_exists, id, version);
}
