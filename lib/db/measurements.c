/*
 * Measurements of indicators (see actions.h): one dated value per
 * indicator and day. A second value for the same day is refused by the
 * schema's UNIQUE constraint (HR_ECONFLICT), never merged.
 */
#include "internal.h"

#include "hrtrack/actions.h"
#include "hrtrack/error.h"

#include <stdio.h>
#include <stdlib.h>

#define MEASUREMENT_JSON(m)                                                                        \
    "json_build_object('id', " m ".id, 'indicator_id', " m ".indicator_id, 'measured_on', " m      \
    ".measured_on, 'value', " m ".value::text, 'note', " m ".note, 'created_at', " m               \
    ".created_at)"

/* $1 indicator, $2 after this date (NULL: from the first), $3 limit. */
static hr_stmt measurements_list = HR_STMT(
    "measurements_list",
    "WITH page AS (SELECT * FROM indicator_measurement WHERE indicator_id = $1::bigint"
    " AND ($2::date IS NULL OR measured_on > $2::date) ORDER BY measured_on LIMIT $3::integer)"
    " SELECT json_build_object("
    " 'items', coalesce((SELECT json_agg(" MEASUREMENT_JSON(
        "page") " ORDER BY page.measured_on)"
                "  FROM page), '[]'),"
                " 'next_after', CASE WHEN (SELECT count(*) FROM page) = $3::integer"
                "  THEN (SELECT max(measured_on) FROM page) END)");

int hr_db_measurements_list(json_t **out, hr_db *db, long long indicator_id, const char *after,
                            int limit)
{
    char id[24], lim[16];
    snprintf(id, sizeof id, "%lld", indicator_id);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {id, after, lim};
    return hr_db_exec_json(out, db, &measurements_list, 3, params);
}

/* $1 indicator, $2 the fields. */
static hr_stmt measurement_insert =
    HR_STMT("measurement_insert",
            "INSERT INTO indicator_measurement AS m (indicator_id, measured_on, value, note)"
            " SELECT $1::bigint, ($2::jsonb->>'measured_on')::date,"
            " ($2::jsonb->>'value')::numeric, coalesce($2::jsonb->>'note', '')"
            " RETURNING " MEASUREMENT_JSON("m"));

int hr_db_measurement_add(json_t **out, hr_db *db, const hr_actor *actor, long long indicator_id,
                          const json_t *fields)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", indicator_id);
    char *text = json_dumps(fields, JSON_COMPACT);
    if (text == NULL)
        return HR_ENOMEM;
    const char *params[] = {id, text};
    int rc = hr_db_versioned_write(out, db, actor, &measurement_insert, 2, params, NULL);
    free(text);
    return rc;
}

static hr_stmt measurement_on = HR_STMT(
    "measurement_on", "SELECT " MEASUREMENT_JSON(
                          "m") " FROM indicator_measurement m"
                               " WHERE m.indicator_id = $1::bigint AND m.measured_on = $2::date");

int hr_db_measurement_on(json_t **out, hr_db *db, long long indicator_id, const char *date)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", indicator_id);
    const char *params[] = {id, date};
    return hr_db_exec_json(out, db, &measurement_on, 2, params);
}
